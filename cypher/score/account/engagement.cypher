// Engagement of the account's people: activities, inbound emails and calls, each decayed by age.
UNWIND $rows AS row
MATCH (a:Account {id: row.id})
CALL (a, row) {
  MATCH p = (a)<-[:WORKS_AT]-(:Contact)-[:PERFORMED]->(x:Activity) WHERE datetime(x.occurredAt) <= row.now
  RETURN p, x.occurredAt AS at
  UNION ALL
  MATCH p = (a)<-[:WORKS_AT]-(:Contact)-[:SENT]->(x:Email {direction: 'INBOUND'}) WHERE datetime(x.occurredAt) <= row.now
  RETURN p, x.occurredAt AS at
  UNION ALL
  MATCH p = (a)<-[:WORKS_AT]-(:Contact)-[:JOINED]->(x:Call) WHERE datetime(x.occurredAt) <= row.now
  RETURN p, x.occurredAt AS at
}
WITH row, p, at ORDER BY at DESC
RETURN row.key AS key, sum(2.0 ^ (-duration.inSeconds(at, row.now).seconds / $halfLife)) AS value,
       collect(p)[..$evidence] AS evidence
