// Paths to won deals: the contact's account already bought (a deal won at or before the moment scored).
UNWIND $rows AS row
MATCH p = (:Contact {id: row.id})-[:WORKS_AT]->(:Account)<-[:FOR]-(d:Deal)
WHERE d.stage = 'WON' AND d.closedAt <= row.now
WITH row, p, d.closedAt AS at ORDER BY at DESC
RETURN row.key AS key, count(p) AS value, collect(p)[..$evidence] AS evidence
