// Multi-threading: other people at the same account who engaged, each counted once with the decay of their most
// recent engagement (three colleagues active this week weigh about three; one who went quiet months ago, almost 0).
// Each colleague's latest engagement is found once per account and moment, not once per contact: at an account of
// a thousand people (real mail) asking it per contact was a thousand times the work (issue #25).
UNWIND $rows AS row
MATCH (c:Contact {id: row.id})-[:WORKS_AT]->(a:Account)
WITH a, row.now AS now, collect({row: row, c: c}) AS members
CALL (a, now) {
  MATCH (a)<-[:WORKS_AT]-(o:Contact)
  CALL (o, now) {
    MATCH (o)-[:PERFORMED|SENT|JOINED]->(x)
    WHERE (x:Activity OR x:Call OR (x:Email AND x.direction = 'INBOUND')) AND datetime(x.occurredAt) <= now
    RETURN x, x.occurredAt AS at ORDER BY at DESC LIMIT 1
  }
  WITH o, x, at ORDER BY at DESC
  RETURN collect({o: o, x: x, at: at}) AS engaged
}
UNWIND members AS m
WITH m.row AS row, m.c AS c, a, [e IN engaged WHERE e.o <> m.c] AS others
WITH row, c, a, others,
     reduce(s = 0.0, e IN others | s + 2.0 ^ (-duration.inSeconds(e.at, row.now).seconds / $halfLife)) AS value
UNWIND others[..$evidence] AS e
WITH row, c, a, value, e.o AS o, e.x AS x, e.at AS at
MATCH p = (c)-[:WORKS_AT]->(a)<-[:WORKS_AT]-(o)-[:PERFORMED|SENT|JOINED]->(x)
WITH row, value, p, at ORDER BY at DESC
RETURN row.key AS key, value, collect(p)[..$evidence] AS evidence
