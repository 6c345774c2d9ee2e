// Paths to won deals: other deals the same account has already bought. Counted on nodes; only the most recent
// few become paths.
UNWIND $rows AS row
MATCH (d:Deal {id: row.id})-[:FOR]->(a:Account)<-[:FOR]-(w:Deal)
WHERE w <> d AND w.stage = 'WON' AND w.closedAt <= row.now
WITH row, d, a, w ORDER BY w.closedAt DESC
WITH row, d, a, count(w) AS value, collect(w)[..$evidence] AS recent
RETURN row.key AS key, value, [w IN recent | head([p = (d)-[:FOR]->(a)<-[:FOR]-(w) | p])] AS evidence
