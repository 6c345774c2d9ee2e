UNWIND $rows AS row
MERGE (n:Call {id: row.id})
SET n += row.props
WITH n, row
CALL (n, row) {
  UNWIND row.participantIds AS contactId
  MATCH (c:Contact {id: contactId})
  MERGE (c)-[:JOINED]->(n)
}
