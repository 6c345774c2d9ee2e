// Identity keys of people and companies for exact-key matching: email:<address>, name:<normalised name>@<domain>,
// domain:<domain>, name:<normalised company>, vat:<VAT id>. One key points at one entity; resolution may retarget.
CREATE CONSTRAINT alias_key IF NOT EXISTS FOR (n:Alias) REQUIRE n.key IS UNIQUE;

// Quarantine listing: records that could not be parsed, newest first.
CREATE INDEX sourcerecord_status IF NOT EXISTS FOR (n:SourceRecord) ON (n.status, n.ingestedAt);

// Ingest jobs (bulk uploads and CLI imports), looked up by id.
CREATE CONSTRAINT ingestjob_id IF NOT EXISTS FOR (n:IngestJob) REQUIRE n.id IS UNIQUE;

// Lookups by natural keys of ingested records.
CREATE INDEX invoice_number IF NOT EXISTS FOR (n:Invoice) ON (n.number);
CREATE INDEX contact_name_key IF NOT EXISTS FOR (n:Contact) ON (n.nameKey);
CREATE INDEX account_name_sort IF NOT EXISTS FOR (n:Account) ON (n.nameSort);
CREATE INDEX email_thread IF NOT EXISTS FOR (n:Email) ON (n.threadKey);
CREATE INDEX ticket_external IF NOT EXISTS FOR (n:Ticket) ON (n.externalKey);
CREATE INDEX activity_anonymous IF NOT EXISTS FOR (n:Activity) ON (n.anonymousId);
