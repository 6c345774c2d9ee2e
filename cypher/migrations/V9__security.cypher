// API keys: found by the SHA-256 hash of the presented secret; listed and revoked by id.
CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (n:ApiKey) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT api_key_hash IF NOT EXISTS FOR (n:ApiKey) REQUIRE n.hash IS UNIQUE;
// The audit of reads and changes of personal data: by subject, by caller, by time.
CREATE CONSTRAINT audit_id IF NOT EXISTS FOR (n:AuditEvent) REQUIRE n.id IS UNIQUE;
CREATE INDEX audit_at IF NOT EXISTS FOR (n:AuditEvent) ON (n.at);
CREATE INDEX audit_caller IF NOT EXISTS FOR (n:AuditEvent) ON (n.callerId);
CREATE INDEX audit_subjects IF NOT EXISTS FOR (n:AuditEvent) ON (n.subjects);
// Reps and their teams decide which accounts a REP key may reach.
CREATE INDEX rep_team IF NOT EXISTS FOR (n:Rep) ON (n.team);
