// Frustration, complaints and unsubscribe requests in what the contact sent, said or raised.
UNWIND $rows AS row
MATCH (c:Contact {id: row.id})
MATCH p = (c)-[:SENT|JOINED|RAISED]->(x)-[:TAGGED]->(t:Tag)
WHERE t.name IN ['FRUSTRATION', 'COMPLAINT'] AND datetime(x.occurredAt) <= row.now
  AND (x:Ticket OR x:Call OR (x:Email AND x.direction = 'INBOUND'))
WITH row, p, x.occurredAt AS at ORDER BY at DESC
RETURN row.key AS key, sum(2.0 ^ (-duration.inSeconds(at, row.now).seconds / $halfLife)) AS value,
       collect(p)[..$evidence] AS evidence
