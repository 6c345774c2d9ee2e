UNWIND $rows AS row
MERGE (t:Ticket {id: row.id})
  ON CREATE SET t.statusNames = [], t.statusChangedAt = []
WITH t, row, t.status AS previous
SET t += row.props, t.status = row.status
// An updated ticket keeps its history: each new status is appended with when it was seen.
FOREACH (_ IN CASE WHEN previous IS NULL OR previous <> row.status THEN [1] ELSE [] END |
  SET t.statusNames = coalesce(t.statusNames, []) + row.status,
      t.statusChangedAt = coalesce(t.statusChangedAt, []) + row.statusAt)
WITH t, row
CALL (t, row) {
  MATCH (c:Contact {id: row.requesterId})
  MERGE (c)-[:RAISED]->(t)
}
CALL (t, row) {
  MATCH (a:Account {id: row.accountId})
  MERGE (t)-[:FOR]->(a)
}
