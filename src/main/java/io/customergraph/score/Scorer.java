package io.customergraph.score;

import io.customergraph.graph.Cursor;
import io.customergraph.graph.NodeKind;
import io.customergraph.graph.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;

/**
 * Computes, stores and reads scores. Features are read from the graph when something touches an entity (and on a
 * schedule) and stored with their evidence on a {@code Score} node; a read applies the active model to them after
 * decaying the time-weighted ones to the moment of reading, so a lead that was hot yesterday cools without new data
 * and a newly published model applies at once.
 */
@Service
public class Scorer {

  /** Factors listed per direction in an explanation. */
  static final int TOP_FACTORS = 5;
  /** A factor whose push is smaller than this (in log-odds) is said to be unused for the entity. */
  private static final double NEGLIGIBLE = 0.005;
  /** Entities scored per query batch. */
  static final int BATCH = 500;
  /** A prediction at least this sure (or at most 1 − this) that proves wrong goes to the ledger. */
  static final double CONFIDENT = 0.8;
  /** Days of score history kept per entity (one value per UTC day). */
  static final int HISTORY_DAYS = 180;

  /** A feature as stored: its raw value at {@code computedAt} and its evidence. */
  record Stored(String name, double raw, List<EvidencePath> evidence) {}

  /** One point of a score's history. */
  public record HistoryPoint(LocalDate day, double probability) {}

  /** A confident prediction that proved wrong. */
  public record Miss(ScoreKind kind, String entityId, double predicted, boolean outcome, Instant at, int modelVersion) {}

  /** A refused request, with a code a client can branch on. */
  public static final class Rejected extends io.customergraph.graph.Refused {
    Rejected(String code, String message) {
      super(code, message);
    }
  }

  private static final TypeReference<List<Stored>> STORED = new TypeReference<>() {};
  private static final TypeReference<Map<String, Double>> RAW = new TypeReference<>() {};

  private final Neo4jClient client;
  private final io.customergraph.graph.Reads reads;
  private final TransactionTemplate transactions;
  private final FeatureEngine engine;
  private final Models models;
  private final ScoreProperties properties;
  private final Clock clock;

  private final org.springframework.context.ApplicationEventPublisher events;
  private final io.micrometer.core.instrument.MeterRegistry meters;

  Scorer(Neo4jClient client, io.customergraph.graph.Reads reads, TransactionTemplate transactions, FeatureEngine engine, Models models,
      ScoreProperties properties, Clock clock, org.springframework.context.ApplicationEventPublisher events,
      io.micrometer.core.instrument.MeterRegistry meters) {
    this.reads = reads;
    this.meters = meters;
    this.events = events;
    this.client = client;
    this.transactions = transactions;
    this.engine = engine;
    this.models = models;
    this.properties = properties;
    this.clock = clock;
  }

  // ---------------------------------------------------------------- computing and storing

  /** Rescores entities now; ids that are not entities of the kind are skipped. Returns how many were stored. */
  public int rescore(ScoreKind kind, List<String> ids) {
    return rescore(kind, ids, clock.instant());
  }

  int rescore(ScoreKind kind, List<String> ids, Instant now) {
    int stored = 0;
    for (int from = 0; from < ids.size(); from += BATCH) {
      stored += rescoreBatch(kind, ids.subList(from, Math.min(ids.size(), from + BATCH)), now);
    }
    return stored;
  }

  /** Rescores every entity of a kind; returns how many. */
  public long rescoreAll(ScoreKind kind) {
    Instant now = clock.instant();
    String after = "";
    long n = 0;
    while (true) {
      // The label comes from the ScoreKind enum.
      List<String> ids = List.copyOf(client.query("MATCH (n:%s) WHERE n.id > $after RETURN n.id ORDER BY n.id LIMIT $batch"
              .formatted(kind.entity().label()))
          .bindAll(Map.of("after", after, "batch", BATCH)).fetchAs(String.class).all());
      if (ids.isEmpty()) {
        return n;
      }
      n += rescoreBatch(kind, ids, now);
      after = ids.get(ids.size() - 1);
    }
  }

  /**
   * Scores every entity of a kind that has no stored score yet (after an import, so that rankings are full), telling
   * {@code progress} how far it is; returns how many.
   */
  public long rescoreUnscored(ScoreKind kind, java.util.function.Consumer<String> progress) {
    Instant now = clock.instant();
    // The label comes from the ScoreKind enum.
    List<String> ids = List.copyOf(client.query(
            "MATCH (n:%s) WHERE NOT EXISTS { MATCH (:Score {id: $kind + ':' + n.id}) } RETURN n.id ORDER BY n.id".formatted(kind.entity().label()))
        .bind(kind.name()).to("kind").fetchAs(String.class).all());
    String what = kind.entity().label().toLowerCase(Locale.ROOT) + "s";
    long n = 0;
    for (int from = 0; from < ids.size(); from += BATCH) {
      n += rescoreBatch(kind, ids.subList(from, Math.min(ids.size(), from + BATCH)), now);
      progress.accept(String.format(Locale.ROOT, "scoring %s: %,d of %,d without a score", what, n, ids.size()));
    }
    return n;
  }

  private int rescoreBatch(ScoreKind kind, List<String> ids, Instant now) {
    List<Feature> features = properties.allowed(kind);
    List<FeatureEngine.Point> points = ids.stream().map(id -> new FeatureEngine.Point(id, now)).toList();
    Instant weekBefore = now.minus(Duration.ofDays(7));
    List<FeatureEngine.Point> weekAgo = ids.stream().map(id -> new FeatureEngine.Point(id, weekBefore)).toList();
    Model model = models.active(kind);
    List<String> fields = fieldsRead(kind, model);
    List<Map<String, FeatureEngine.Value>> current = engine.compute(kind, points, features, fields, properties.halfLifeSeconds());
    List<Map<String, FeatureEngine.Value>> previous = engine.compute(kind, weekAgo, features, fields, properties.halfLifeSeconds());
    java.util.Set<String> withheld = profilingWithheld(kind, ids);
    List<Map<String, Object>> rows = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      List<Stored> stored = new ArrayList<>();
      Map<String, Double> raw = new LinkedHashMap<>();
      Map<String, Double> rawWeekAgo = new LinkedHashMap<>();
      for (Feature f : features) {
        FeatureEngine.Value v = current.get(i).get(f.name());
        stored.add(new Stored(f.name(), v.raw(), v.evidence()));
        raw.put(f.name(), v.raw());
        rawWeekAgo.put(f.name(), previous.get(i).get(f.name()).raw());
      }
      for (Map.Entry<String, FeatureEngine.Value> e : current.get(i).entrySet()) {
        if (Feature.isField(e.getKey())) {
          stored.add(new Stored(e.getKey(), e.getValue().raw(), List.of()));
          raw.put(e.getKey(), e.getValue().raw());
          rawWeekAgo.put(e.getKey(), e.getValue().raw());
        }
      }
      if (withheld.contains(ids.get(i))) {
        withhold(kind, raw);
      }
      double p = probability(model, kind, raw, now, now);
      Map<String, Object> row = new HashMap<>();
      row.put("id", scoreId(kind, ids.get(i)));
      row.put("entityId", ids.get(i));
      row.put("kind", kind.name());
      row.put("probability", p);
      row.put("band", Score.band(p));
      row.put("modelVersion", model.version());
      row.put("features", Models.JSON.writeValueAsString(stored));
      row.put("weekAgo", Models.JSON.writeValueAsString(rawWeekAgo));
      row.put("day", LocalDate.ofInstant(now, ZoneOffset.UTC).toString());
      rows.add(row);
    }
    // The label comes from the ScoreKind enum.
    List<Map<String, Object>> written = List.copyOf(client.query(
            """
            UNWIND $rows AS row
            MATCH (e:%s {id: row.entityId})
            MERGE (s:Score {id: row.id})
              ON CREATE SET s.kind = row.kind, s.entityId = row.entityId, s.historyDays = [], s.historyValues = []
            WITH s, row, s.probability AS before, s.band AS bandBefore
            WITH s, row, before, bandBefore, [i IN range(0, size(s.historyDays) - 1) WHERE s.historyDays[i] <> row.day] AS keep
            WITH s, row, before, bandBefore, [i IN keep | s.historyDays[i]] + row.day AS days, [i IN keep | s.historyValues[i]] + row.probability AS values
            SET s.computedAt = $now, s.probability = row.probability, s.band = row.band, s.modelVersion = row.modelVersion,
                s.features = row.features, s.weekAgo = row.weekAgo,
                s.historyDays = days[-$history..], s.historyValues = values[-$history..]
            RETURN row.entityId AS id, before, bandBefore, row.probability AS after, row.band AS bandAfter"""
                .formatted(kind.entity().label()))
        .bindAll(Map.of("rows", rows, "now", ZonedDateTime.ofInstant(now, ZoneOffset.UTC), "history", HISTORY_DAYS))
        .fetch().all());
    io.micrometer.core.instrument.DistributionSummary histogram = io.micrometer.core.instrument.DistributionSummary
        .builder(io.customergraph.observe.Metrics.SCORES).description("Probabilities stored at rescoring, per score kind")
        .tag("kind", kind.name()).serviceLevelObjectives(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0).register(meters);
    for (Map<String, Object> w : written) {
      histogram.record(((Number) w.get("after")).doubleValue());
      if (w.get("before") instanceof Number before && Math.abs(before.doubleValue() - ((Number) w.get("after")).doubleValue()) > 1e-9) {
        events.publishEvent(new ScoreChanged(kind, (String) w.get("id"), before.doubleValue(), ((Number) w.get("after")).doubleValue(),
            (String) w.get("bandBefore"), (String) w.get("bandAfter"), now));
      }
    }
    return written.size();
  }

  /**
   * Recomputes every stored probability and band of a kind with the active model, from the stored features — except
   * scores stored without any of the own fields the model reads, which are rescored from the graph: a score holds the
   * fields read when it was stored, and a file imported before {@code customer-graph.score.fields} named them was
   * scored without them (the README's path: import, then start the service with the fields, then train). Recomputed
   * from what they held, every account of a Telco-shaped file got one probability, "Contract: missing".
   */
  long reapply(ScoreKind kind) {
    Model model = models.active(kind);
    List<String> fields = model.fields();
    List<String> unread = new ArrayList<>();
    String after = "";
    long n = 0;
    while (true) {
      List<Map<String, Object>> page = List.copyOf(client.query(
              "MATCH (s:Score {kind: $kind}) WHERE s.id > $after RETURN s.id AS id, s.features AS features, s.computedAt AS at ORDER BY s.id LIMIT $batch")
          .bindAll(Map.of("kind", kind.name(), "after", after, "batch", BATCH)).fetch().all());
      if (page.isEmpty()) {
        if (!unread.isEmpty()) {
          rescore(kind, unread, clock.instant());
        }
        return n;
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Map<String, Object> r : page) {
        Map<String, Double> raw = new HashMap<>();
        Models.JSON.readValue((String) r.get("features"), STORED).forEach(s -> raw.put(s.name(), s.raw()));
        if (!fields.isEmpty() && raw.keySet().stream().noneMatch(k -> fields.stream().anyMatch(f -> k.equals(f) || k.startsWith(f + "=")))) {
          unread.add(((String) r.get("id")).substring(kind.name().length() + 1));
          n++;
          continue;
        }
        Instant at = java.util.Objects.requireNonNull(Models.instant(r.get("at")));
        double p = probability(model, kind, raw, at, at);
        rows.add(Map.of("id", r.get("id"), "p", p, "band", Score.band(p)));
      }
      client.query("UNWIND $rows AS row MATCH (s:Score {id: row.id}) SET s.probability = row.p, s.band = row.band, s.modelVersion = $version")
          .bindAll(Map.of("rows", rows, "version", model.version())).run();
      n += rows.size();
      after = (String) page.get(page.size() - 1).get("id");
    }
  }

  /** The own fields to read for a kind: those the active model reads and those the configuration names. */
  List<String> fieldsRead(ScoreKind kind, Model model) {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>(model.fields());
    properties.fields(kind).forEach(f -> out.add(f.property()));
    out.removeIf(properties.forbiddenFeatures()::contains);
    return List.copyOf(out);
  }

  /**
   * Contacts (lead priority only) who withheld profiling consent: their scores use no behavioural feature (what they
   * opened, viewed, clicked, downloaded), and say so. Unknown consent is not a refusal.
   */
  java.util.Set<String> profilingWithheld(ScoreKind kind, java.util.Collection<String> ids) {
    if (kind != ScoreKind.LEAD_PRIORITY || ids.isEmpty()) {
      return java.util.Set.of();
    }
    return new java.util.HashSet<>(reads.list("UNWIND $ids AS id MATCH (c:Contact {id: id}) WHERE c.consentProfiling = false RETURN c.id AS id",
        Map.of("ids", List.copyOf(ids)), r -> r.get("id").asString()));
  }

  private static void withhold(ScoreKind kind, Map<String, Double> raw) {
    Feature.of(kind).stream().filter(Feature::behavioural).forEach(f -> raw.put(f.name(), 0.0));
  }

  static String scoreId(ScoreKind kind, String entityId) {
    return kind.name() + ":" + entityId;
  }

  private double probability(Model model, ScoreKind kind, Map<String, Double> raw, Instant computedAt, Instant at) {
    Map<String, Double> x = new HashMap<>();
    for (Feature f : properties.allowed(kind)) {
      Double r = raw.get(f.name());
      if (r != null) {
        x.put(f.name(), f.transform().apply(f.decayed(r, computedAt, at, properties.halfLifeSeconds())));
      }
    }
    Feature.copyFields(raw, x);
    return LogisticRegression.sigmoid(model.logit(x));
  }

  // ---------------------------------------------------------------- reading

  /** The score of an entity decayed to now; an entity never scored is scored first. Empty if there is no such entity. */
  public Optional<Score> score(ScoreKind kind, String entityId) {
    return score(kind, entityId, clock.instant());
  }

  /** The score decayed to {@code at} (at or after it was computed). */
  public Optional<Score> score(ScoreKind kind, String entityId, Instant at) {
    return Optional.ofNullable(scores(kind, List.of(entityId), at).get(entityId));
  }

  /**
   * A read more than this before now is a read of history: features are computed from the graph as it was then, not
   * decayed from the stored ones.
   */
  static final Duration HISTORY = Duration.ofMinutes(1);

  /** Scores of many entities at once (for lists); entities never scored are scored first. */
  public Map<String, Score> scores(ScoreKind kind, List<String> ids, Instant at) {
    if (at.isBefore(clock.instant().minus(HISTORY))) {
      return scoresAsOf(kind, ids, at);
    }
    Map<String, Map<String, Object>> rows = load(kind, ids);
    List<String> missing = ids.stream().filter(id -> !rows.containsKey(id)).distinct().toList();
    if (!missing.isEmpty() && rescore(kind, missing, at) > 0) {
      rows.putAll(load(kind, missing));
    }
    Model model = models.active(kind);
    java.util.Set<String> withheld = profilingWithheld(kind, rows.keySet());
    Map<String, Score> out = new LinkedHashMap<>();
    for (String id : ids) {
      Map<String, Object> r = rows.get(id);
      if (r != null) {
        out.put(id, read(kind, id, r, model, at, withheld.contains(id)));
      }
    }
    return out;
  }

  /**
   * Scores as they were at {@code at}: every feature read from the graph at that moment (events after it do not exist
   * for the read, time-weighted ones decayed to it), the trend against seven days before it, the active model. Nothing
   * is stored; overrides made later are not shown. Ids that are not entities of the kind are left out.
   */
  Map<String, Score> scoresAsOf(ScoreKind kind, List<String> ids, Instant at) {
    // The label comes from the ScoreKind enum.
    List<String> existing = List.copyOf(client.query("UNWIND $ids AS id MATCH (n:%s {id: id}) RETURN DISTINCT n.id".formatted(kind.entity().label()))
        .bind(ids).to("ids").fetchAs(String.class).all());
    Model model = models.active(kind);
    List<String> fields = fieldsRead(kind, model);
    List<Feature> features = properties.allowed(kind);
    java.util.Set<String> withheld = profilingWithheld(kind, existing);
    Map<String, Score> byId = new HashMap<>();
    for (int from = 0; from < existing.size(); from += BATCH) {
      List<String> batch = existing.subList(from, Math.min(existing.size(), from + BATCH));
      List<Map<String, FeatureEngine.Value>> then = engine.compute(
          kind, batch.stream().map(id -> new FeatureEngine.Point(id, at)).toList(), features, fields, properties.halfLifeSeconds());
      List<Map<String, FeatureEngine.Value>> weekBefore = engine.compute(
          kind, batch.stream().map(id -> new FeatureEngine.Point(id, at.minus(Duration.ofDays(7)))).toList(), features, fields, properties.halfLifeSeconds());
      for (int i = 0; i < batch.size(); i++) {
        Map<String, Stored> byName = new HashMap<>();
        then.get(i).forEach((name, v) -> byName.put(name, new Stored(name, v.raw(), v.evidence())));
        Map<String, Double> previous = new HashMap<>();
        weekBefore.get(i).forEach((name, v) -> previous.put(name, v.raw()));
        byId.put(batch.get(i), build(kind, batch.get(i), model, byName, previous, at, at, null, withheld.contains(batch.get(i))));
      }
    }
    Map<String, Score> out = new LinkedHashMap<>();
    ids.stream().filter(byId::containsKey).forEach(id -> out.put(id, byId.get(id)));
    return out;
  }

  private Map<String, Map<String, Object>> load(ScoreKind kind, List<String> ids) {
    Map<String, Map<String, Object>> rows = new HashMap<>();
    // On the request path (a score with its explanation): read in-process on the embedded database.
    reads.each(
            """
            UNWIND $ids AS id
            MATCH (s:Score {id: $kind + ':' + id})
            OPTIONAL MATCH (o:ScoreOverride {kind: $kind, entityId: id})
            WITH s, id, o ORDER BY o.at DESC
            WITH s, id, head(collect(o)) AS o
            RETURN id, s.features AS features, s.weekAgo AS weekAgo, s.computedAt AS computedAt,
                   o {.value, .reason, .at, .modelProbability} AS override""",
            Map.of("ids", ids, "kind", kind.name()),
            r -> rows.put(r.get("id").asString(), r.asMap()));
    return rows;
  }

  @SuppressWarnings("unchecked")
  private Score read(ScoreKind kind, String id, Map<String, Object> row, Model model, Instant at, boolean withheld) {
    Instant computedAt = java.util.Objects.requireNonNull(Models.instant(row.get("computedAt")));
    Instant readAt = at.isBefore(computedAt) ? computedAt : at;
    List<Stored> stored = Models.JSON.readValue((String) row.get("features"), STORED);
    Map<String, Double> weekAgo = row.get("weekAgo") == null ? Map.of() : Models.JSON.readValue((String) row.get("weekAgo"), RAW);
    Map<String, Object> o = (Map<String, Object>) row.get("override");
    Score.Override override = o == null ? null : new Score.Override(
        ((Number) o.get("value")).doubleValue(), (String) o.get("reason"),
        java.util.Objects.requireNonNull(Models.instant(o.get("at"))), ((Number) o.get("modelProbability")).doubleValue());
    Map<String, Stored> byName = new HashMap<>();
    stored.forEach(s -> byName.put(s.name(), s));
    return build(kind, id, model, byName, weekAgo, computedAt, readAt, override, withheld);
  }

  private Score build(
      ScoreKind kind, String id, Model model, Map<String, Stored> byName, Map<String, Double> weekAgo, Instant computedAt,
      Instant readAt, Score.@Nullable Override override, boolean withheld) {
    if (withheld) {
      // Consent is read at every read: what was stored before it was withdrawn is not used either.
      Map<String, Stored> kept = new HashMap<>(byName);
      Feature.of(kind).stream().filter(Feature::behavioural).forEach(f -> kept.remove(f.name()));
      byName = kept;
      Map<String, Double> then = new HashMap<>(weekAgo);
      withhold(kind, then);
      weekAgo = then;
    }
    Map<String, Double> x = new HashMap<>();
    Map<String, Double> decayed = new HashMap<>();
    for (Feature f : properties.allowed(kind)) {
      Stored s = byName.get(f.name());
      double raw = s == null ? 0 : f.decayed(s.raw(), computedAt, readAt, properties.halfLifeSeconds());
      decayed.put(f.name(), raw);
      x.put(f.name(), f.transform().apply(raw));
    }
    byName.forEach((name, s) -> {
      if (Feature.isField(name)) {
        x.put(name, s.raw());
      }
    });
    double logit = model.logit(x);
    double p = LogisticRegression.sigmoid(logit);
    List<Score.Factor> up = new ArrayList<>();
    List<Score.Factor> down = new ArrayList<>();
    List<String> unused = new ArrayList<>();
    Map<String, Feature> features = new HashMap<>();
    Feature.of(kind).forEach(f -> features.put(f.name(), f));
    for (Model.Coefficient c : model.coefficients()) {
      Feature f = features.get(c.feature());
      double contribution = model.contribution(c, c.input(x));
      if (Math.abs(contribution) < NEGLIGIBLE) {
        unused.add(c.feature());
        continue;
      }
      if (f == null) {
        // An own field (a number, or one level of a category): said as the field and its value.
        String field = c.feature().contains("=") ? c.feature().substring(0, c.feature().indexOf('=')) : c.feature();
        Score.Factor factor = new Score.Factor(c.feature(), FieldSpec.label(field), c.input(x), contribution,
            p - LogisticRegression.sigmoid(logit - contribution), Sentences.field(field, c.feature().contains("="), x), List.of());
        (contribution > 0 ? up : down).add(factor);
        continue;
      }
      Stored s = byName.get(c.feature());
      List<EvidencePath> evidence = s == null ? List.of() : s.evidence();
      double value = decayed.get(c.feature());
      Score.Factor factor = new Score.Factor(
          c.feature(), f.label(), value, contribution, p - LogisticRegression.sigmoid(logit - contribution),
          Sentences.factor(f, value, evidence, readAt), evidence);
      (contribution > 0 ? up : down).add(factor);
    }
    for (Model.Term t : model.terms()) {
      double contribution = model.calibrationSlope() * t.value(x);
      if (Math.abs(contribution) < NEGLIGIBLE) {
        unused.add(t.name());
        continue;
      }
      List<EvidencePath> evidence = new ArrayList<>();
      List<String> parts = new ArrayList<>();
      double value = Double.NaN;
      for (Model.Axis axis : t.axes()) {
        Feature f = features.get(axis.feature());
        Stored s = byName.get(axis.feature());
        if (f != null) {
          value = decayed.getOrDefault(axis.feature(), 0.0);
          evidence.addAll(s == null ? List.of() : s.evidence());
          parts.add(Sentences.factor(f, value, s == null ? List.of() : s.evidence(), readAt));
        } else {
          Double number = x.get(axis.feature());
          value = number == null ? Double.NaN : number;
          parts.add(Sentences.field(axis.feature(), axis.categorical(), x));
        }
      }
      String label = String.join(" × ", t.axes().stream().map(a -> features.containsKey(a.feature()) ? features.get(a.feature()).label() : FieldSpec.label(a.feature())).toList());
      Score.Factor factor = new Score.Factor(
          t.name(), label, Double.isNaN(value) ? 1 : value, contribution, p - LogisticRegression.sigmoid(logit - contribution),
          String.join(" and ", parts), List.copyOf(evidence.subList(0, Math.min(evidence.size(), FeatureEngine.EVIDENCE))));
      (contribution > 0 ? up : down).add(factor);
    }
    Comparator<Score.Factor> strongest = Comparator.comparingDouble((Score.Factor f) -> -Math.abs(f.logOdds())).thenComparing(Score.Factor::feature);
    up.sort(strongest);
    down.sort(strongest);
    List<Score.Factor> topUp = List.copyOf(up.subList(0, Math.min(TOP_FACTORS, up.size())));
    List<Score.Factor> topDown = List.copyOf(down.subList(0, Math.min(TOP_FACTORS, down.size())));
    String band = Score.band(p);
    Double trend = null;
    if (!weekAgo.isEmpty()) {
      Map<String, Double> then = new HashMap<>();
      for (Feature f : properties.allowed(kind)) {
        then.put(f.name(), f.transform().apply(weekAgo.getOrDefault(f.name(), 0.0)));
      }
      Feature.copyFields(weekAgo, then);
      trend = p - LogisticRegression.sigmoid(model.logit(then));
    }
    List<String> withheldFeatures = withheld
        ? Feature.of(kind).stream().filter(Feature::behavioural).map(Feature::name).filter(n -> !properties.forbiddenFeatures().contains(n)).toList()
        : List.of();
    String summary = Sentences.summary(band, p, topUp, topDown, readAt)
        + (withheld ? " (behavioural signals not used: this person withheld profiling consent)" : "");
    String note = model.note();
    if (topUp.isEmpty() && topDown.isEmpty()) {
      // An explanation without factors says why, rather than leaving a bare base rate to be guessed at.
      note = note + (model.prior() ? " Prior model: too few outcomes to learn from yet." : "")
          + " No factor moves this score: nothing the model reads was in the graph for it up to %s (time-weighted signals halve every %s days; read an earlier moment with asOf)."
              .formatted(readAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), Sentences.number(properties.halfLifeDays()));
    }
    Score.Explanation explanation = new Score.Explanation(
        summary, LogisticRegression.sigmoid(model.calibrationSlope() * model.intercept() + model.calibrationOffset()),
        topUp, topDown, List.copyOf(unused), List.copyOf(properties.forbiddenFeatures()), withheldFeatures, note.strip());
    return new Score(kind, id, p, band, trend, computedAt, readAt, model.version(), model.prior(), override, explanation);
  }

  /**
   * The score now, and as it would be without one piece of evidence (a ticket, an email, an invoice…): both computed
   * from the live graph, the second inside a transaction that removes the node and is rolled back.
   */
  public Score.WhatIf whatIf(ScoreKind kind, String entityId, String evidenceId) {
    return whatIf(kind, entityId, evidenceId, null);
  }

  /** The same as of a past moment (null: now): both scores computed from the graph as it was then. */
  public Score.WhatIf whatIf(ScoreKind kind, String entityId, String evidenceId, @Nullable Instant asOf) {
    if (evidenceId.equals(entityId)) {
      throw new Rejected("SAME_NODE", "The evidence to leave out must be another node than the entity scored (" + entityId + ")");
    }
    NodeKind evidenceKind = NodeKind.ofId(evidenceId)
        .orElseThrow(() -> new Rejected("UNKNOWN_EVIDENCE", "No node has the id '" + evidenceId + "' (unknown id prefix)"));
    requireEntity(kind, entityId);
    Instant now = asOf == null ? clock.instant() : asOf;
    Model model = models.active(kind);
    Score before = live(kind, entityId, model, now);
    Score after = transactions.execute(status -> {
      status.setRollbackOnly();
      // The label comes from the NodeKind enum.
      long removed = client.query("MATCH (n:%s {id: $id}) DETACH DELETE n RETURN count(*) AS n".formatted(evidenceKind.label()))
          .bind(evidenceId).to("id").fetchAs(Long.class).one().orElse(0L);
      if (removed == 0) {
        throw new Rejected("UNKNOWN_EVIDENCE", "No %s has the id '%s'".formatted(evidenceKind.label(), evidenceId));
      }
      return live(kind, entityId, model, now);
    });
    String sentence = String.format(Locale.ROOT, "Without %s %s, %s would be %.2f instead of %.2f.",
        evidenceKind.label(), evidenceId, kind.name().toLowerCase(Locale.ROOT).replace('_', ' '), after.probability(), before.probability());
    return new Score.WhatIf(evidenceId, before, after, sentence);
  }

  private Score live(ScoreKind kind, String id, Model model, Instant now) {
    Map<String, FeatureEngine.Value> values = engine.compute(
        kind, List.of(new FeatureEngine.Point(id, now)), properties.allowed(kind), fieldsRead(kind, model), properties.halfLifeSeconds()).get(0);
    Map<String, Stored> byName = new HashMap<>();
    values.forEach((name, v) -> byName.put(name, new Stored(name, v.raw(), v.evidence())));
    return build(kind, id, model, byName, Map.of(), now, now, null, profilingWithheld(kind, List.of(id)).contains(id));
  }

  private void requireEntity(ScoreKind kind, String id) {
    boolean exists = client.query("MATCH (n:%s {id: $id}) RETURN count(n) > 0".formatted(kind.entity().label()))
        .bind(id).to("id").fetchAs(Boolean.class).one().orElse(false);
    if (!exists) {
      throw new Rejected("NOT_FOUND", "No %s has the id '%s'".formatted(kind.entity().label(), id));
    }
  }

  /** One probability per UTC day on which the entity was scored, oldest first. */
  public List<HistoryPoint> history(ScoreKind kind, String entityId) {
    return client.query("MATCH (s:Score {id: $id}) RETURN s.historyDays AS days, s.historyValues AS values")
        .bind(scoreId(kind, entityId)).to("id").fetch().one()
        .map(r -> {
          List<?> days = (List<?>) r.get("days");
          List<?> values = (List<?>) r.get("values");
          List<HistoryPoint> out = new ArrayList<>();
          for (int i = 0; i < days.size(); i++) {
            out.add(new HistoryPoint(LocalDate.parse((String) days.get(i)), ((Number) values.get(i)).doubleValue()));
          }
          return List.copyOf(out);
        })
        .orElse(List.of());
  }

  /**
   * Entities of a kind by their score at the last rescoring, highest first (ties by id), optionally of one band; each
   * returned score is read now.
   */
  public Page<Score> top(ScoreKind kind, @Nullable String band, int first, @Nullable String after) {
    return top(kind, band, first, after, null);
  }

  /** The same, limited to entities of the given accounts (their contacts, deals, or the accounts); null: all. */
  public Page<Score> top(ScoreKind kind, @Nullable String band, int first, @Nullable String after, java.util.@Nullable Collection<String> accounts) {
    return top(kind, band, first, after, accounts, null);
  }

  /** Entities a ranking as of a past moment reads at most: each is scored from the graph as it was then. */
  static final int AS_OF_RANKING_LIMIT = 50_000;

  /**
   * The same as of a moment (null: now). A past moment ranks every entity of the kind (within the accounts) by its
   * score then, computed from the graph as it was; nothing stored is read or written.
   */
  public Page<Score> top(
      ScoreKind kind, @Nullable String band, int first, @Nullable String after, java.util.@Nullable Collection<String> accounts, @Nullable Instant asOf) {
    Cursor cursor = after == null ? null : Cursor.decode(after);
    if (asOf != null && asOf.isBefore(clock.instant().minus(HISTORY))) {
      return topAsOf(kind, band, first, after, cursor, accounts, asOf);
    }
    double afterP = 2;
    if (cursor != null) {
      try {
        afterP = Double.parseDouble(cursor.sortKey());
      } catch (NumberFormatException e) {
        throw new Cursor.InvalidCursorException(after);
      }
    }
    Map<String, Object> p = new HashMap<>();
    p.put("kind", kind.name());
    p.put("band", band);
    p.put("afterP", afterP);
    p.put("afterId", cursor == null ? "" : cursor.id());
    p.put("limit", first + 1);
    p.put("accounts", accounts);
    String within = switch (kind.entity()) {
      case ACCOUNT -> "s.entityId IN $accounts";
      case CONTACT -> "EXISTS { MATCH (:Contact {id: s.entityId})-[:WORKS_AT]->(a:Account) WHERE a.id IN $accounts }";
      default -> "EXISTS { MATCH (:Deal {id: s.entityId})-[:FOR]->(a:Account) WHERE a.id IN $accounts }";
    };
    List<Map<String, Object>> rows = List.copyOf(client.query(
            """
            MATCH (s:Score {kind: $kind})
            WHERE ($band IS NULL OR s.band = $band)
              AND (s.probability < $afterP OR (s.probability = $afterP AND s.entityId > $afterId))
              AND EXISTS { MATCH (:%s {id: s.entityId}) }
              AND ($accounts IS NULL OR %s)
            RETURN s.entityId AS id, s.probability AS p ORDER BY p DESC, id LIMIT $limit""".formatted(kind.entity().label(), within))
        .bindAll(p).fetch().all());
    Map<String, Double> stored = new HashMap<>();
    rows.forEach(r -> stored.put((String) r.get("id"), ((Number) r.get("p")).doubleValue()));
    Map<String, Score> scores = scores(kind, rows.stream().map(r -> (String) r.get("id")).toList(), clock.instant());
    List<Score> fetched = rows.stream().map(r -> scores.get((String) r.get("id"))).filter(java.util.Objects::nonNull).toList();
    return Page.of(fetched, first, s -> new Cursor(Double.toString(stored.get(s.entityId())), s.entityId()), after != null);
  }

  private Page<Score> topAsOf(
      ScoreKind kind, @Nullable String band, int first, @Nullable String after, @Nullable Cursor cursor, java.util.@Nullable Collection<String> accounts,
      Instant asOf) {
    String within = switch (kind.entity()) {
      case ACCOUNT -> "n.id IN $accounts";
      case CONTACT -> "EXISTS { MATCH (n)-[:WORKS_AT]->(a:Account) WHERE a.id IN $accounts }";
      default -> "EXISTS { MATCH (n)-[:FOR]->(a:Account) WHERE a.id IN $accounts }";
    };
    Map<String, Object> p = new HashMap<>();
    p.put("accounts", accounts);
    p.put("limit", AS_OF_RANKING_LIMIT + 1);
    // The label comes from the ScoreKind enum.
    List<String> ids = List.copyOf(client.query("MATCH (n:%s) WHERE $accounts IS NULL OR %s RETURN n.id ORDER BY n.id LIMIT $limit"
            .formatted(kind.entity().label(), within))
        .bindAll(p).fetchAs(String.class).all());
    if (ids.size() > AS_OF_RANKING_LIMIT) {
      throw new Rejected("TOO_MANY", "A ranking as of a past moment scores every %s from the graph as it was; more than %,d are too many for one request"
          .formatted(kind.entity().label().toLowerCase(Locale.ROOT), AS_OF_RANKING_LIMIT));
    }
    List<Score> ranked = new ArrayList<>(scoresAsOf(kind, ids, asOf).values());
    ranked.removeIf(s -> band != null && !s.band().equals(band));
    ranked.sort(Comparator.comparingDouble((Score s) -> -s.probability()).thenComparing(Score::entityId));
    if (cursor != null) {
      double afterP;
      try {
        afterP = Double.parseDouble(cursor.sortKey());
      } catch (NumberFormatException e) {
        throw new Cursor.InvalidCursorException(after == null ? "" : after);
      }
      ranked.removeIf(s -> s.probability() > afterP || (s.probability() == afterP && s.entityId().compareTo(cursor.id()) <= 0));
    }
    List<Score> page = ranked.subList(0, Math.min(ranked.size(), first + 1));
    return Page.of(List.copyOf(page), first, s -> new Cursor(Double.toString(s.probability()), s.entityId()), after != null);
  }

  // ---------------------------------------------------------------- feedback

  /** Stores a person's value for a score, apart from the model's; it becomes a training label. */
  public Score.Override override(ScoreKind kind, String entityId, double value, String reason) {
    if (!(value >= 0 && value <= 1)) {
      throw new Rejected("BAD_VALUE", "An override is a probability between 0 and 1, got " + value);
    }
    if (reason == null || reason.isBlank()) {
      throw new Rejected("REASON_REQUIRED", "An override needs a reason: it is read by the next person and learnt from");
    }
    Score current = score(kind, entityId).orElseThrow(() -> new Rejected("NOT_FOUND", "No %s has the id '%s'".formatted(kind.entity().label(), entityId)));
    Instant now = clock.instant();
    client.query(
            """
            MATCH (e:%s {id: $entityId})
            CREATE (o:ScoreOverride {kind: $kind, entityId: $entityId, value: $value, reason: $reason, at: $at,
                                     modelProbability: $model, modelVersion: $version})
            CREATE (e)-[:OVERRIDDEN]->(o)"""
                .formatted(kind.entity().label()))
        .bindAll(Map.of("kind", kind.name(), "entityId", entityId, "value", value, "reason", reason.strip(),
            "at", ZonedDateTime.ofInstant(now, ZoneOffset.UTC), "model", current.probability(), "version", current.modelVersion()))
        .run();
    return new Score.Override(value, reason.strip(), now, current.probability());
  }

  /**
   * Records what happened (a lead converted or not, a deal won or lost, an account churned or renewed); it becomes a
   * training label, and if the score before it was confident and wrong, an entry of the ledger of misses.
   */
  public Optional<Miss> recordOutcome(ScoreKind kind, String entityId, boolean positive, @Nullable Instant at) {
    Instant when = at == null ? clock.instant() : at;
    if (when.isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
      throw new Rejected("FUTURE_OUTCOME", "An outcome cannot be recorded for a moment in the future (" + when + ")");
    }
    requireEntity(kind, entityId);
    Optional<Score> before = score(kind, entityId);
    boolean confidentAndWrong = before.isPresent()
        && ((positive && before.get().probability() <= 1 - CONFIDENT) || (!positive && before.get().probability() >= CONFIDENT));
    Map<String, Object> p = new HashMap<>();
    p.put("kind", kind.name());
    p.put("entityId", entityId);
    p.put("positive", positive);
    p.put("at", ZonedDateTime.ofInstant(when, ZoneOffset.UTC));
    p.put("miss", confidentAndWrong);
    p.put("predicted", before.map(Score::probability).orElse(null));
    p.put("version", before.map(Score::modelVersion).orElse(null));
    client.query(
            """
            MATCH (e:%s {id: $entityId})
            MERGE (o:Outcome {kind: $kind, entityId: $entityId, at: $at})
            SET o.positive = $positive
            MERGE (e)-[:HAD_OUTCOME]->(o)
            WITH e, o
            CALL (e) {
              WITH e WHERE $miss
              MERGE (m:PredictionMiss {kind: $kind, entityId: $entityId, at: $at})
              SET m.predicted = $predicted, m.outcome = $positive, m.modelVersion = $version
              MERGE (e)-[:MISPREDICTED]->(m)
            }"""
                .formatted(kind.entity().label()))
        .bindAll(p).run();
    return confidentAndWrong
        ? Optional.of(new Miss(kind, entityId, before.get().probability(), positive, when, before.get().modelVersion()))
        : Optional.empty();
  }

  /** The ledger of confident predictions that proved wrong, newest first. */
  public List<Miss> misses(ScoreKind kind, int first) {
    return List.copyOf(client.query(
            "MATCH (m:PredictionMiss {kind: $kind}) RETURN m ORDER BY m.at DESC, m.entityId LIMIT $first")
        .bindAll(Map.of("kind", kind.name(), "first", first))
        .fetchAs(Miss.class)
        .mappedBy((t, r) -> {
          var m = r.get("m").asNode();
          return new Miss(kind, m.get("entityId").asString(), m.get("predicted").asDouble(), m.get("outcome").asBoolean(),
              m.get("at").asZonedDateTime().toInstant(), m.get("modelVersion").asInt());
        })
        .all());
  }
}
