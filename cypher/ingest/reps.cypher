UNWIND $rows AS row
MERGE (r:Rep {id: row.id})
  ON CREATE SET r.createdAt = $now
SET r.name = row.name, r.nameKey = row.nameKey, r.manager = row.manager, r.team = row.team, r.updatedAt = $now
WITH r
// Deals imported before their rep: link them now.
MATCH (d:Deal {ownerKey: r.nameKey}) WHERE NOT (d)-[:OWNED_BY]->(:Rep)
MERGE (d)-[:OWNED_BY]->(r)
