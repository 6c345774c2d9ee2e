// Frustration, complaints and churn intent in what the account's people sent or said, and in its tickets.
UNWIND $rows AS row
MATCH (a:Account {id: row.id})
CALL (a, row) {
  MATCH p = (a)<-[:WORKS_AT]-(:Contact)-[:SENT|JOINED]->(x)-[:TAGGED]->(t:Tag)
  WHERE t.name IN ['FRUSTRATION', 'COMPLAINT', 'CHURN'] AND datetime(x.occurredAt) <= row.now
    AND (x:Call OR (x:Email AND x.direction = 'INBOUND'))
  RETURN p, x.occurredAt AS at
  UNION ALL
  MATCH p = (a)<-[:FOR]-(x:Ticket)-[:TAGGED]->(t:Tag)
  WHERE t.name IN ['FRUSTRATION', 'COMPLAINT', 'CHURN'] AND datetime(x.occurredAt) <= row.now
  RETURN p, x.occurredAt AS at
}
WITH row, p, at ORDER BY at DESC
RETURN row.key AS key, sum(2.0 ^ (-duration.inSeconds(at, row.now).seconds / $halfLife)) AS value,
       collect(p)[..$evidence] AS evidence
