// Behavioural trigger: case studies and other content downloaded, demo requests and other forms submitted.
UNWIND $rows AS row
MATCH (c:Contact {id: row.id})
MATCH p = (c)-[:PERFORMED]->(x:Activity)
WHERE datetime(x.occurredAt) <= row.now AND x.type IN ['CONTENT_DOWNLOADED', 'FORM_SUBMITTED']
WITH row, p, x.occurredAt AS at ORDER BY at DESC
RETURN row.key AS key, sum(2.0 ^ (-duration.inSeconds(at, row.now).seconds / $halfLife)) AS value,
       collect(p)[..$evidence] AS evidence
