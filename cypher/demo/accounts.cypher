UNWIND $rows AS row
MERGE (n:Account {id: row.id})
SET n += row.props, n.resolvePending = true
WITH n, row
MERGE (s:SourceRecord {key: "demo:" + row.id})
  ON CREATE SET s.id = row.sourceRecordId, s.source = "demo", s.sourceId = row.id, s.contentHash = row.hash, s.ingestedAt = $now
MERGE (s)-[:PRODUCED]->(n)
