// Entity resolution. A merged-away entity keeps its node, relabelled MergedContact / MergedAccount, so a split can
// restore it exactly; its id still resolves through an Alias {key: 'id:<old id>'} to the survivor.
CREATE CONSTRAINT mergedcontact_id IF NOT EXISTS FOR (n:MergedContact) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT mergedaccount_id IF NOT EXISTS FOR (n:MergedAccount) REQUIRE n.id IS UNIQUE;

// Uncertain matches waiting for a person, listed most uncertain first.
CREATE CONSTRAINT review_id IF NOT EXISTS FOR (n:Review) REQUIRE n.id IS UNIQUE;
CREATE INDEX review_queue IF NOT EXISTS FOR (n:Review) ON (n.status, n.uncertainty, n.id);

// Entities created by ingestion and not yet resolved (resolution runs after the batch commits; a crash in between
// leaves them flagged, and the next import or start-up resolves them).
CREATE INDEX contact_resolve_pending IF NOT EXISTS FOR (n:Contact) ON (n.resolvePending);
CREATE INDEX account_resolve_pending IF NOT EXISTS FOR (n:Account) ON (n.resolvePending);
