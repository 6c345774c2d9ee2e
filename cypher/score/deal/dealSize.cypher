// The deal's own field: its amount.
UNWIND $rows AS row
MATCH p = (d:Deal {id: row.id}) WHERE d.amount > 0
RETURN row.key AS key, toFloat(d.amount) AS value, [p] AS evidence
