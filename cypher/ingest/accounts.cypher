UNWIND $rows AS row
MERGE (a:Account {id: row.id})
  ON CREATE SET a.createdAt = $now, a.status = 'PROSPECT', a.name = row.name, a.nameSort = row.nameSort,
                a.nameSource = row.nameSource
SET a.updatedAt = $now,
    a.domain = coalesce(a.domain, row.domain),
    a.vatId = coalesce(a.vatId, row.vatId),
    // A name read from a record beats one made up from the domain.
    a.name = CASE WHEN a.nameSource = 'domain' AND row.nameSource = 'record' THEN row.name ELSE a.name END,
    a.nameSort = CASE WHEN a.nameSource = 'domain' AND row.nameSource = 'record' THEN row.nameSort ELSE a.nameSort END,
    a.nameSource = CASE WHEN a.nameSource = 'domain' AND row.nameSource = 'record' THEN 'record' ELSE a.nameSource END
