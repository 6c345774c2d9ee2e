// Earlier versions of records updated in place (IngestWriter.keepPreviousVersions): one node per replaced version
// and produced node, linked from its SourceRecord by HAD_VERSION.
CREATE CONSTRAINT sourceversion_id IF NOT EXISTS FOR (n:SourceVersion) REQUIRE n.id IS UNIQUE;
