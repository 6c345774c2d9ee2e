package io.customergraph.score;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One version of the additive model of a score kind: {@code logit p = slope · (intercept + Σ wᵢ·(xᵢ − cᵢ)/sᵢ +
 * Σ shapeⱼ(x)) + offset}, where xᵢ is the transformed feature, cᵢ and sᵢ its centre and scale, each shape a learnt
 * value per bin of one input or of a pair ({@link Term}), and slope/offset the calibration. A model has straight
 * coefficients (logistic regression, the priors) or shapes (boosted additive terms, {@link Additive}), whichever won
 * on validation. Each term is a factor's contribution in log-odds, relative to an average entity.
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
    @Nullable List<Term> terms,
    double calibrationSlope,
    double calibrationOffset,
    @Nullable Quality test,
    @Nullable Quality activeOnTest,
    List<SegmentQuality> segments,
    @Nullable Window window,
    Instant trainedAt,
    String note) {

  /** Models stored before additive terms existed have none. */
  public Model {
    terms = terms == null ? List.of() : List.copyOf(terms);
  }

  /** Lifecycle of a version. */
  public enum Status { ACTIVE, REJECTED, RETIRED }

  /** A feature's weight on its standardised value. */
  public record Coefficient(String feature, double weight, double center, double scale) {
    double term(double transformed) {
      return weight * (transformed - center) / scale;
    }

    /** The input as the coefficient reads it: a missing level is 0, a missing number sits at the centre. */
    double input(Map<String, Double> x) {
      Double v = x.get(feature);
      return v != null ? v : feature.contains("=") ? 0 : center;
    }
  }

  /**
   * One input of an additive term cut into bins: a numeric input by its edges ({@code v ≤ edges[0]} is bin 0, above the
   * last edge is bin {@code edges.size()}), a categorical one by its levels (then a bin for any other level); the last
   * bin is always "missing". A categorical field {@code f} with value {@code v} arrives as the input {@code f=v} → 1.
   */
  public record Axis(String feature, boolean categorical, List<Double> edges, List<String> levels) {
    int bins() {
      return (categorical ? levels.size() + 1 : edges.size() + 1) + 1;
    }

    int missing() {
      return bins() - 1;
    }

    int bin(Map<String, Double> x) {
      if (categorical) {
        for (int i = 0; i < levels.size(); i++) {
          if (x.containsKey(feature + "=" + levels.get(i))) {
            return i;
          }
        }
        String prefix = feature + "=";
        for (String k : x.keySet()) {
          if (k.startsWith(prefix)) {
            return levels.size();
          }
        }
        return missing();
      }
      Double v = x.get(feature);
      if (v == null || v.isNaN()) {
        return missing();
      }
      int lo = 0;
      int hi = edges.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (v <= edges.get(mid)) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return lo;
    }

    /** The bin's range or level in words ("4 to 5", "above 13.1", "yes", "another value", "missing"). */
    String describe(int bin) {
      if (bin == missing()) {
        return "missing";
      }
      if (categorical) {
        return bin < levels.size() ? levels.get(bin) : "another value";
      }
      if (edges.isEmpty()) {
        return "any";
      }
      if (bin == 0) {
        return "≤ " + Sentences.number(edges.get(0));
      }
      if (bin == edges.size()) {
        return "> " + Sentences.number(edges.get(edges.size() - 1));
      }
      return Sentences.number(edges.get(bin - 1)) + "–" + Sentences.number(edges.get(bin));
    }
  }

  /**
   * A learnt shape: a log-odds value per bin of one input, or per cell of two (row-major, first axis slower). Values
   * are centred on the training examples, so a term is a push away from an average entity.
   */
  public record Term(List<Axis> axes, List<Double> values) {
    int cell(Map<String, Double> x) {
      int c = axes.get(0).bin(x);
      for (int a = 1; a < axes.size(); a++) {
        c = c * axes.get(a).bins() + axes.get(a).bin(x);
      }
      return c;
    }

    double value(Map<String, Double> x) {
      return values.get(cell(x));
    }

    /** A cell in words: each axis's bin, joined by " × ". */
    public String describe(int cell) {
      String out = "";
      int rest = cell;
      for (int a = axes.size() - 1; a >= 0; a--) {
        Axis axis = axes.get(a);
        String part = axis.describe(rest % axis.bins());
        rest /= axis.bins();
        out = out.isEmpty() ? part : part + " × " + out;
      }
      return out;
    }

    /** The term's name: its inputs joined by " × ". */
    public String name() {
      return String.join(" × ", axes.stream().map(Axis::feature).toList());
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
      z += c.term(c.input(transformed));
    }
    for (Term t : terms) {
      z += t.value(transformed);
    }
    return calibrationSlope * z + calibrationOffset;
  }

  /** A factor's calibrated contribution in log-odds. */
  double contribution(Coefficient c, double transformed) {
    return calibrationSlope * c.term(transformed);
  }

  /** The features the model reads (graph features and own fields, each once). */
  List<String> features() {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    coefficients.forEach(c -> out.add(c.feature().contains("=") ? c.feature().substring(0, c.feature().indexOf('=')) : c.feature()));
    terms.forEach(t -> t.axes().forEach(a -> out.add(a.feature())));
    return List.copyOf(out);
  }

  /** The own fields ({@code field_…}) the model reads. */
  List<String> fields() {
    return features().stream().filter(f -> f.startsWith("field_")).toList();
  }
}
