// The ids a customer's own system gives accounts and deals (an export's id column, or a row's place with
// --map id=@row): outcome files name entities by them.
CREATE INDEX account_external_id IF NOT EXISTS FOR (n:Account) ON (n.externalId);
CREATE INDEX deal_external_id IF NOT EXISTS FOR (n:Deal) ON (n.externalId);
