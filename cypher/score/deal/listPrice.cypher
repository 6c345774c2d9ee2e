// The deal's own field: the list price of what it sells.
UNWIND $rows AS row
MATCH (d:Deal {id: row.id})
WITH row, d
MATCH p = (d)-[:OF_PRODUCT]->(pr:Product) WHERE pr.listPrice > 0
RETURN row.key AS key, toFloat(pr.listPrice) AS value, [p] AS evidence
