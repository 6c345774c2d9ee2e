// Scoring. One Score node per entity and kind (id '<KIND>:<entity id>'), listed by probability for topScored.
CREATE CONSTRAINT score_id IF NOT EXISTS FOR (n:Score) REQUIRE n.id IS UNIQUE;
CREATE INDEX score_rank IF NOT EXISTS FOR (n:Score) ON (n.kind, n.probability);
// People's overrides and recorded outcomes, found by kind and entity; model versions by kind.
CREATE INDEX score_override IF NOT EXISTS FOR (n:ScoreOverride) ON (n.kind, n.entityId);
CREATE INDEX outcome_entity IF NOT EXISTS FOR (n:Outcome) ON (n.kind, n.entityId);
CREATE INDEX prediction_miss IF NOT EXISTS FOR (n:PredictionMiss) ON (n.kind, n.at);
CREATE INDEX model_kind IF NOT EXISTS FOR (n:Model) ON (n.kind, n.version);
// Accounts known to have churned (training examples).
CREATE INDEX account_churned IF NOT EXISTS FOR (n:Account) ON (n.churnedAt);
