// Frustration, complaints and unsubscribe requests in what the contact sent, said or raised, each weighed by the
// confidence of its tag (a sentence that merely reads negative counts 0.6–0.9, a phrase rule 0.9–0.95).
UNWIND $rows AS row
MATCH (c:Contact {id: row.id})
MATCH p = (c)-[:SENT|JOINED|RAISED]->(x)-[tagged:TAGGED]->(t:Tag)
WHERE t.name IN ['FRUSTRATION', 'COMPLAINT'] AND datetime(x.occurredAt) <= row.now
  AND (x:Ticket OR x:Call OR (x:Email AND x.direction = 'INBOUND'))
WITH row, p, x.occurredAt AS at, coalesce(tagged.confidence, 1.0) AS weight ORDER BY at DESC
RETURN row.key AS key, sum(weight * 2.0 ^ (-duration.inSeconds(at, row.now).seconds / $halfLife)) AS value,
       collect(p)[..$evidence] AS evidence
