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

// Our sales agents and products (CRM exports), linked from deals by normalised name.
CREATE CONSTRAINT rep_id IF NOT EXISTS FOR (n:Rep) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT product_id IF NOT EXISTS FOR (n:Product) REQUIRE n.id IS UNIQUE;
CREATE INDEX rep_name_key IF NOT EXISTS FOR (n:Rep) ON (n.nameKey);
CREATE INDEX product_key IF NOT EXISTS FOR (n:Product) ON (n.key);
CREATE INDEX deal_owner_key IF NOT EXISTS FOR (n:Deal) ON (n.ownerKey);
CREATE INDEX deal_product_key IF NOT EXISTS FOR (n:Deal) ON (n.productKey);
