UNWIND $rows AS row
MATCH (c:Contact {id: row.contactId})
MERGE (n:Activity {id: row.id})
SET n += row.props
MERGE (c)-[:PERFORMED]->(n)
WITH n, row
MERGE (s:SourceRecord {key: "demo:" + row.id})
  ON CREATE SET s.id = row.sourceRecordId, s.source = "demo", s.sourceId = row.id, s.contentHash = row.hash, s.ingestedAt = $now
MERGE (s)-[:PRODUCED]->(n)
