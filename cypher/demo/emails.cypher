UNWIND $rows AS row
MERGE (n:Email {id: row.id})
SET n += row.props
WITH n, row
CALL (n, row) {
  MATCH (c:Contact {id: row.fromId})
  MERGE (c)-[:SENT]->(n)
}
CALL (n, row) {
  UNWIND row.toIds AS toId
  MATCH (c:Contact {id: toId})
  MERGE (n)-[:TO]->(c)
}
CALL (n, row) {
  UNWIND row.ccIds AS ccId
  MATCH (c:Contact {id: ccId})
  MERGE (n)-[:CC]->(c)
}
WITH n, row
MERGE (s:SourceRecord {key: "demo:" + row.id})
  ON CREATE SET s.id = row.sourceRecordId, s.source = "demo", s.sourceId = row.id, s.contentHash = row.hash, s.ingestedAt = $now
MERGE (s)-[:PRODUCED]->(n)
