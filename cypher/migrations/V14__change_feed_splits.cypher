// The change feed (graph.ChangeFeed) also reads splits: a split restores the merged-away entity with its old
// createdAt and the survivor with its old updatedAt, so only the retracted SAME_AS link carries the time of the change.
CREATE INDEX same_as_retracted IF NOT EXISTS FOR ()-[r:SAME_AS]-() ON (r.retractedAt);
