UNWIND $rows AS row
MERGE (a:Account {id: row.id})
  ON CREATE SET a.createdAt = $now, a.resolvePending = true, a.updatedAt = $now, a.status = 'PROSPECT', a.name = row.name,
                a.nameSort = row.nameSort, a.nameSource = row.nameSource, a.domain = row.domain, a.vatId = row.vatId,
                a.externalId = row.externalId
WITH a, row, a.nameSource IN ['domain', 'id'] AND row.nameSource = 'record' AS better
// Write only what is new: most mentions of a known company add nothing.
FOREACH (_ IN CASE WHEN better OR (a.domain IS NULL AND row.domain IS NOT NULL) OR (a.vatId IS NULL AND row.vatId IS NOT NULL)
                   OR (a.externalId IS NULL AND row.externalId IS NOT NULL)
                   THEN [1] ELSE [] END |
  SET a.updatedAt = $now,
      a.domain = coalesce(a.domain, row.domain),
      a.vatId = coalesce(a.vatId, row.vatId),
      a.externalId = coalesce(a.externalId, row.externalId),
      // A name read from a record beats one made up from the domain.
      a.name = CASE WHEN better THEN row.name ELSE a.name END,
      a.nameSort = CASE WHEN better THEN row.nameSort ELSE a.nameSort END,
      a.nameSource = CASE WHEN better THEN 'record' ELSE a.nameSource END)
