// The change feed (graph.ChangeFeed): every instance reads what changed since its last look — contacts and accounts
// created or updated, ids merged away — by these range indexes, so writes made by another instance or the CLI reach
// its candidate index and rescoring queue within seconds.
CREATE INDEX contact_created IF NOT EXISTS FOR (n:Contact) ON (n.createdAt);
CREATE INDEX contact_updated IF NOT EXISTS FOR (n:Contact) ON (n.updatedAt);
CREATE INDEX account_created IF NOT EXISTS FOR (n:Account) ON (n.createdAt);
CREATE INDEX account_updated IF NOT EXISTS FOR (n:Account) ON (n.updatedAt);
CREATE INDEX alias_created IF NOT EXISTS FOR (n:Alias) ON (n.createdAt);
