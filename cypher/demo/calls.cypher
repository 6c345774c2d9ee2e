UNWIND $rows AS row
MERGE (n:Call {id: row.id})
SET n += row.props
WITH n, row
CALL (n, row) {
  UNWIND row.participantIds AS contactId
  MATCH (c:Contact {id: contactId})
  MERGE (c)-[:JOINED]->(n)
}
WITH n, row
MERGE (s:SourceRecord {key: "demo:" + row.id})
  ON CREATE SET s.id = row.sourceRecordId, s.source = "demo", s.sourceId = row.id, s.contentHash = row.hash, s.ingestedAt = $now
MERGE (s)-[:PRODUCED]->(n)
