// Champion gone quiet: the account's most engaged person over the 90 days before the last three weeks has not
// engaged in the last three weeks. 1 or 0; the evidence is the champion's last engagement.
UNWIND $rows AS row
MATCH (a:Account {id: row.id})<-[:WORKS_AT]-(c:Contact)-[:PERFORMED|SENT|JOINED]->(x)
WHERE (x:Activity OR x:Call OR (x:Email AND x.direction = 'INBOUND'))
  AND datetime(x.occurredAt) <= row.now - duration('P21D') AND datetime(x.occurredAt) > row.now - duration('P111D')
WITH row, a, c, count(x) AS before ORDER BY before DESC, c.id
WITH row, a, head(collect(c)) AS champion
WHERE NOT EXISTS {
  MATCH (champion)-[:PERFORMED|SENT|JOINED]->(y)
  WHERE (y:Activity OR y:Call OR (y:Email AND y.direction = 'INBOUND'))
    AND datetime(y.occurredAt) > row.now - duration('P21D') AND datetime(y.occurredAt) <= row.now
}
CALL (a, champion, row) {
  MATCH p = (a)<-[:WORKS_AT]-(champion)-[:PERFORMED|SENT|JOINED]->(x)
  WHERE (x:Activity OR x:Call OR (x:Email AND x.direction = 'INBOUND')) AND datetime(x.occurredAt) <= row.now
  RETURN p ORDER BY x.occurredAt DESC LIMIT 1
}
RETURN row.key AS key, 1 AS value, [p] AS evidence
