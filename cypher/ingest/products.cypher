UNWIND $rows AS row
MERGE (p:Product {id: row.id})
  ON CREATE SET p.createdAt = $now
SET p.name = row.name, p.key = row.key, p.series = row.series, p.listPrice = row.listPrice, p.updatedAt = $now
WITH p
// Deals imported before their product: link them now.
MATCH (d:Deal {productKey: p.key}) WHERE NOT (d)-[:OF_PRODUCT]->(:Product)
MERGE (d)-[:OF_PRODUCT]->(p)
