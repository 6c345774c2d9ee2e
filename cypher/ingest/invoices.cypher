UNWIND $rows AS row
MERGE (i:Invoice {id: row.id})
SET i += row.props,
    i.paidAt = coalesce(row.paidAt, i.paidAt),
    i.status = CASE WHEN coalesce(row.paidAt, i.paidAt) IS NOT NULL THEN 'PAID' ELSE coalesce(i.status, 'OPEN') END
WITH i, row
CALL (i, row) {
  MATCH (a:Account {id: row.accountId})
  MERGE (i)-[:FOR]->(a)
}
CALL (i, row) {
  MATCH (c:Contact {id: row.contactId})
  MERGE (i)-[:BILLED_TO]->(c)
}
