UNWIND $rows AS row
MERGE (c:Contact {id: row.id})
  ON CREATE SET c.createdAt = $now, c.name = row.name, c.nameSort = row.nameSort, c.email = row.email,
                c.emails = [], c.nameVariants = []
WITH c, row, (c.name IS NULL OR c.name = c.email) AND row.name <> row.email AS better
SET c.updatedAt = $now,
    c.name = CASE WHEN better THEN row.name ELSE c.name END,
    c.nameSort = CASE WHEN better THEN row.nameSort ELSE c.nameSort END,
    c.nameKey = coalesce(c.nameKey, row.nameKey),
    c.email = coalesce(c.email, row.email),
    c.phone = coalesce(c.phone, row.phone),
    c.title = coalesce(c.title, row.title),
    c.emails = coalesce(c.emails, []) + [e IN row.emails WHERE NOT e IN coalesce(c.emails, [])],
    c.nameVariants = coalesce(c.nameVariants, []) + [n IN row.nameVariants WHERE NOT n IN coalesce(c.nameVariants, [])]
WITH c, row
CALL (c, row) {
  WITH c, row WHERE row.accountId IS NOT NULL AND NOT (c)-[:WORKS_AT]->(:Account)
  MATCH (a:Account {id: row.accountId})
  MERGE (c)-[w:WORKS_AT]->(a) ON CREATE SET w.since = $now
}
