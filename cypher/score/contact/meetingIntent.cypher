// Inbound intent: the contact asked for a meeting or a demo (MEETING tags on what they sent or said).
UNWIND $rows AS row
MATCH (c:Contact {id: row.id})
MATCH p = (c)-[:SENT|JOINED]->(x)-[:TAGGED]->(:Tag {name: 'MEETING'})
WHERE (x:Email OR x:Call) AND datetime(x.occurredAt) <= row.now AND coalesce(x.direction, 'INBOUND') = 'INBOUND'
WITH row, p, x.occurredAt AS at ORDER BY at DESC
RETURN row.key AS key, sum(2.0 ^ (-duration.inSeconds(at, row.now).seconds / $halfLife)) AS value,
       collect(p)[..$evidence] AS evidence
