UNWIND $rows AS row
MERGE (d:Deal {id: row.id})
  ON CREATE SET d.createdAt = $now, d.stageNames = [], d.stageEnteredAt = []
WITH d, row, d.stage AS previous, d.closeDate AS previousClose
// A close date moved later is a push: kept with when it was seen (a deal-win feature reads it).
FOREACH (_ IN CASE WHEN previousClose IS NOT NULL AND row.props.closeDate IS NOT NULL AND row.props.closeDate > previousClose THEN [1] ELSE [] END |
  SET d.closeDatePushedAt = coalesce(d.closeDatePushedAt, []) + $now,
      d.closeDateHistory = coalesce(d.closeDateHistory, []) + previousClose)
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
SET d.ownerKey = row.ownerKey, d.productKey = row.productKey
WITH d, row
CALL (d, row) {
  MATCH (r:Rep {nameKey: row.ownerKey})
  MERGE (d)-[:OWNED_BY]->(r)
}
CALL (d, row) {
  MATCH (p:Product {key: row.productKey})
  MERGE (d)-[:OF_PRODUCT]->(p)
}
