// Erasure records: one per erased person, keyed by a one-way hash of the person's id (no personal data).
CREATE CONSTRAINT erasure_id IF NOT EXISTS FOR (n:Erasure) REQUIRE n.id IS UNIQUE;
CREATE INDEX erasure_status IF NOT EXISTS FOR (n:Erasure) ON (n.status);
