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
 * @param protectedFields own fields never learnt from whatever {@code fields} names: protected attributes (sex or
 *     gender, age and birth dates, race or ethnicity, religion, disability or health, sexual orientation, pregnancy,
 *     marital status, nationality, political opinion, trade-union membership), matched by the column's snake-case
 *     name. A model that learns from them discriminates by them, and a customer file that carries them (a telecom
 *     export's {@code gender} and {@code SeniorCitizen}) is common; a user who must use one (and may) sets the list
 *     without it. Refused fields are named in the training note.
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
    java.util.@org.jspecify.annotations.Nullable Map<ScoreKind, List<String>> fields,
    @DefaultValue(DEFAULT_PROTECTED) List<String> protectedFields) {

  /** The protected attributes refused by default, by snake-case column name. */
  public static final String DEFAULT_PROTECTED = "gender,sex,race,ethnicity,ethnic_origin,ethnic_group,religion,religious_belief,age,age_group,"
      + "date_of_birth,birth_date,birthdate,dob,year_of_birth,senior_citizen,is_senior_citizen,disability,disabled,health,health_condition,"
      + "sexual_orientation,pregnancy,pregnant,marital_status,married,nationality,citizenship,national_origin,political_opinion,"
      + "trade_union,trade_union_member,union_member";

  /** The settings with the default protected attributes. */
  public ScoreProperties(double halfLifeDays, List<String> forbiddenFeatures, int minimumOutcomes, double publishRatio, double regularisation,
      Duration refreshDelay, Duration rescoreInterval, java.util.@org.jspecify.annotations.Nullable Map<ScoreKind, List<String>> fields) {
    this(halfLifeDays, forbiddenFeatures, minimumOutcomes, publishRatio, regularisation, refreshDelay, rescoreInterval, fields,
        List.of(DEFAULT_PROTECTED.split(",")));
  }

  /** Refuses settings that make no sense, naming the environment variable to fix. */
  @org.springframework.boot.context.properties.bind.ConstructorBinding
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
    protectedFields = protectedFields == null ? List.of()
        : protectedFields.stream().map(f -> io.customergraph.graph.FieldHistory.snakeCase(f.strip())).filter(f -> !f.isEmpty()).toList();
    if (!(regularisation >= 0)) {
      throw new IllegalArgumentException("CUSTOMER_GRAPH_SCORE_REGULARISATION must be 0 or more, got " + regularisation);
    }
  }

  /** Half-life in seconds. */
  double halfLifeSeconds() {
    return halfLifeDays * 86_400;
  }

  /** The own fields a kind learns from, without forbidden ones and without protected attributes. */
  List<FieldSpec> fields(ScoreKind kind) {
    return FieldSpec.parse(fields.getOrDefault(kind, List.of())).stream()
        .filter(f -> !forbiddenFeatures.contains(f.property()) && !isProtected(f)).toList();
  }

  /** The own fields named for a kind that are not learnt from because they are protected attributes. */
  List<String> refusedAsProtected(ScoreKind kind) {
    return FieldSpec.parse(fields.getOrDefault(kind, List.of())).stream().filter(this::isProtected).map(FieldSpec::property).toList();
  }

  private boolean isProtected(FieldSpec f) {
    return protectedFields.contains(f.property().substring("field_".length()));
  }

  /** The features a kind may use. */
  List<Feature> allowed(ScoreKind kind) {
    return Feature.of(kind).stream().filter(f -> !forbiddenFeatures.contains(f.name())).toList();
  }
}
