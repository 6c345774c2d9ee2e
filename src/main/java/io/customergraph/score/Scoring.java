package io.customergraph.score;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Models of the score kinds: the active one, every version, and training a new one. */
@Service
public class Scoring {

  /** What training did: whether a version was published, why, the active model after it, and the version trained. */
  public record Trained(boolean published, String message, Model active, @Nullable Model trained) {}

  private final Trainer trainer;
  private final Models models;
  private final Scorer scorer;
  private final ScoreProperties properties;

  Scoring(Trainer trainer, Models models, Scorer scorer, ScoreProperties properties) {
    this.properties = properties;
    this.trainer = trainer;
    this.models = models;
    this.scorer = scorer;
  }

  /**
   * The same model trained twice on the same time split: once with every allowed feature, once with only the
   * entity's own fields (the baseline), both tested on the newest 20% of outcomes.
   *
   * @param graph quality with every allowed feature except {@code excluded}
   * @param baseline quality with the entity's own fields only
   */
  public record Comparison(
      ScoreKind kind, int trainExamples, int testExamples, int positives, Quality graph, Quality baseline,
      List<Model.Coefficient> graphWeights, List<String> baselineFeatures, Interval graphAuc, Interval baselineAuc, Interval difference,
      String graphLearner) {}

  /** A 95% bootstrap interval (2.5th and 97.5th percentiles). */
  public record Interval(double low, double high) {}

  /** Test-set resamples for the bootstrap intervals (seeded: the same data gives the same intervals). */
  static final int BOOTSTRAP = 1000;

  /** Trains the graph model and the own-fields baseline on the same split, without publishing either. */
  public Comparison compareWithBaseline(ScoreKind kind, java.util.Collection<String> excluded) {
    List<Trainer.Example> examples = trainer.examples(kind, java.time.Instant.now());
    List<Feature> features = properties.allowed(kind).stream().filter(f -> !excluded.contains(f.name())).toList();
    List<Feature> own = features.stream().filter(Feature::ownField).toList();
    int test = Math.max(1, (int) Math.round(examples.size() * Trainer.TEST_SHARE));
    int train = examples.size() - test;
    if (train < 2) {
      throw new IllegalStateException("Too few outcomes to compare: " + examples.size());
    }
    List<java.util.Map<String, Double>> x = trainer.transformed(kind, examples, features);
    Model full = trainer.fit(kind, examples.subList(0, train), x.subList(0, train), features);
    Model baseline = trainer.fit(kind, examples.subList(0, train), x.subList(0, train), own);
    double[] y = Trainer.labels(examples.subList(train, examples.size()));
    List<java.util.Map<String, Double>> xTest = x.subList(train, x.size());
    double[] pg = Trainer.predict(full, xTest);
    double[] pb = Trainer.predict(baseline, xTest);
    // Paired bootstrap over the test deals: both models scored on the same resample each time.
    java.util.SplittableRandom random = new java.util.SplittableRandom(42);
    double[] g = new double[BOOTSTRAP], b = new double[BOOTSTRAP], d = new double[BOOTSTRAP];
    for (int r = 0; r < BOOTSTRAP; r++) {
      double[] yy = new double[y.length], gg = new double[y.length], bb = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        int k = random.nextInt(y.length);
        yy[i] = y[k];
        gg[i] = pg[k];
        bb[i] = pb[k];
      }
      g[r] = Quality.of(gg, yy).auc();
      b[r] = Quality.of(bb, yy).auc();
      d[r] = g[r] - b[r];
    }
    return new Comparison(kind, train, test, (int) examples.stream().filter(Trainer.Example::positive).count(),
        Quality.of(pg, y), Quality.of(pb, y), full.coefficients(), own.stream().map(Feature::name).toList(), interval(g), interval(b), interval(d),
        full.note());
  }

  private static Interval interval(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return new Interval(sorted[(int) Math.floor(0.025 * (sorted.length - 1))], sorted[(int) Math.ceil(0.975 * (sorted.length - 1))]);
  }

  /** Quality of probabilities against outcomes (for evaluations outside this package). */
  public static Quality quality(double[] predicted, double[] outcome) {
    return Quality.of(predicted, outcome);
  }

  /** The active model: the latest published version, or the prior weights. */
  public Model activeModel(ScoreKind kind) {
    return models.active(kind);
  }

  /** Every trained version, newest first. */
  public List<Model> modelVersions(ScoreKind kind) {
    return models.versions(kind);
  }

  /**
   * Trains a version from the graph's outcomes; if it is published, every stored score's probability is recomputed
   * with it from its stored features (no graph reads), so rankings follow the new model at once.
   */
  public synchronized Trained train(ScoreKind kind) {
    Trainer.Result r = trainer.train(kind);
    Model trained = r.model().prior() ? null : models.versions(kind).stream().findFirst().orElse(null);
    if (r.published()) {
      scorer.reapply(kind);
    }
    return new Trained(r.published(), r.message(), models.active(kind), trained);
  }
}
