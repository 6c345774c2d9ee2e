// The deal's own field: the list price of what it sells.
UNWIND $rows AS row
MATCH p = (:Deal {id: row.id})-[:OF_PRODUCT]->(pr:Product) WHERE pr.listPrice > 0
RETURN row.key AS key, toFloat(pr.listPrice) AS value, [p] AS evidence
