UNWIND $rows AS row
MERGE (d:Deal {id: row.id})
  ON CREATE SET d.createdAt = $now, d.stageNames = [], d.stageEnteredAt = []
WITH d, row, d.stage AS previous
SET d += row.props, d.stage = row.stage, d.updatedAt = $now
FOREACH (_ IN CASE WHEN previous IS NULL AND NOT row.stage IN ['PROSPECTING'] THEN [1] ELSE [] END |
  SET d.stageNames = ['PROSPECTING'], d.stageEnteredAt = [row.openedAt])
FOREACH (_ IN CASE WHEN previous IS NULL OR previous <> row.stage THEN [1] ELSE [] END |
  SET d.stageNames = d.stageNames + row.stage, d.stageEnteredAt = d.stageEnteredAt + row.stageAt)
WITH d, row
CALL (d, row) {
  MATCH (a:Account {id: row.accountId})
  MERGE (d)-[:FOR]->(a)
}
