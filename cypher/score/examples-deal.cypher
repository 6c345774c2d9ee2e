// Deals closed at or before $now: won or lost, learnt from as they looked when they entered the stage they closed
// from (for an imported pipeline without stage history, when they were opened) — never from the close itself.
MATCH (d:Deal)
WHERE d.stage IN ['WON', 'LOST'] AND d.closedAt IS NOT NULL AND d.closedAt <= $now
WITH d, [i IN range(0, size(coalesce(d.stageNames, [])) - 1) WHERE NOT d.stageNames[i] IN ['WON', 'LOST'] | d.stageEnteredAt[i]] AS open
WITH d, CASE WHEN size(open) > 0 THEN last(open) ELSE d.occurredAt END AS at
WHERE at < d.closedAt AND coalesce(d.openedKnown, true)
RETURN d.id AS id, at, d.closedAt AS outcomeAt, d.stage = 'WON' AS positive
