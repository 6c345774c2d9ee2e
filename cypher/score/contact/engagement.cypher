// Engagement recency and frequency: the contact's own activities, inbound emails and calls, each decayed by age.
UNWIND $rows AS row
MATCH (c:Contact {id: row.id})
CALL (c, row) {
  MATCH p = (c)-[:PERFORMED]->(x:Activity) WHERE datetime(x.occurredAt) <= row.now
  RETURN p, x.occurredAt AS at
  UNION ALL
  MATCH p = (c)-[:SENT]->(x:Email {direction: 'INBOUND'}) WHERE datetime(x.occurredAt) <= row.now
  RETURN p, x.occurredAt AS at
  UNION ALL
  MATCH p = (c)-[:JOINED]->(x:Call) WHERE datetime(x.occurredAt) <= row.now
  RETURN p, x.occurredAt AS at
}
WITH row, p, at ORDER BY at DESC
RETURN row.key AS key, sum(2.0 ^ (-duration.inSeconds(at, row.now).seconds / $halfLife)) AS value,
       collect(p)[..$evidence] AS evidence
