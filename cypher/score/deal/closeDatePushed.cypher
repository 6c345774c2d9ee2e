// How many times the expected close date was moved later (ingestion records each push in closeDatePushedAt).
UNWIND $rows AS row
MATCH p = (d:Deal {id: row.id})
WITH row, p, size([t IN coalesce(d.closeDatePushedAt, []) WHERE t <= row.now]) AS pushes
WHERE pushes > 0
RETURN row.key AS key, pushes AS value, [p] AS evidence
