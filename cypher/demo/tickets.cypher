UNWIND $rows AS row
MATCH (a:Account {id: row.accountId})
MATCH (c:Contact {id: row.requesterId})
MERGE (n:Ticket {id: row.id})
SET n += row.props
MERGE (c)-[:RAISED]->(n)
MERGE (n)-[:FOR]->(a)
WITH n, row
MERGE (s:SourceRecord {key: "demo:" + row.id})
  ON CREATE SET s.id = row.sourceRecordId, s.source = "demo", s.sourceId = row.id, s.contentHash = row.hash, s.ingestedAt = $now
MERGE (s)-[:PRODUCED]->(n)
