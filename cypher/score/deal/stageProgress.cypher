// The deal's own field: how far it has come, as of the moment scored (0 prospecting … 3 negotiation). Stage history
// (stageNames / stageEnteredAt) gives the stage at any past moment.
UNWIND $rows AS row
MATCH p = (d:Deal {id: row.id})
WITH row, p, [i IN range(0, size(coalesce(d.stageNames, [])) - 1) WHERE d.stageEnteredAt[i] <= row.now | d.stageNames[i]] AS reached
WITH row, p, CASE WHEN size(reached) = 0 THEN 'PROSPECTING' ELSE last(reached) END AS stage
RETURN row.key AS key,
       CASE stage WHEN 'ENGAGING' THEN 1 WHEN 'PROPOSAL' THEN 2 WHEN 'NEGOTIATION' THEN 3 ELSE 0 END AS value,
       CASE WHEN stage IN ['ENGAGING', 'PROPOSAL', 'NEGOTIATION'] THEN [p] ELSE [] END AS evidence
