// %1$s: a label a record of the batch produced (from NodeKind, never from input).
CALL (s, row) {
  UNWIND coalesce(row.produced.%1$s, []) AS id
  MATCH (n:%1$s {id: id})
  MERGE (s)-[:PRODUCED]->(n)
}
