// Cluster-wide jobs (the six-hourly rescoring, the nightly retraining of word vectors) are held by one instance at a
// time through a Lease node per job (graph.Leases); the constraint keeps two instances from creating one twice.
CREATE CONSTRAINT lease_name IF NOT EXISTS FOR (n:Lease) REQUIRE n.name IS UNIQUE;
