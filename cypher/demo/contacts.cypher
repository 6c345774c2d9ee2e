UNWIND $rows AS row
MATCH (a:Account {id: row.accountId})
MERGE (n:Contact {id: row.id})
SET n += row.props, n.resolvePending = true
MERGE (n)-[w:WORKS_AT]->(a) ON CREATE SET w.since = row.props.createdAt
WITH n, row
MERGE (s:SourceRecord {key: "demo:" + row.id})
  ON CREATE SET s.id = row.sourceRecordId, s.source = "demo", s.sourceId = row.id, s.contentHash = row.hash, s.ingestedAt = $now
MERGE (s)-[:PRODUCED]->(n)
