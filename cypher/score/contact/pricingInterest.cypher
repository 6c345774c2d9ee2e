// Behavioural trigger and inbound intent: pricing pages viewed, and the contact's own messages tagged PRICING.
UNWIND $rows AS row
MATCH (c:Contact {id: row.id})
CALL (c, row) {
  MATCH p = (c)-[:PERFORMED]->(x:Activity {type: 'PAGE_VIEWED'})
  WHERE datetime(x.occurredAt) <= row.now AND x.url CONTAINS '/pricing'
  RETURN p, x.occurredAt AS at
  UNION ALL
  MATCH p = (c)-[:SENT|JOINED]->(x)-[:TAGGED]->(:Tag {name: 'PRICING'})
  WHERE (x:Email OR x:Call) AND datetime(x.occurredAt) <= row.now AND coalesce(x.direction, 'INBOUND') = 'INBOUND'
  RETURN p, x.occurredAt AS at
}
WITH row, p, at ORDER BY at DESC
RETURN row.key AS key, sum(2.0 ^ (-duration.inSeconds(at, row.now).seconds / $halfLife)) AS value,
       collect(p)[..$evidence] AS evidence
