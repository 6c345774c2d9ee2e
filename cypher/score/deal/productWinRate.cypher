// What the product usually does: won / closed over other deals for the same product closed before the moment
// scored, smoothed and centred like the rep's record.
UNWIND $rows AS row
MATCH (d:Deal {id: row.id})-[:OF_PRODUCT]->(pr:Product)<-[:OF_PRODUCT]-(o:Deal)
WHERE o <> d AND o.stage IN ['WON', 'LOST'] AND o.closedAt <= row.now
WITH row, d, pr, o ORDER BY CASE o.stage WHEN 'WON' THEN 0 ELSE 1 END, o.closedAt DESC
WITH row, d, pr, (sum(CASE o.stage WHEN 'WON' THEN 1 ELSE 0 END) + 1.0) / (count(o) + 2.0) - 0.5 AS value,
     collect(o)[..$evidence] AS shown
RETURN row.key AS key, value, [o IN shown | head([p = (d)-[:OF_PRODUCT]->(pr)<-[:OF_PRODUCT]-(o) | p])] AS evidence
