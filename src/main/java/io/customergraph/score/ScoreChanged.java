package io.customergraph.score;

import java.time.Instant;

/**
 * Published after rescoring changed a stored score: webhooks (band changed, account at risk) and GraphQL
 * subscriptions listen.
 */
public record ScoreChanged(
    ScoreKind kind, String entityId, double before, double after, String bandBefore, String bandAfter, Instant at) {

  /** after − before. */
  public double delta() {
    return after - before;
  }

  /** Whether the band moved. */
  public boolean bandChanged() {
    return !bandBefore.equals(bandAfter);
  }
}
