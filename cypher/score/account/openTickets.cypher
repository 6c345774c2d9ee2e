// Open tickets by severity and age: each ticket open at the moment scored weighs 0.5 (LOW), 1 (NORMAL), 2 (HIGH) or
// 3 (URGENT), times 1 + its age in months (capped at three): an urgent ticket open for a month weighs 6.
UNWIND $rows AS row
MATCH p = (a:Account {id: row.id})<-[:FOR]-(t:Ticket)
WHERE datetime(t.occurredAt) <= row.now AND (t.solvedAt IS NULL OR t.solvedAt > row.now)
  AND (t.solvedAt IS NOT NULL OR NOT t.status IN ['SOLVED', 'CLOSED'])
WITH row, p, t,
     CASE t.priority WHEN 'URGENT' THEN 3.0 WHEN 'HIGH' THEN 2.0 WHEN 'LOW' THEN 0.5 ELSE 1.0 END AS severity,
     duration.inSeconds(t.occurredAt, row.now).seconds / (30.0 * 86400) AS months
WITH row, p, severity * (1 + CASE WHEN months > 3 THEN 3 ELSE months END) AS weight
ORDER BY weight DESC
RETURN row.key AS key, sum(weight) AS value, collect(p)[..$evidence] AS evidence
