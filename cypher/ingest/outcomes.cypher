// Outcomes from a file: the entity by our id or the id its own system gave it (an account's or deal's external id,
// a contact's address). A row without a time is dated by its import; one outcome per entity, kind and moment, so
// importing the same file again changes nothing. Rows naming no entity were quarantined before this runs.
UNWIND $rows AS row
CALL (row) {
  WITH row WHERE row.kind = 'CHURN_RISK'
  OPTIONAL MATCH (byId:Account {id: row.ref})
  OPTIONAL MATCH (byRef:Account {externalId: row.ref})
  RETURN coalesce(byId, byRef) AS e
UNION
  WITH row WHERE row.kind = 'DEAL_WIN'
  OPTIONAL MATCH (byId:Deal {id: row.ref})
  OPTIONAL MATCH (byRef:Deal {externalId: row.ref})
  RETURN coalesce(byId, byRef) AS e
UNION
  WITH row WHERE row.kind = 'LEAD_PRIORITY'
  OPTIONAL MATCH (byId:Contact {id: row.ref})
  OPTIONAL MATCH (byRef:Contact {email: toLower(row.ref)})
  RETURN coalesce(byId, byRef) AS e
}
WITH row, e WHERE e IS NOT NULL
MERGE (o:Outcome {kind: row.kind, entityId: e.id, at: coalesce(row.at, $now)})
SET o.positive = row.positive, o.source = 'import'
MERGE (e)-[:HAD_OUTCOME]->(o)
