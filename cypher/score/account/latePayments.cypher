// Invoices paid after their due date, decayed by when they were paid (a habit of paying late, recently).
UNWIND $rows AS row
MATCH p = (:Account {id: row.id})<-[:FOR]-(i:Invoice)
WHERE i.paidAt <= row.now AND i.paidAt > i.dueAt
WITH row, p, i.paidAt AS at ORDER BY at DESC
RETURN row.key AS key, sum(2.0 ^ (-duration.inSeconds(at, row.now).seconds / $halfLife)) AS value,
       collect(p)[..$evidence] AS evidence
