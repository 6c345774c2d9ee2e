// Overdue or disputed invoices at the moment scored: past due and not yet paid then, or disputed.
UNWIND $rows AS row
MATCH p = (:Account {id: row.id})<-[:FOR]-(i:Invoice)
WHERE datetime(i.occurredAt) <= row.now
  AND (i.status = 'DISPUTED' OR (i.dueAt < row.now AND (i.paidAt IS NULL OR i.paidAt > row.now)))
WITH row, p, i.dueAt AS due ORDER BY due
RETURN row.key AS key, count(p) AS value, collect(p)[..$evidence] AS evidence
