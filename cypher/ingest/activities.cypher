UNWIND $rows AS row
MERGE (x:Activity {id: row.id})
SET x += row.props
WITH x, row
CALL (x, row) {
  MATCH (c:Contact {id: row.contactId})
  MERGE (c)-[:PERFORMED]->(x)
  // An anonymous visitor who identifies themselves: their earlier events become theirs too.
  WITH c, row WHERE row.anonymousId IS NOT NULL
  MATCH (earlier:Activity {anonymousId: row.anonymousId}) WHERE NOT (:Contact)-[:PERFORMED]->(earlier)
  MERGE (c)-[:PERFORMED]->(earlier)
}
