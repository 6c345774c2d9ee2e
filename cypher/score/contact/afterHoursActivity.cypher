// CREEPY, forbidden by default (customer-graph.score.forbidden-features): how often the person reads our mail or
// browses our site between midnight and 5 a.m. in their own time zone. It may well predict something, and nobody
// would want to be scored on it. It exists so that the guard has something real to keep out; the guard never runs it.
UNWIND $rows AS row
MATCH p = (c:Contact {id: row.id})-[:PERFORMED]->(x:Activity)
WHERE datetime(x.occurredAt) <= row.now AND c.timeZone IS NOT NULL
  AND datetime({datetime: x.occurredAt, timezone: c.timeZone}).hour < 5
WITH row, p, x.occurredAt AS at ORDER BY at DESC
RETURN row.key AS key, sum(2.0 ^ (-duration.inSeconds(at, row.now).seconds / $halfLife)) AS value,
       collect(p)[..$evidence] AS evidence
