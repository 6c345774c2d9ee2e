package io.customergraph.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges that need a graph query — quarantine, review queue, tags, bands, models, accounts at risk, pipeline, dead
 * letters — refreshed on a schedule ({@code customer-graph.observe.refresh}, default 60 s), never on a scrape: a
 * scrape reads the last values.
 */
@Component
class BusinessGauges {

  private static final Logger log = LoggerFactory.getLogger(BusinessGauges.class);
  private static final List<String> KINDS = List.of("LEAD_PRIORITY", "DEAL_WIN", "CHURN_RISK");
  /** Open stages, each shown even when empty. */
  private static final List<String> STAGES = List.of("PROSPECTING", "ENGAGING", "PROPOSAL", "NEGOTIATION");
  private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

  private final Neo4jClient client;
  private final Clock clock;
  private final AtomicReference<Double> quarantine = new AtomicReference<>(0.0);
  private final AtomicReference<Double> reviews = new AtomicReference<>(0.0);
  private final AtomicReference<Double> atRisk = new AtomicReference<>(0.0);
  private final AtomicReference<Double> deadLetters = new AtomicReference<>(0.0);
  private final MultiGauge tags;
  private final MultiGauge bands;
  private final MultiGauge auc;
  private final MultiGauge brier;
  private final MultiGauge outcomes;
  private final MultiGauge age;
  private final MultiGauge version;
  private final MultiGauge pipelineDeals;
  private final MultiGauge pipelineAmount;

  BusinessGauges(Neo4jClient client, MeterRegistry registry, Clock clock) {
    this.client = client;
    this.clock = clock;
    Gauge.builder(Metrics.QUARANTINE, quarantine, AtomicReference::get).description("Records in quarantine, waiting for a fix").register(registry);
    Gauge.builder(Metrics.REVIEW_QUEUE, reviews, AtomicReference::get).description("Open entity-resolution reviews waiting for a person").register(registry);
    Gauge.builder(Metrics.ACCOUNTS_AT_RISK, atRisk, AtomicReference::get).description("Accounts whose churn risk is 0.5 or more").register(registry);
    Gauge.builder(Metrics.WEBHOOK_DEAD_LETTERS, deadLetters, AtomicReference::get).description("Webhook deliveries in the dead-letter list").register(registry);
    tags = MultiGauge.builder(Metrics.TAGS).description("Interactions carrying each language tag").register(registry);
    bands = MultiGauge.builder(Metrics.SCORE_BANDS).description("Scored entities per kind and band").register(registry);
    auc = MultiGauge.builder(Metrics.MODEL_AUC).description("Test AUC of the active model (NaN for prior weights)").register(registry);
    brier = MultiGauge.builder(Metrics.MODEL_BRIER).description("Test Brier score of the active model (NaN for prior weights)").register(registry);
    outcomes = MultiGauge.builder(Metrics.MODEL_OUTCOMES).description("Outcomes the active model learnt and was tested on").register(registry);
    age = MultiGauge.builder(Metrics.MODEL_AGE).baseUnit("seconds").description("Time since the active model was trained (0 for prior weights)").register(registry);
    version = MultiGauge.builder(Metrics.MODEL_VERSION).description("Version of the active model (0 = prior weights)").register(registry);
    pipelineDeals = MultiGauge.builder(Metrics.PIPELINE_DEALS).description("Open deals per stage").register(registry);
    pipelineAmount = MultiGauge.builder(Metrics.PIPELINE_AMOUNT).description("Amount of open deals per stage").register(registry);
  }

  @Scheduled(fixedDelayString = "${customer-graph.observe.refresh:PT60S}")
  void refresh() {
    try {
      read();
    } catch (RuntimeException e) {
      // A failed refresh keeps the last values; the next one tries again.
      log.warn("Business gauges not refreshed: {}", e.getMessage());
    }
  }

  void read() {
    Map<String, Object> r = client.query(
            """
            CALL () { MATCH (s:SourceRecord {status: 'QUARANTINED'}) RETURN count(s) AS quarantine }
            CALL () { MATCH (r:Review {status: 'OPEN'}) RETURN count(r) AS reviews }
            CALL () { MATCH (s:Score {kind: 'CHURN_RISK'}) WHERE s.probability >= 0.5 RETURN count(s) AS atRisk }
            CALL () { MATCH (d:WebhookDelivery {status: 'DEAD'}) RETURN count(d) AS dead }
            RETURN quarantine, reviews, atRisk, dead""")
        .fetch().one().orElse(Map.of());
    quarantine.set(number(r.get("quarantine")));
    reviews.set(number(r.get("reviews")));
    atRisk.set(number(r.get("atRisk")));
    deadLetters.set(number(r.get("dead")));

    List<MultiGauge.Row<?>> tagRows = new ArrayList<>();
    client.query("MATCH (t:Tag) RETURN t.name AS tag, COUNT { (t)<-[:TAGGED]-() } AS n ORDER BY tag").fetch().all()
        .forEach(x -> tagRows.add(MultiGauge.Row.of(Tags.of("tag", (String) x.get("tag")), number(x.get("n")))));
    tags.register(tagRows, true);

    Map<String, Double> counted = new java.util.HashMap<>();
    client.query("MATCH (s:Score) RETURN s.kind AS kind, s.band AS band, count(*) AS n").fetch().all()
        .forEach(x -> counted.put(x.get("kind") + "|" + x.get("band"), number(x.get("n"))));
    List<MultiGauge.Row<?>> bandRows = new ArrayList<>();
    for (String kind : KINDS) {
      for (String band : List.of("A", "B", "C", "D")) {
        bandRows.add(MultiGauge.Row.of(Tags.of("kind", kind, "band", band), counted.getOrDefault(kind + "|" + band, 0.0)));
      }
    }
    bands.register(bandRows, true);

    List<MultiGauge.Row<?>> aucRows = new ArrayList<>();
    List<MultiGauge.Row<?>> brierRows = new ArrayList<>();
    List<MultiGauge.Row<?>> outcomeRows = new ArrayList<>();
    List<MultiGauge.Row<?>> ageRows = new ArrayList<>();
    List<MultiGauge.Row<?>> versionRows = new ArrayList<>();
    Map<String, Map<String, Object>> active = new java.util.HashMap<>();
    client.query("MATCH (m:Model {status: 'ACTIVE'}) RETURN m.kind AS kind, m.auc AS auc, m.brier AS brier, m.trainedAt AS at, m.version AS version, "
            + "m.json AS json").fetch().all().forEach(x -> active.put((String) x.get("kind"), x));
    for (String kind : KINDS) {
      Map<String, Object> m = active.get(kind);
      Tags t = Tags.of("kind", kind);
      aucRows.add(MultiGauge.Row.of(t, m == null || m.get("auc") == null ? Double.NaN : number(m.get("auc"))));
      brierRows.add(MultiGauge.Row.of(t, m == null || m.get("brier") == null ? Double.NaN : number(m.get("brier"))));
      ageRows.add(MultiGauge.Row.of(t, m == null || !(m.get("at") instanceof ZonedDateTime z) ? 0.0
          : (double) Duration.between(z.toInstant(), clock.instant()).toSeconds()));
      versionRows.add(MultiGauge.Row.of(t, m == null ? 0.0 : number(m.get("version"))));
      double[] pn = outcomesOf(m);
      outcomeRows.add(MultiGauge.Row.of(Tags.of("kind", kind, "outcome", "positive"), pn[0]));
      outcomeRows.add(MultiGauge.Row.of(Tags.of("kind", kind, "outcome", "negative"), pn[1]));
    }
    auc.register(aucRows, true);
    brier.register(brierRows, true);
    outcomes.register(outcomeRows, true);
    age.register(ageRows, true);
    version.register(versionRows, true);

    Map<String, Map<String, Object>> byStage = new java.util.HashMap<>();
    client.query("MATCH (d:Deal) WHERE d.stage IN $stages RETURN d.stage AS stage, count(d) AS n, sum(coalesce(d.amount, 0)) AS amount")
        .bind(STAGES).to("stages").fetch().all().forEach(x -> byStage.put((String) x.get("stage"), x));
    List<MultiGauge.Row<?>> deals = new ArrayList<>();
    List<MultiGauge.Row<?>> amounts = new ArrayList<>();
    for (String stage : STAGES) {
      Map<String, Object> x = byStage.getOrDefault(stage, Map.of());
      deals.add(MultiGauge.Row.of(Tags.of("stage", stage), number(x.get("n"))));
      amounts.add(MultiGauge.Row.of(Tags.of("stage", stage), number(x.get("amount"))));
    }
    pipelineDeals.register(deals, true);
    pipelineAmount.register(amounts, true);
  }

  private static double[] outcomesOf(java.util.@org.jspecify.annotations.Nullable Map<String, Object> m) {
    if (m == null || m.get("json") == null) {
      return new double[] {0, 0};
    }
    tools.jackson.databind.JsonNode w = JSON.readTree((String) m.get("json")).path("window");
    return new double[] {w.path("positives").asDouble(0), w.path("negatives").asDouble(0)};
  }

  private static double number(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof Number n ? n.doubleValue() : 0.0;
  }
}
