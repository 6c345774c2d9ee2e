// What the product usually does: won / closed over other deals for the same product closed before the moment
// scored, smoothed like the rep's record (and centred: 0 is a coin toss).
UNWIND $rows AS row
MATCH (d:Deal {id: row.id})-[:OF_PRODUCT]->(pr:Product)
MATCH p = (d)-[:OF_PRODUCT]->(pr)<-[:OF_PRODUCT]-(o:Deal)
WHERE o <> d AND o.stage IN ['WON', 'LOST'] AND o.closedAt <= row.now
WITH row, p, o ORDER BY CASE o.stage WHEN 'WON' THEN 0 ELSE 1 END, o.closedAt DESC
WITH row, (sum(CASE o.stage WHEN 'WON' THEN 1 ELSE 0 END) + 1.0) / (count(o) + 2.0) AS value, collect(p)[..$evidence] AS evidence
RETURN row.key AS key, value - 0.5 AS value, evidence
