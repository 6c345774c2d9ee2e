// Accounts known to have churned (churnedAt set by an import or by recordOutcome), learnt from as they looked 30 days
// before. Renewals are only known when recorded (recordOutcome): the graph alone cannot tell a renewal apart from
// an account that has not churned yet.
MATCH (a:Account) WHERE a.churnedAt IS NOT NULL AND a.churnedAt <= $now
RETURN a.id AS id, a.churnedAt - duration('P30D') AS at, a.churnedAt AS outcomeAt, true AS positive
