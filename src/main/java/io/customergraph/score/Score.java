package io.customergraph.score;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A score as read: the model's probability with time-weighted signals decayed to the moment of reading, its band,
 * its trend, the model that produced it, a person's override kept apart, and its explanation.
 *
 * @param probability the model's calibrated probability, 0..1
 * @param band A (≥ 0.75), B (≥ 0.5), C (≥ 0.25) or D
 * @param trend change against the score as it was seven days before it was computed (null if it could not be)
 * @param computedAt when the features were read from the graph
 * @param readAt the moment the score is decayed to
 */
public record Score(
    ScoreKind kind,
    String entityId,
    double probability,
    String band,
    @Nullable Double trend,
    Instant computedAt,
    Instant readAt,
    int modelVersion,
    boolean priorModel,
    @Nullable Override override,
    Explanation explanation) {

  /** A person's value for the score, stored apart from the model's and used as a training label. */
  public record Override(double value, String reason, Instant at, double modelProbability) {}

  /**
   * Why the score is what it is: the probability of an entity whose features sit at the model's centres, and each
   * factor's push away from it.
   *
   * @param baseProbability the probability with every factor at its centre
   * @param up factors that raise the probability, largest first
   * @param down factors that lower it, largest first
   * @param unused features the model has but that are at their centre for this entity
   * @param forbidden features that exist but are never used (configuration)
   * @param withheld behavioural features not used for this person because they withheld profiling consent
   */
  public record Explanation(
      String summary, double baseProbability, List<Factor> up, List<Factor> down, List<String> unused, List<String> forbidden,
      List<String> withheld, String modelNote) {}

  /**
   * One factor.
   *
   * @param value the raw feature value at the moment of reading
   * @param logOdds its contribution in log-odds
   * @param probabilityPoints how much lower (or higher) the probability would be without it
   */
  public record Factor(
      String feature, String label, double value, double logOdds, double probabilityPoints, String sentence,
      List<EvidencePath> evidence) {}

  /** A score with and without a piece of evidence. */
  public record WhatIf(String evidenceId, Score before, Score after, String sentence) {}

  /** Band of a probability: A at 0.75 and above, B from 0.5, C from 0.25, D below. */
  static String band(double p) {
    return p >= 0.75 ? "A" : p >= 0.5 ? "B" : p >= 0.25 ? "C" : "D";
  }
}
