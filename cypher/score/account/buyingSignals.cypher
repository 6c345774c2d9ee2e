// Buying signals across the account's people: pricing pages viewed, content downloaded, forms sent, and what they
// wrote or said tagged PRICING or MEETING — each decayed by age.
UNWIND $rows AS row
MATCH (a:Account {id: row.id})
CALL (a, row) {
  MATCH p = (a)<-[:WORKS_AT]-(:Contact)-[:PERFORMED]->(x:Activity)
  WHERE datetime(x.occurredAt) <= row.now
    AND (x.type IN ['CONTENT_DOWNLOADED', 'FORM_SUBMITTED'] OR (x.type = 'PAGE_VIEWED' AND x.url CONTAINS '/pricing'))
  RETURN p, x.occurredAt AS at
  UNION ALL
  MATCH p = (a)<-[:WORKS_AT]-(:Contact)-[:SENT|JOINED]->(x)-[:TAGGED]->(t:Tag)
  WHERE t.name IN ['PRICING', 'MEETING'] AND datetime(x.occurredAt) <= row.now
    AND (x:Call OR (x:Email AND x.direction = 'INBOUND'))
  RETURN p, x.occurredAt AS at
}
WITH row, p, at ORDER BY at DESC
RETURN row.key AS key, sum(2.0 ^ (-duration.inSeconds(at, row.now).seconds / $halfLife)) AS value,
       collect(p)[..$evidence] AS evidence
