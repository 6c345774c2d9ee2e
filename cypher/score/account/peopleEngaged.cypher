// Multi-threading: how many of the account's people engage, each counted once with the decay of their most recent
// engagement.
UNWIND $rows AS row
MATCH (a:Account {id: row.id})<-[:WORKS_AT]-(c:Contact)
CALL (c, row) {
  MATCH (c)-[:PERFORMED|SENT|JOINED]->(x)
  WHERE (x:Activity OR x:Call OR (x:Email AND x.direction = 'INBOUND')) AND datetime(x.occurredAt) <= row.now
  RETURN x, x.occurredAt AS at ORDER BY at DESC LIMIT 1
}
WITH row, a, c, x, at ORDER BY at DESC
WITH row, a, collect({c: c, x: x, at: at}) AS engaged
WITH row, a, engaged,
     reduce(s = 0.0, e IN engaged | s + 2.0 ^ (-duration.inSeconds(e.at, row.now).seconds / $halfLife)) AS value
UNWIND engaged[..$evidence] AS e
WITH row, a, value, e.c AS c, e.x AS x, e.at AS at
MATCH p = (a)<-[:WORKS_AT]-(c)-[:PERFORMED|SENT|JOINED]->(x)
WITH row, value, p, at ORDER BY at DESC
RETURN row.key AS key, value, collect(p)[..$evidence] AS evidence
