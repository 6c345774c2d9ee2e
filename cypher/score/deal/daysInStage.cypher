// Days in the current stage against the typical (1.0 = as long as a typical deal; 3.0 = three times as long).
// Only open deals; $typicalStageDays comes from daysInStage.params.cypher.
UNWIND $rows AS row
MATCH p = (d:Deal {id: row.id})
WITH row, p, [i IN range(0, size(coalesce(d.stageNames, [])) - 1) WHERE d.stageEnteredAt[i] <= row.now] AS reached, d
WHERE size(reached) > 0 AND NOT d.stageNames[last(reached)] IN ['WON', 'LOST']
WITH row, p, d.stageNames[last(reached)] AS stage, d.stageEnteredAt[last(reached)] AS since
WITH row, p, stage, duration.inSeconds(since, row.now).seconds / 86400.0 AS days,
     head([t IN $typicalStageDays WHERE t.stage = stage | t.typical]) AS typical
WHERE typical > 0
RETURN row.key AS key, days / typical AS value, [p] AS evidence
