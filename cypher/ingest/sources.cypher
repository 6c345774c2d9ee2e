UNWIND $rows AS row
MERGE (s:SourceRecord {key: row.key})
  ON CREATE SET s.id = row.id, s.ingestedAt = $now
SET s.kind = row.kind, s.source = row.source, s.sourceId = row.sourceId, s.position = row.position,
    s.contentHash = row.hash, s.status = row.status, s.reason = row.reason, s.payload = row.payload,
    s.payloadEncoding = row.payloadEncoding, s.metadata = row.metadata, s.updatedAt = $now
// Provenance in the same statement, with the record in hand: what it produced, and whom it was matched to.
WITH s, row
CALL (s, row) {
  UNWIND coalesce(row.produced.Email, []) AS id
  MATCH (n:Email {id: id})
  MERGE (s)-[:PRODUCED]->(n)
}
CALL (s, row) {
  UNWIND coalesce(row.produced.Call, []) AS id
  MATCH (n:Call {id: id})
  MERGE (s)-[:PRODUCED]->(n)
}
CALL (s, row) {
  UNWIND coalesce(row.produced.Ticket, []) AS id
  MATCH (n:Ticket {id: id})
  MERGE (s)-[:PRODUCED]->(n)
}
CALL (s, row) {
  UNWIND coalesce(row.produced.Invoice, []) AS id
  MATCH (n:Invoice {id: id})
  MERGE (s)-[:PRODUCED]->(n)
}
CALL (s, row) {
  UNWIND coalesce(row.produced.Deal, []) AS id
  MATCH (n:Deal {id: id})
  MERGE (s)-[:PRODUCED]->(n)
}
CALL (s, row) {
  UNWIND coalesce(row.produced.Activity, []) AS id
  MATCH (n:Activity {id: id})
  MERGE (s)-[:PRODUCED]->(n)
}
CALL (s, row) {
  UNWIND coalesce(row.produced.Account, []) AS id
  MATCH (n:Account {id: id})
  MERGE (s)-[:PRODUCED]->(n)
}
CALL (s, row) {
  UNWIND coalesce(row.produced.Contact, []) AS id
  MATCH (n:Contact {id: id})
  MERGE (s)-[:PRODUCED]->(n)
}
CALL (s, row) {
  UNWIND coalesce(row.produced.Rep, []) AS id
  MATCH (n:Rep {id: id})
  MERGE (s)-[:PRODUCED]->(n)
}
CALL (s, row) {
  UNWIND coalesce(row.produced.Product, []) AS id
  MATCH (n:Product {id: id})
  MERGE (s)-[:PRODUCED]->(n)
}
CALL (s, row) {
  UNWIND row.contacts AS id
  MATCH (n:Contact {id: id})
  MERGE (s)-[r:RESOLVED_TO]->(n) ON CREATE SET r.decision = 'exact-key', r.weight = 1.0
}
CALL (s, row) {
  UNWIND row.accounts AS id
  MATCH (n:Account {id: id})
  MERGE (s)-[r:RESOLVED_TO]->(n) ON CREATE SET r.decision = 'exact-key', r.weight = 1.0
}
