// Filters of the accounts / contacts / deals connections, and their keyset sort keys.
CREATE INDEX account_sort IF NOT EXISTS FOR (n:Account) ON (n.nameSort, n.id);
CREATE INDEX account_domain IF NOT EXISTS FOR (n:Account) ON (n.domain);
CREATE INDEX account_owner IF NOT EXISTS FOR (n:Account) ON (n.owner);
CREATE INDEX contact_sort IF NOT EXISTS FOR (n:Contact) ON (n.nameSort, n.id);
CREATE INDEX contact_email IF NOT EXISTS FOR (n:Contact) ON (n.email);
CREATE INDEX deal_created IF NOT EXISTS FOR (n:Deal) ON (n.occurredAt, n.id);
CREATE INDEX deal_stage IF NOT EXISTS FOR (n:Deal) ON (n.stage);
CREATE INDEX deal_owner IF NOT EXISTS FOR (n:Deal) ON (n.owner);

// Timelines order interactions by time.
CREATE INDEX email_time IF NOT EXISTS FOR (n:Email) ON (n.occurredAt);
CREATE INDEX email_message_id IF NOT EXISTS FOR (n:Email) ON (n.messageId);
CREATE INDEX call_time IF NOT EXISTS FOR (n:Call) ON (n.occurredAt);
CREATE INDEX ticket_time IF NOT EXISTS FOR (n:Ticket) ON (n.occurredAt);
CREATE INDEX ticket_status IF NOT EXISTS FOR (n:Ticket) ON (n.status);
CREATE INDEX invoice_time IF NOT EXISTS FOR (n:Invoice) ON (n.occurredAt);
CREATE INDEX invoice_due IF NOT EXISTS FOR (n:Invoice) ON (n.dueAt);
CREATE INDEX activity_time IF NOT EXISTS FOR (n:Activity) ON (n.occurredAt);
CREATE INDEX activity_type IF NOT EXISTS FOR (n:Activity) ON (n.type);

// Provenance: find the record behind a node, or whether a payload was already seen.
CREATE INDEX sourcerecord_hash IF NOT EXISTS FOR (n:SourceRecord) ON (n.contentHash);
CREATE INDEX sourcerecord_source IF NOT EXISTS FOR (n:SourceRecord) ON (n.source);
