// Leads: the people at an account when its first deal opened; converted if that deal was won. Learnt from as they
// looked when the deal opened.
MATCH (a:Account)<-[:FOR]-(d:Deal)
WHERE d.stage IN ['WON', 'LOST'] AND d.closedAt <= $now AND coalesce(d.openedKnown, true)
WITH a, d ORDER BY d.closedAt, d.id
WITH a, head(collect(d)) AS first
WHERE first.occurredAt < first.closedAt
MATCH (c:Contact)-[:WORKS_AT]->(a)
RETURN c.id AS id, first.occurredAt AS at, first.closedAt AS outcomeAt, first.stage = 'WON' AS positive
