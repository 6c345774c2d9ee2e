package io.customergraph.observe;

/**
 * Every metric of the service by name. Names are Micrometer's dotted form; Prometheus sees them with underscores and
 * unit/{@code _total} suffixes ({@code customer_graph_ingest_records_total}). Tags have few values: a kind, an
 * outcome, a band, a reason — never an id, an email or a name.
 */
public final class Metrics {

  private Metrics() {}

  /** Counter, tags {@code kind} (email, call…), {@code outcome} (ingested, updated, unchanged, quarantined). */
  public static final String INGEST_RECORDS = "customer_graph.ingest.records";
  /**
   * Timer, tag {@code step}: where a batch's writing time goes (lookup, match, each named statement, tags, sources,
   * commit, resolve) — for finding what slows an import, in the ingest benchmark and on a dashboard.
   */
  public static final String INGEST_STEP = "customer_graph.ingest.step";
  /** Gauge: records in quarantine, waiting for a fix. */
  public static final String QUARANTINE = "customer_graph.quarantine.records";
  /** Counter, tag {@code decision} (merge, review, new, split). */
  public static final String RESOLUTION_DECISIONS = "customer_graph.resolution.decisions";
  /** Gauge: open reviews waiting for a person. */
  public static final String REVIEW_QUEUE = "customer_graph.review.queue";
  /** Gauge, tag {@code tag}: interactions carrying each language tag. */
  public static final String TAGS = "customer_graph.tags";
  /** Distribution (histogram), tag {@code kind}: probabilities stored at rescoring. */
  public static final String SCORES = "customer_graph.score.probability";
  /** Gauge, tags {@code kind}, {@code band}: entities per band. */
  public static final String SCORE_BANDS = "customer_graph.score.band.entities";
  /** Gauge, tag {@code kind}: the active model's test AUC (NaN for prior weights). */
  public static final String MODEL_AUC = "customer_graph.model.auc";
  /** Gauge, tag {@code kind}: the active model's test Brier score (NaN for prior weights). */
  public static final String MODEL_BRIER = "customer_graph.model.brier";
  /** Gauge, tags {@code kind}, {@code outcome} (positive, negative): outcomes the active model learnt and was tested on. */
  public static final String MODEL_OUTCOMES = "customer_graph.model.outcomes";
  /** Gauge, tag {@code kind}: seconds since the active model was trained (0 for prior weights). */
  public static final String MODEL_AGE = "customer_graph.model.age";
  /** Gauge, tag {@code kind}: the active model's version (0 = prior weights). */
  public static final String MODEL_VERSION = "customer_graph.model.version";
  /** Gauge: accounts whose churn risk is 0.5 or more. */
  public static final String ACCOUNTS_AT_RISK = "customer_graph.accounts.at_risk";
  /** Gauges, tag {@code stage}: open deals and their amount per stage. */
  public static final String PIPELINE_DEALS = "customer_graph.pipeline.deals";
  public static final String PIPELINE_AMOUNT = "customer_graph.pipeline.amount";
  /** Counter, tags {@code type}, {@code status} (suggested as DRAFT or SUPPRESSED, APPROVED, DISPATCHED, REJECTED). */
  public static final String ACTIONS = "customer_graph.actions";
  /** Counter, tag {@code reason} (ACCOUNT_AT_RISK, NO_CONSENT, DO_NOT_CONTACT, FREQUENCY_CAP): actions held back. */
  public static final String ACTION_SUPPRESSIONS = "customer_graph.action.suppressions";
  /** Counter, tags {@code event}, {@code outcome} (delivered, failed, dead). */
  public static final String WEBHOOK_DELIVERIES = "customer_graph.webhook.deliveries";
  /** Gauge: deliveries in the dead-letter list. */
  public static final String WEBHOOK_DEAD_LETTERS = "customer_graph.webhook.dead_letters";
}
