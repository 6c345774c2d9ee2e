// Frustration, complaints and churn intent in what the account's people sent or said, and in its tickets, each
// weighed by the confidence of its tag (a sentence that merely reads negative counts 0.6–0.9, a phrase rule 0.9–0.95).
UNWIND $rows AS row
MATCH (a:Account {id: row.id})
CALL (a, row) {
  MATCH p = (a)<-[:WORKS_AT]-(:Contact)-[:SENT|JOINED]->(x)-[tagged:TAGGED]->(t:Tag)
  WHERE t.name IN ['FRUSTRATION', 'COMPLAINT', 'CHURN'] AND datetime(x.occurredAt) <= row.now
    AND (x:Call OR (x:Email AND x.direction = 'INBOUND'))
  RETURN p, x.occurredAt AS at, coalesce(tagged.confidence, 1.0) AS weight
  UNION ALL
  MATCH p = (a)<-[:FOR]-(x:Ticket)-[tagged:TAGGED]->(t:Tag)
  WHERE t.name IN ['FRUSTRATION', 'COMPLAINT', 'CHURN'] AND datetime(x.occurredAt) <= row.now
  RETURN p, x.occurredAt AS at, coalesce(tagged.confidence, 1.0) AS weight
}
WITH row, p, at, weight ORDER BY at DESC
RETURN row.key AS key, sum(weight * 2.0 ^ (-duration.inSeconds(at, row.now).seconds / $halfLife)) AS value,
       collect(p)[..$evidence] AS evidence
