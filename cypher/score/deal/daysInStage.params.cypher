// Typical days a deal spends in each open stage: the median over every deal that has left that stage.
MATCH (d:Deal) WHERE size(coalesce(d.stageNames, [])) > 1
UNWIND range(0, size(d.stageNames) - 2) AS i
WITH d.stageNames[i] AS stage, duration.inSeconds(d.stageEnteredAt[i], d.stageEnteredAt[i + 1]).seconds / 86400.0 AS days
WHERE stage IN ['PROSPECTING', 'ENGAGING', 'PROPOSAL', 'NEGOTIATION']
WITH stage, percentileCont(days, 0.5) AS typical
RETURN collect({stage: stage, typical: typical}) AS typicalStageDays
