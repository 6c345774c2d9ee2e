package io.customergraph.score;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One version of the additive model of a score kind: {@code logit p = slope · (intercept + Σ wᵢ·(xᵢ − cᵢ)/sᵢ) +
 * offset}, where xᵢ is the transformed feature, cᵢ and sᵢ its centre and scale, and slope/offset the calibration.
 * Each term is a factor's contribution in log-odds, relative to an entity whose features sit at the centres.
 *
 * @param version 0 for the documented prior weights, then 1, 2, … as models are trained
 * @param prior whether the weights are the documented priors (too few outcomes to learn from)
 * @param test quality on the test window (newest 20% of outcomes); null for priors
 * @param activeOnTest quality of the model that was active when this one was trained, on the same test window
 * @param segments quality per segment (region, industry, source) on the test window
 * @param note why the model is active, rejected or prior, in words
 */
public record Model(
    ScoreKind kind,
    int version,
    Status status,
    boolean prior,
    double intercept,
    List<Coefficient> coefficients,
    double calibrationSlope,
    double calibrationOffset,
    @Nullable Quality test,
    @Nullable Quality activeOnTest,
    List<SegmentQuality> segments,
    @Nullable Window window,
    Instant trainedAt,
    String note) {

  /** Lifecycle of a version. */
  public enum Status { ACTIVE, REJECTED, RETIRED }

  /** A feature's weight on its standardised value. */
  public record Coefficient(String feature, double weight, double center, double scale) {
    double term(double transformed) {
      return weight * (transformed - center) / scale;
    }
  }

  /** The outcomes a model learnt from and was tested on. */
  public record Window(
      Instant trainFrom, Instant trainTo, Instant testFrom, Instant testTo, int trainExamples, int testExamples,
      int positives, int negatives) {}

  /** Quality within one segment of the test window, to catch a model that works for some and not for others. */
  public record SegmentQuality(
      String dimension, String value, int examples, int positives, double auc, double meanPredicted, double observedRate) {}

  /** The model's id in the graph. */
  public String id() {
    return "mdl_" + kind.name().toLowerCase(java.util.Locale.ROOT) + "_" + version;
  }

  /** The calibrated log-odds for transformed feature values (features the model does not use are ignored). */
  double logit(Map<String, Double> transformed) {
    double z = intercept;
    for (Coefficient c : coefficients) {
      z += c.term(transformed.getOrDefault(c.feature(), 0.0));
    }
    return calibrationSlope * z + calibrationOffset;
  }

  /** A factor's calibrated contribution in log-odds. */
  double contribution(Coefficient c, double transformed) {
    return calibrationSlope * c.term(transformed);
  }

  /** The features the model reads. */
  List<String> features() {
    return coefficients.stream().map(Coefficient::feature).toList();
  }
}
