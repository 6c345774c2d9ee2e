// The owner's record: won / closed over the rep's other deals closed before the moment scored, smoothed towards
// one half by one won and one lost pseudo-deal so that a rep with two deals does not look perfect, and centred
// (0 is a coin toss). Evidence: a few of the rep's recent wins.
UNWIND $rows AS row
MATCH (d:Deal {id: row.id})-[:OWNED_BY]->(r:Rep)<-[:OWNED_BY]-(o:Deal)
WHERE o <> d AND o.stage IN ['WON', 'LOST'] AND o.closedAt <= row.now
WITH row, d, r, o ORDER BY CASE o.stage WHEN 'WON' THEN 0 ELSE 1 END, o.closedAt DESC
WITH row, d, r, (sum(CASE o.stage WHEN 'WON' THEN 1 ELSE 0 END) + 1.0) / (count(o) + 2.0) - 0.5 AS value,
     collect(o)[..$evidence] AS shown
RETURN row.key AS key, value, [o IN shown | head([p = (d)-[:OWNED_BY]->(r)<-[:OWNED_BY]-(o) | p])] AS evidence
