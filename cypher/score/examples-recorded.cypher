// Outcomes recorded by people (recordOutcome), learnt from as the entity looked 30 days before, and score overrides,
// learnt from as the entity looked when the override was made (value >= 0.5 counts as positive).
MATCH (o:Outcome {kind: $kind}) WHERE o.at <= $now
RETURN o.entityId AS id, o.at - duration('P30D') AS at, o.at AS outcomeAt, o.positive AS positive, 'outcome' AS source
UNION ALL
MATCH (o:ScoreOverride {kind: $kind}) WHERE o.at <= $now
RETURN o.entityId AS id, o.at AS at, o.at AS outcomeAt, o.value >= 0.5 AS positive, 'override' AS source
