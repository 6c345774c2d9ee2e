// Paths to won deals: other deals the same account has already bought.
UNWIND $rows AS row
MATCH p = (d:Deal {id: row.id})-[:FOR]->(:Account)<-[:FOR]-(w:Deal)
WHERE w <> d AND w.stage = 'WON' AND w.closedAt <= row.now
WITH row, p, w.closedAt AS at ORDER BY at DESC
RETURN row.key AS key, count(p) AS value, collect(p)[..$evidence] AS evidence
