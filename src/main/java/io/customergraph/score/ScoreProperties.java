package io.customergraph.score;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of scoring ({@code customer-graph.score.*}).
 *
 * @param halfLifeDays how fast engagement and other time-weighted signals fade: an event this many days old counts
 *     half. 14 days: B2B buying signals are stale after a month, and a two-week half-life leaves a month-old
 *     pricing view at a quarter of its weight
 * @param forbiddenFeatures features never computed, learnt from or shown (protected attributes, creepy signals);
 *     by default {@code afterHoursActivity}
 * @param minimumOutcomes outcomes of each class a kind needs before a model is learnt instead of the prior weights;
 *     40: with fewer, a test window of 20% holds a handful of each class and its AUC is noise
 * @param publishRatio a new model is published only if its test AUC is at least this share of the active model's
 *     on the same window
 * @param regularisation L2 penalty on standardised weights; 1.0 keeps weights modest when features correlate
 * @param refreshDelay how long touched entities wait to be rescored together
 * @param rescoreInterval how often every entity is rescored (time-weighted signals are decayed at read time; this
 *     keeps orderings such as {@code topScored} and trends current)
 * @param fields per score kind, the customer's own fields to learn from beside the graph features
 *     ({@code customer-graph.score.fields.churn-risk=international_plan,customer_service_calls:numeric:increasing};
 *     see {@link FieldSpec}); none by default
 */
@ConfigurationProperties("customer-graph.score")
public record ScoreProperties(
    @DefaultValue("14") double halfLifeDays,
    @DefaultValue("afterHoursActivity") List<String> forbiddenFeatures,
    @DefaultValue("40") int minimumOutcomes,
    @DefaultValue("0.95") double publishRatio,
    @DefaultValue("1.0") double regularisation,
    @DefaultValue("PT5S") Duration refreshDelay,
    @DefaultValue("PT6H") Duration rescoreInterval,
    java.util.@org.jspecify.annotations.Nullable Map<ScoreKind, List<String>> fields) {

  /** Refuses settings that make no sense, naming the environment variable to fix. */
  public ScoreProperties {
    if (!(halfLifeDays > 0)) {
      throw new IllegalArgumentException("CUSTOMER_GRAPH_SCORE_HALF_LIFE_DAYS must be positive, got " + halfLifeDays);
    }
    forbiddenFeatures = forbiddenFeatures.stream().map(String::strip).filter(f -> !f.isEmpty()).toList();
    Set<String> known = Arrays.stream(ScoreKind.values()).flatMap(k -> Feature.of(k).stream()).map(Feature::name).collect(Collectors.toSet());
    for (String f : forbiddenFeatures) {
      if (!known.contains(f) && !f.startsWith("field_")) {
        // A misspelt name would silently let the feature through: refuse it.
        throw new IllegalArgumentException(
            "CUSTOMER_GRAPH_SCORE_FORBIDDEN_FEATURES names an unknown feature '%s'; known: %s".formatted(f, known.stream().sorted().toList()));
      }
    }
    if (minimumOutcomes < 5) {
      throw new IllegalArgumentException("CUSTOMER_GRAPH_SCORE_MINIMUM_OUTCOMES must be at least 5, got " + minimumOutcomes);
    }
    if (!(publishRatio > 0 && publishRatio <= 1.5)) {
      throw new IllegalArgumentException("CUSTOMER_GRAPH_SCORE_PUBLISH_RATIO must be in (0, 1.5], got " + publishRatio);
    }
    fields = fields == null ? java.util.Map.of() : java.util.Map.copyOf(fields);
    fields.values().forEach(FieldSpec::parse); // a malformed spec is refused at start-up, by name
    if (!(regularisation >= 0)) {
      throw new IllegalArgumentException("CUSTOMER_GRAPH_SCORE_REGULARISATION must be 0 or more, got " + regularisation);
    }
  }

  /** Half-life in seconds. */
  double halfLifeSeconds() {
    return halfLifeDays * 86_400;
  }

  /** The own fields a kind learns from, without forbidden ones (protected attributes are forbidden by name). */
  List<FieldSpec> fields(ScoreKind kind) {
    return FieldSpec.parse(fields.getOrDefault(kind, List.of())).stream().filter(f -> !forbiddenFeatures.contains(f.property())).toList();
  }

  /** The features a kind may use. */
  List<Feature> allowed(ScoreKind kind) {
    return Feature.of(kind).stream().filter(f -> !forbiddenFeatures.contains(f.name())).toList();
  }
}
