// %1$s: Contact or Account; %2$s: the row's list of their ids (contacts or accounts).
CALL (s, row) {
  UNWIND row.%2$s AS id
  MATCH (n:%1$s {id: id})
  MERGE (s)-[r:RESOLVED_TO]->(n) ON CREATE SET r.decision = 'exact-key', r.weight = 1.0
}
