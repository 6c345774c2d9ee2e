UNWIND $rows AS row
MERGE (c:Contact {id: row.id})
  ON CREATE SET c.createdAt = $now, c.resolvePending = true, c.name = row.name, c.nameSort = row.nameSort, c.email = row.email,
                c.emails = [], c.nameVariants = []
WITH c, row,
     [e IN row.emails WHERE NOT e IN coalesce(c.emails, [])] AS newEmails,
     [n IN row.nameVariants WHERE NOT n IN coalesce(c.nameVariants, [])] AS newNames,
     (c.name IS NULL OR c.name = c.email) AND row.name <> row.email AS better
// Most mentions of a known person add nothing: write only what is new, so a busy contact is not rewritten per batch.
FOREACH (_ IN CASE WHEN size(newEmails) > 0 OR size(newNames) > 0 OR better OR (c.phone IS NULL AND row.phone IS NOT NULL)
                        OR (c.title IS NULL AND row.title IS NOT NULL) OR (c.nameKey IS NULL AND row.nameKey IS NOT NULL)
                   THEN [1] ELSE [] END |
  SET c.updatedAt = $now,
      c.name = CASE WHEN better THEN row.name ELSE c.name END,
      c.nameSort = CASE WHEN better THEN row.nameSort ELSE c.nameSort END,
      c.nameKey = coalesce(c.nameKey, row.nameKey),
      c.email = coalesce(c.email, row.email),
      c.phone = coalesce(c.phone, row.phone),
      c.title = coalesce(c.title, row.title),
      c.emails = coalesce(c.emails, []) + newEmails,
      c.nameVariants = coalesce(c.nameVariants, []) + newNames)
WITH c, row
CALL (c, row) {
  WITH c, row WHERE row.accountId IS NOT NULL AND NOT (c)-[:WORKS_AT]->(:Account)
  MATCH (a:Account {id: row.accountId})
  MERGE (c)-[w:WORKS_AT]->(a) ON CREATE SET w.since = $now
}
