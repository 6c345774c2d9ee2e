package io.customergraph.score;

import io.customergraph.graph.CypherQueries;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

/**
 * Learns a model per kind from outcomes: examples with the moment their features are taken, a time split (older
 * 80% train, newest 20% test), regularised logistic regression on standardised features, Platt calibration on the
 * newest part of the training window, metrics, and publication only when the new model is at least
 * {@code publishRatio} as good as the active one on the same test window.
 */
@Component
class Trainer {

  /** Share of the outcomes, newest first, held out as the test window. */
  static final double TEST_SHARE = 0.2;
  /**
   * A model whose test AUC is below this is not published whatever the active model does: ranking barely better
   * than a coin toss is no reason to replace documented priors (or anything else).
   */
  static final double MIN_AUC = 0.55;
  /** Smallest segment reported: below this a segment's AUC is noise. */
  static final int MIN_SEGMENT = 10;
  /** Points whose features are computed per query. */
  private static final int BATCH = 500;

  /** An outcome to learn from: the entity, when its features are taken, when the outcome was known, what it was. */
  record Example(String id, Instant at, Instant outcomeAt, boolean positive, String source) {}

  /** What training did. */
  record Result(ScoreKind kind, boolean published, Model model, String message) {}

  private final Neo4jClient client;
  private final FeatureEngine engine;
  private final Models models;
  private final ScoreProperties properties;
  private final Clock clock;

  Trainer(Neo4jClient client, FeatureEngine engine, Models models, ScoreProperties properties, Clock clock) {
    this.client = client;
    this.engine = engine;
    this.models = models;
    this.properties = properties;
    this.clock = clock;
  }

  /** The examples a kind learns from; per entity a recorded outcome beats the graph's, which beats an override. */
  List<Example> examples(ScoreKind kind, Instant now) {
    Map<String, Object> p = Map.of("now", ZonedDateTime.ofInstant(now, ZoneOffset.UTC), "kind", kind.name());
    Map<String, Example> byId = new TreeMap<>();
    List<Example> all = new ArrayList<>();
    client.query(CypherQueries.named("score/examples-" + kind.folder())).bindAll(p).fetch().all()
        .forEach(r -> all.add(example(r, "graph")));
    client.query(CypherQueries.named("score/examples-recorded")).bindAll(p).fetch().all()
        .forEach(r -> all.add(example(r, (String) r.get("source"))));
    Comparator<Example> precedence = Comparator.comparingInt((Example e) -> rank(e.source())).thenComparing(Example::outcomeAt);
    for (Example e : all) {
      byId.merge(e.id(), e, (a, b) -> precedence.compare(a, b) >= 0 ? a : b);
    }
    // Entities that no longer exist (merged away, erased) are not learnt from.
    List<String> live = client.query("UNWIND $ids AS id MATCH (n:%s {id: id}) RETURN n.id AS id".formatted(kind.entity().label()))
        .bind(List.copyOf(byId.keySet())).to("ids").fetchAs(String.class).all().stream().toList();
    List<Example> out = new ArrayList<>();
    for (String id : live) {
      out.add(byId.get(id));
    }
    out.sort(Comparator.comparing(Example::outcomeAt).thenComparing(Example::id));
    return out;
  }

  private static int rank(String source) {
    return switch (source) {
      case "outcome" -> 3;
      case "graph" -> 2;
      default -> 1;
    };
  }

  private static Example example(Map<String, Object> r, String source) {
    return new Example(
        (String) r.get("id"), java.util.Objects.requireNonNull(Models.instant(r.get("at"))),
        java.util.Objects.requireNonNull(Models.instant(r.get("outcomeAt"))), Boolean.TRUE.equals(r.get("positive")), source);
  }

  /** Trains a model of the kind from the graph's outcomes up to now and publishes it if it is good enough. */
  Result train(ScoreKind kind) {
    return train(kind, examples(kind, clock.instant()), properties.allowed(kind));
  }

  /**
   * Trains on the given examples and features.
   *
   * @param features the features to learn from (never a forbidden one: callers pass {@link ScoreProperties#allowed})
   */
  Result train(ScoreKind kind, List<Example> examples, List<Feature> features) {
    return train(kind, examples, features, properties.fields(kind));
  }

  /** Trains on the given examples, graph features and own fields (never forbidden ones). */
  Result train(ScoreKind kind, List<Example> examples, List<Feature> features, List<FieldSpec> fields) {
    long positives = examples.stream().filter(Example::positive).count();
    long negatives = examples.size() - positives;
    Model active = models.active(kind);
    if (positives < properties.minimumOutcomes() || negatives < properties.minimumOutcomes()) {
      return new Result(kind, false, active,
          "Too few outcomes to learn from: %d positive and %d negative (%d of each needed); the active model stays (version %d%s)."
              .formatted(positives, negatives, properties.minimumOutcomes(), active.version(), active.prior() ? ", prior weights" : ""));
    }
    // Own fields are read as they were at each example's moment; one with no value at any example's moment but values
    // now was set only afterwards (at or after the outcomes): refused, and the note names it.
    FieldTimes times = fieldTimes(kind, examples, fields.stream().map(FieldSpec::property).toList());
    if (!times.refused().isEmpty()) {
      fields = fields.stream().filter(f -> !times.refused().contains(f.property())).toList();
    }
    int testSize = Math.max(1, (int) Math.round(examples.size() * TEST_SHARE));
    List<Example> train = examples.subList(0, examples.size() - testSize);
    List<Example> test = examples.subList(examples.size() - testSize, examples.size());
    // The active model may read features this one does not: compute the union, once.
    List<Feature> needed = new ArrayList<>(features);
    for (String name : active.features()) {
      if (needed.stream().noneMatch(f -> f.name().equals(name))) {
        Feature.of(kind).stream().filter(f -> f.name().equals(name)).findFirst().ifPresent(needed::add);
      }
    }
    java.util.LinkedHashSet<String> fieldNames = new java.util.LinkedHashSet<>();
    fields.forEach(f -> fieldNames.add(f.property()));
    fieldNames.addAll(active.fields());
    List<Map<String, Double>> x = transformed(kind, examples, needed, List.copyOf(fieldNames));
    List<Map<String, Double>> xTrain = x.subList(0, train.size());
    List<Map<String, Double>> xTest = x.subList(train.size(), x.size());

    // Field types are decided once, on the training rows, for the fit and for the segments.
    List<FieldSpec> typedFields = typed(fields, xTrain);
    Model fitted = fit(kind, train, xTrain, features, typedFields);

    double[] yTest = labels(test);
    Quality quality = Quality.of(predict(fitted, xTest), yTest);
    Quality activeQuality = Quality.of(predict(active, xTest), yTest);
    List<Model.SegmentQuality> segments = segments(kind, test, predict(fitted, xTest), yTest, xTest,
        typedFields.stream().filter(f -> f.type() == FieldSpec.Type.CATEGORICAL).map(FieldSpec::property).toList());
    Optional<String> leak = leak(features, xTrain, labels(train)).or(() -> leak(fitted.features(), xTrain, labels(train)));
    boolean better = leak.isEmpty() && quality.auc() >= MIN_AUC
        && (Double.isNaN(activeQuality.auc()) || quality.auc() >= properties.publishRatio() * activeQuality.auc());
    Model.Window window = new Model.Window(
        train.get(0).outcomeAt(), train.get(train.size() - 1).outcomeAt(), test.get(0).outcomeAt(), test.get(test.size() - 1).outcomeAt(),
        train.size(), test.size(), (int) positives, (int) negatives);
    String note = leak.isPresent()
        ? "Not published: %s; version %d stays.".formatted(leak.get(), active.version())
        : quality.auc() < MIN_AUC
        ? "Not published: test AUC %.3f is barely better than chance (below %.2f); version %d stays.".formatted(quality.auc(), MIN_AUC, active.version())
        : better
        ? "Published: test AUC %.3f against %.3f for version %d on the same window.".formatted(quality.auc(), activeQuality.auc(), active.version())
        : "Not published: test AUC %.3f is below %.0f%% of version %d's %.3f on the same window."
            .formatted(quality.auc(), properties.publishRatio() * 100, active.version(), activeQuality.auc());
    note = note + " " + fitted.note() + times.note() + protectedNote(kind);
    Model published = fitted;
    if (better) {
      // The test window judged the procedure; the model people get learns from every outcome, the newest included.
      published = fit(kind, examples, x, features, typed(fields, x));
      note = note + " Refitted on all %d outcomes after the test (%s)".formatted(examples.size(), published.note());
    }
    Model model = new Model(
        kind, models.nextVersion(kind), better ? Model.Status.ACTIVE : Model.Status.REJECTED, false, published.intercept(),
        published.coefficients(), published.terms(), published.calibrationSlope(), published.calibrationOffset(), quality, activeQuality, segments, window,
        clock.instant(), note);
    models.save(model);
    return new Result(kind, better, better ? model : active, note);
  }

  /** A sentence naming the own fields configured for the kind but never learnt from as protected attributes, or "". */
  private String protectedNote(ScoreKind kind) {
    List<String> refused = properties.refusedAsProtected(kind);
    return refused.isEmpty() ? ""
        : " Not learnt from, as protected attributes (customer-graph.score.protected-fields): %s.".formatted(String.join(", ", refused));
  }

  /**
   * What reading own fields as they were did: fields refused because they had no value at any example's moment but
   * have values now, and a sentence for the model's note.
   */
  record FieldTimes(java.util.Set<String> refused, String note) {}

  /**
   * Own fields are read as they were at each example's moment (issue #18's leak guard by time). Compares each with its
   * value now: a field with no value at any moment but values now is refused (set only at or after the outcomes);
   * where one had another value or none then, the note says for how many examples.
   */
  FieldTimes fieldTimes(ScoreKind kind, List<Example> examples, List<String> fields) {
    if (fields.isEmpty() || examples.isEmpty()) {
      return new FieldTimes(java.util.Set.of(), "");
    }
    Map<String, Integer> changed = new TreeMap<>();
    Map<String, Integer> knownThen = new TreeMap<>();
    Map<String, Integer> knownNow = new TreeMap<>();
    Instant now = clock.instant();
    for (int from = 0; from < examples.size(); from += BATCH) {
      List<Example> part = examples.subList(from, Math.min(examples.size(), from + BATCH));
      FeatureEngine.ThenAndNow read = engine.fieldTextsThenAndNow(kind, part.stream().map(e -> new FeatureEngine.Point(e.id(), e.at())).toList(), fields, now);
      List<Map<String, String>> then = read.then();
      List<Map<String, String>> today = read.now();
      for (int i = 0; i < part.size(); i++) {
        for (String f : fields) {
          String a = then.get(i).get(f);
          String b = today.get(i).get(f);
          if (a != null) {
            knownThen.merge(f, 1, Integer::sum);
          }
          if (b != null) {
            knownNow.merge(f, 1, Integer::sum);
          }
          if (!java.util.Objects.equals(a, b)) {
            changed.merge(f, 1, Integer::sum);
          }
        }
      }
    }
    java.util.Set<String> refused = new java.util.TreeSet<>();
    for (String f : fields) {
      if (knownThen.getOrDefault(f, 0) == 0 && knownNow.getOrDefault(f, 0) > 0) {
        refused.add(f);
      }
    }
    StringBuilder note = new StringBuilder();
    if (!refused.isEmpty()) {
      note.append(" Refused: ").append(String.join(", ", refused))
          .append(" had no value at any example's moment and has values now — set only at or after the outcomes, so never learnt from.");
    }
    List<String> partly = changed.entrySet().stream().filter(e -> !refused.contains(e.getKey()))
        .map(e -> "%s (%d of %d examples)".formatted(e.getKey(), e.getValue(), examples.size())).toList();
    if (!partly.isEmpty()) {
      note.append(" Own fields are read as they were at each example's moment; these had another value or none then: ")
          .append(String.join(", ", partly)).append('.');
    }
    return new FieldTimes(refused, note.toString());
  }

  /**
   * A feature that on its own separates the training outcomes almost perfectly is almost never a real signal in
   * customer data; it is a value set at or after the outcome (the CRM export's close value exists only for won deals,
   * AUC 0.966). Such a model would look excellent on its test window and be useless before the outcome, so it is not
   * published, and the payload names the feature.
   */
  static final double LEAK_AUC = 0.95;

  static Optional<String> leak(List<Feature> features, List<Map<String, Double>> x, double[] y) {
    return leak(features.stream().map(Feature::name).toList(), x, y);
  }

  /** The same over named inputs; an own field is read as its number, or level by level. */
  static Optional<String> leak(java.util.Collection<String> names, List<Map<String, Double>> x, double[] y) {
    java.util.LinkedHashSet<String> inputs = new java.util.LinkedHashSet<>();
    for (String name : names) {
      inputs.add(name);
      if (Feature.isField(name)) {
        x.forEach(row -> row.keySet().stream().filter(k -> k.startsWith(name + "=")).forEach(inputs::add));
      }
    }
    for (String name : inputs) {
      double[] v = new double[x.size()];
      boolean varies = false;
      for (int i = 0; i < v.length; i++) {
        v[i] = x.get(i).getOrDefault(name, 0.0);
        varies |= v[i] != v[0];
      }
      if (!varies) {
        continue;
      }
      double auc = Quality.auc(v, y);
      double separation = Math.max(auc, 1 - auc);
      if (separation >= LEAK_AUC) {
        return Optional.of("feature %s alone separates the training outcomes almost perfectly (AUC %.3f): a value known only at or after the outcome? Remove it from the data or forbid it (customer-graph.score.forbidden-features)"
            .formatted(name, separation));
      }
    }
    return Optional.empty();
  }

  /** Fits weights on standardised features and a Platt calibration on the newest fifth of the training window. */
  Model fit(ScoreKind kind, List<Example> train, List<Map<String, Double>> x, List<Feature> features) {
    return fit(kind, train, x, features, List.of());
  }

  /**
   * Fits two models on the older four fifths of the training window and keeps the one with the lower log loss on the
   * newest fifth (validation): logistic regression on standardised inputs (graph features, numeric fields with the
   * mean for a missing value, a 0/1 input per level of a categorical field) with a Platt calibration, and additive
   * shapes ({@link Additive}: a learnt shape per input and a few pairs). The winner is refitted on the whole window.
   * With too few outcomes of each class in the validation part, logistic regression is fitted uncalibrated.
   *
   * @param fields own fields with their types decided ({@link #typed})
   */
  Model fit(ScoreKind kind, List<Example> train, List<Map<String, Double>> x, List<Feature> features, List<FieldSpec> fields) {
    List<String> names = new ArrayList<>(features.stream().map(Feature::name).toList());
    for (FieldSpec f : fields) {
      if (f.type() == FieldSpec.Type.NUMERIC) {
        names.add(f.property());
      } else {
        Additive.levels(f.property(), x, MAX_LEVELS).levels().forEach(level -> names.add(f.property() + "=" + level));
      }
    }
    int k = names.size();
    double[] center = new double[k];
    double[] scale = new double[k];
    for (int a = 0; a < k; a++) {
      String name = names.get(a);
      double sum = 0;
      double sq = 0;
      int n = 0;
      for (Map<String, Double> row : x) {
        Double v = row.get(name);
        if (v == null && name.contains("=")) {
          v = 0.0;
        }
        if (v != null) {
          sum += v;
          sq += v * v;
          n++;
        }
      }
      center[a] = n == 0 ? 0 : sum / n;
      double var = n == 0 ? 0 : sq / n - center[a] * center[a];
      // A feature with no variance in the window cannot be learnt: scale 1 and the penalty keep its weight at 0.
      scale[a] = var > 1e-12 ? Math.sqrt(var) : 1;
    }
    double[] y = labels(train);
    int inner = (int) Math.round(train.size() * (1 - TEST_SHARE));
    double slope = 1;
    double offset = 0;
    double[][] all = matrix(x, names, center, scale);
    double[] yInner = java.util.Arrays.copyOf(y, inner);
    double[] yValidation = java.util.Arrays.copyOfRange(y, inner, y.length);
    double linearLoss = Double.NaN;
    if (classes(yInner) && enoughOfEach(yValidation)) {
      double[] beta = LogisticRegression.fit(java.util.Arrays.copyOf(all, inner), yInner, properties.regularisation());
      double[][] z = new double[y.length - inner][1];
      double[] pValidation = new double[y.length - inner];
      for (int i = inner; i < y.length; i++) {
        z[i - inner][0] = LogisticRegression.linear(beta, all[i]);
        pValidation[i - inner] = LogisticRegression.sigmoid(z[i - inner][0]);
      }
      // Platt scaling: a one-feature logistic regression of the outcome on the model's log-odds, unpenalised.
      double[] platt = LogisticRegression.fit(z, yValidation, 0);
      // A negative or absurd slope means the validation part disagrees with the rest; calibrating on it would invert
      // or flatten every score, so the model stays uncalibrated rather than wrong.
      if (platt[1] > 0.1 && platt[1] < 10) {
        slope = platt[1];
        offset = platt[0];
      }
      linearLoss = Quality.of(pValidation, yValidation).logLoss();
      List<Additive.Input> inputs = new ArrayList<>();
      features.forEach(f -> inputs.add(new Additive.Input(f.name(), false, 0)));
      fields.forEach(f -> inputs.add(new Additive.Input(f.property(), f.type() == FieldSpec.Type.CATEGORICAL, f.direction())));
      Additive.Fit shapes = Additive.learn(inputs, x.subList(0, inner), yInner, x.subList(inner, x.size()), yValidation);
      if (shapes.validationLoss() < linearLoss) {
        return new Model(kind, 0, Model.Status.REJECTED, false, shapes.intercept(), List.of(), shapes.terms(), 1, 0, null, null, List.of(),
            null, clock.instant(), String.format(java.util.Locale.ROOT,
                "Learner: additive shapes (%d terms, %d of them pairs; %d + %d rounds) beat logistic regression on validation (log loss %.4f against %.4f).",
                shapes.terms().size(), shapes.terms().stream().filter(t -> t.axes().size() == 2).count(), shapes.mainRounds(), shapes.pairRounds(),
                shapes.validationLoss(), linearLoss));
      }
    }
    double[] beta = LogisticRegression.fit(all, y, properties.regularisation());
    List<Model.Coefficient> coefficients = new ArrayList<>();
    for (int a = 0; a < k; a++) {
      coefficients.add(new Model.Coefficient(names.get(a), beta[a + 1], center[a], scale[a]));
    }
    String note = Double.isNaN(linearLoss) ? "Learner: logistic regression (too few outcomes in the validation part to compare or calibrate)."
        : String.format(java.util.Locale.ROOT, "Learner: logistic regression, at least as good as additive shapes on validation (log loss %.4f).", linearLoss);
    return new Model(kind, 0, Model.Status.REJECTED, false, beta[0], List.copyOf(coefficients), List.of(), slope, offset, null, null, List.of(),
        null, clock.instant(), note);
  }

  /** Levels of a categorical field given their own input in logistic regression; rarer ones count as none. */
  static final int MAX_LEVELS = 50;

  /**
   * Own fields with their types decided on the training rows where a spec leaves it open: numeric when every value is
   * a number and there are more than {@value FieldSpec#FEW_LEVELS} distinct ones, categorical otherwise.
   */
  static List<FieldSpec> typed(List<FieldSpec> fields, List<Map<String, Double>> x) {
    List<FieldSpec> out = new ArrayList<>();
    for (FieldSpec f : fields) {
      if (f.type() != null) {
        out.add(f);
        continue;
      }
      boolean allNumbers = true;
      java.util.Set<Double> distinct = new java.util.HashSet<>();
      for (Map<String, Double> row : x) {
        boolean present = row.keySet().stream().anyMatch(key -> key.startsWith(f.property() + "="));
        Double v = row.get(f.property());
        if (present && v == null) {
          allNumbers = false;
          break;
        }
        if (v != null) {
          distinct.add(v);
        }
      }
      boolean numeric = allNumbers && distinct.size() > FieldSpec.FEW_LEVELS;
      out.add(new FieldSpec(f.property(), numeric ? FieldSpec.Type.NUMERIC : FieldSpec.Type.CATEGORICAL, numeric ? f.direction() : 0));
    }
    return List.copyOf(out);
  }

  private boolean enoughOfEach(double[] y) {
    int pos = 0;
    for (double v : y) {
      pos += v > 0.5 ? 1 : 0;
    }
    return pos >= 10 && y.length - pos >= 10;
  }

  private static boolean classes(double[] y) {
    boolean pos = false;
    boolean neg = false;
    for (double v : y) {
      pos |= v > 0.5;
      neg |= v <= 0.5;
    }
    return pos && neg;
  }

  /** Transformed feature values per example, computed as each example looked at its moment. */
  List<Map<String, Double>> transformed(ScoreKind kind, List<Example> examples, List<Feature> features) {
    return transformed(kind, examples, features, List.of());
  }

  /** The same, with the entities' own fields as inputs ({@link FeatureEngine#compute}). */
  List<Map<String, Double>> transformed(ScoreKind kind, List<Example> examples, List<Feature> features, List<String> fields) {
    List<Map<String, Double>> out = new ArrayList<>(examples.size());
    for (int from = 0; from < examples.size(); from += BATCH) {
      List<FeatureEngine.Point> points = examples.subList(from, Math.min(examples.size(), from + BATCH)).stream()
          .map(e -> new FeatureEngine.Point(e.id(), e.at())).toList();
      for (Map<String, FeatureEngine.Value> values : engine.compute(kind, points, features, fields, properties.halfLifeSeconds())) {
        Map<String, Double> row = new LinkedHashMap<>();
        for (Feature f : features) {
          row.put(f.name(), f.transform().apply(values.get(f.name()).raw()));
        }
        values.forEach((name, v) -> {
          if (Feature.isField(name)) {
            row.put(name, v.raw());
          }
        });
        out.add(row);
      }
    }
    return out;
  }

  static double[] predict(Model model, List<Map<String, Double>> x) {
    double[] p = new double[x.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = LogisticRegression.sigmoid(model.logit(x.get(i)));
    }
    return p;
  }

  static double[] labels(List<Example> examples) {
    double[] y = new double[examples.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = examples.get(i).positive() ? 1 : 0;
    }
    return y;
  }

  /** Standardised inputs; a missing level input is 0, a missing number the centre (it says nothing). */
  private static double[][] matrix(List<Map<String, Double>> x, List<String> names, double[] center, double[] scale) {
    double[][] m = new double[x.size()][names.size()];
    for (int i = 0; i < x.size(); i++) {
      for (int a = 0; a < names.size(); a++) {
        Double v = x.get(i).get(names.get(a));
        double value = v != null ? v : names.get(a).contains("=") ? 0 : center[a];
        m[i][a] = (value - center[a]) / scale[a];
      }
    }
    return m;
  }

  /**
   * Quality per region, industry and source system on the test window, and per level of each categorical own field
   * the model learns from (a plan, a state): a model that works for some customers and not for others shows here.
   */
  private List<Model.SegmentQuality> segments(
      ScoreKind kind, List<Example> test, double[] p, double[] y, List<Map<String, Double>> x, List<String> categoricalFields) {
    Map<String, Map<String, Object>> attributes = new HashMap<>();
    client.query(
            """
            UNWIND $ids AS id
            MATCH (n:%s {id: id})
            OPTIONAL MATCH (n)-[:WORKS_AT|FOR]->(acc:Account)
            WITH n, CASE WHEN n:Account THEN n ELSE acc END AS a
            RETURN n.id AS id, a.country AS region, a.industry AS industry,
                   head([(s:SourceRecord)-[:PRODUCED]->(n) | s.source]) AS source"""
                .formatted(kind.entity().label()))
        .bind(test.stream().map(Example::id).distinct().toList()).to("ids").fetch().all()
        .forEach(r -> attributes.putIfAbsent((String) r.get("id"), r));
    List<Model.SegmentQuality> out = new ArrayList<>();
    List<String> dimensions = new ArrayList<>(List.of("region", "industry", "source"));
    dimensions.addAll(categoricalFields);
    for (String dimension : dimensions) {
      Map<String, List<Integer>> groups = new TreeMap<>();
      for (int i = 0; i < test.size(); i++) {
        String value;
        if (Feature.isField(dimension)) {
          String prefix = dimension + "=";
          value = x.get(i).keySet().stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length())).findFirst().orElse(null);
        } else {
          Map<String, Object> a = attributes.get(test.get(i).id());
          Object v = a == null ? null : a.get(dimension);
          value = v == null ? null : v.toString();
        }
        groups.computeIfAbsent(value == null ? "(unknown)" : value, g -> new ArrayList<>()).add(i);
      }
      groups.forEach((value, members) -> {
        if (members.size() >= MIN_SEGMENT) {
          double[] sp = members.stream().mapToDouble(i -> p[i]).toArray();
          double[] sy = members.stream().mapToDouble(i -> y[i]).toArray();
          Quality q = Quality.of(sp, sy);
          out.add(new Model.SegmentQuality(dimension, value, q.examples(), q.positives(), q.auc(),
              java.util.Arrays.stream(sp).average().orElse(0), java.util.Arrays.stream(sy).average().orElse(0)));
        }
      });
    }
    return List.copyOf(out);
  }
}
