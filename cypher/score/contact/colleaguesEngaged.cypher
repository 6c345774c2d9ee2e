// Multi-threading: other people at the same account who engaged, each counted once with the decay of their most
// recent engagement (three colleagues active this week weigh about three; one who went quiet months ago, almost 0).
UNWIND $rows AS row
MATCH (c:Contact {id: row.id})-[:WORKS_AT]->(a:Account)<-[:WORKS_AT]-(o:Contact)
WHERE o <> c
CALL (o, row) {
  MATCH (o)-[:PERFORMED|SENT|JOINED]->(x)
  WHERE (x:Activity OR x:Call OR (x:Email AND x.direction = 'INBOUND')) AND datetime(x.occurredAt) <= row.now
  RETURN x, x.occurredAt AS at ORDER BY at DESC LIMIT 1
}
WITH row, c, a, o, x, at ORDER BY at DESC
WITH row, c, a, collect({o: o, x: x, at: at}) AS engaged
WITH row, c, a, engaged,
     reduce(s = 0.0, e IN engaged | s + 2.0 ^ (-duration.inSeconds(e.at, row.now).seconds / $halfLife)) AS value
UNWIND engaged[..$evidence] AS e
WITH row, c, a, value, e.o AS o, e.x AS x, e.at AS at
MATCH p = (c)-[:WORKS_AT]->(a)<-[:WORKS_AT]-(o)-[:PERFORMED|SENT|JOINED]->(x)
WITH row, value, p, at ORDER BY at DESC
RETURN row.key AS key, value, collect(p)[..$evidence] AS evidence
