package io.customergraph.score;

import io.customergraph.graph.GraphChanged;
import io.customergraph.graph.NodeKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps scores current: entities touched by a write are rescored together shortly after (a new email rescores its
 * sender and recipients, their account and its deals), everything is rescored on a schedule, and a graph without
 * scores (first start, demo world just loaded) is scored once at start-up, in the background.
 */
@Component
@Order(20)
class ScoreLifecycle implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(ScoreLifecycle.class);

  /**
   * From touched nodes to the entities whose features read them most: people linked to the node, their accounts and
   * those accounts' deals. Colleagues are not rescored here — at an account of thousands of people every new email
   * would rescore them all; their colleague features catch up at the scheduled rescoring (and decay at read time
   * meanwhile). Ids merged away are followed to their survivor.
   */
  private static final String AFFECTED =
      """
      UNWIND $ids AS id
      CALL (id) {
        MATCH (n:%s {id: id}) RETURN n
        UNION
        MATCH (:Alias {key: 'id:' + id})-[:ALIAS_OF]->(n) RETURN n
      }
      CALL (n) {
        MATCH (n)-[:SENT|TO|CC|JOINED|RAISED|PERFORMED|WORKS_AT|FOR]-(x) WHERE x:Contact OR x:Account OR x:Deal RETURN x
        UNION
        RETURN n AS x
      }
      WITH DISTINCT x WHERE x:Contact OR x:Account OR x:Deal
      CALL (x) {
        MATCH (x)-[:WORKS_AT|FOR]->(a:Account) RETURN a AS y
        UNION
        RETURN x AS y
      }
      WITH DISTINCT y
      CALL (y) {
        MATCH (y:Account)<-[:FOR]-(z:Deal) RETURN z
        UNION
        RETURN y AS z
      }
      WITH DISTINCT z
      RETURN CASE WHEN z:Contact THEN 'LEAD_PRIORITY' WHEN z:Deal THEN 'DEAL_WIN' ELSE 'CHURN_RISK' END AS kind, z.id AS id""";

  private final Scorer scorer;
  private final Neo4jClient client;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();

  private final io.customergraph.graph.Leases leases;
  private final ScoreProperties properties;

  ScoreLifecycle(Scorer scorer, Neo4jClient client, io.customergraph.graph.Leases leases, ScoreProperties properties) {
    this.scorer = scorer;
    this.client = client;
    this.leases = leases;
    this.properties = properties;
  }

  /**
   * A graph without scores is scored in the background (a named thread), so the service is ready at once: until it
   * is done, a score read computes that entity's score on the spot and {@code topScored} lists what is scored so far.
   */
  @Override
  public void run(ApplicationArguments args) {
    boolean any = client.query("MATCH (s:Score) RETURN count(s) > 0 LIMIT 1").fetchAs(Boolean.class).one().orElse(false);
    if (!any) {
      Thread t = new Thread(() -> rescoreAll("first start"), "score-first-start");
      t.setDaemon(true);
      t.start();
    }
  }

  @EventListener
  void on(GraphChanged changed) {
    if (changed.origin() == GraphChanged.Origin.FEED) {
      long now = System.nanoTime();
      changed.ids().forEach(id -> fromFeed.putIfAbsent(id, now));
    } else {
      pending.addAll(changed.ids());
    }
  }

  /**
   * Ids the change feed brought (written by any process, this one included), with when they came. The process that
   * wrote them rescores them; every instance doing it again made N instances score everything N times — here they are
   * looked at after {@link #FEED_GRACE} (30 s), and only those whose score is still missing or older than the change (plain
   * Cypher, a writer that died) are rescored.
   */
  private final Map<String, Long> fromFeed = new ConcurrentHashMap<>();
  static final java.time.Duration FEED_GRACE = java.time.Duration.ofSeconds(30);
  /** {@link #FEED_GRACE}, shortened by tests. */
  java.time.Duration feedGrace = FEED_GRACE;

  private static final String STALE = """
      UNWIND $ids AS id
      MATCH (n {id: id}) WHERE n:Contact OR n:Account
      OPTIONAL MATCH (s:Score) WHERE s.id IN [kind IN $kinds | kind + ':' + id]
      WITH id, coalesce(n.updatedAt, n.createdAt) AS changed, max(s.computedAt) AS scored
      WHERE scored IS NULL OR (changed IS NOT NULL AND scored < changed)
      RETURN id""";

  /** Feed ids past the grace whose own score is missing or older than their change. */
  private List<String> staleFromFeed() {
    long cutoff = System.nanoTime() - feedGrace.toNanos();
    List<String> due = new ArrayList<>();
    fromFeed.forEach((id, seen) -> {
      if (seen <= cutoff) {
        due.add(id);
      }
    });
    due.forEach(fromFeed::remove);
    return due.isEmpty() ? List.of() : List.copyOf(client.query(STALE).bind(due).to("ids")
        .bind(java.util.Arrays.stream(ScoreKind.values()).map(Enum::name).toList()).to("kinds").fetchAs(String.class).all());
  }

  /**
   * After an import: what it touched is rescored now rather than in a few seconds, and every entity still without a
   * score is scored, so that rankings are full when the import reports done (a command-line import ends with it).
   */
  @EventListener
  void on(io.customergraph.graph.ImportFinished done) {
    refresh();
    long started = System.nanoTime();
    Map<ScoreKind, Long> counts = new EnumMap<>(ScoreKind.class);
    for (ScoreKind kind : ScoreKind.values()) {
      counts.put(kind, scorer.rescoreUnscored(kind, done.step()));
    }
    log.info("Scored {} entities without a score after importing {} ({} ms)", counts, done.kind(), (System.nanoTime() - started) / 1_000_000);
  }

  /** Rescores what writes touched since the last run. */
  @Scheduled(fixedDelayString = "${customer-graph.score.refresh-delay:PT5S}")
  synchronized void refresh() {
    if (!fromFeed.isEmpty()) {
      pending.addAll(staleFromFeed());
    }
    if (pending.isEmpty()) {
      return;
    }
    List<String> ids = new ArrayList<>(pending);
    pending.removeAll(ids);
    try {
      Map<NodeKind, List<String>> byKind = new EnumMap<>(NodeKind.class);
      ids.forEach(id -> NodeKind.ofId(id).ifPresent(k -> byKind.computeIfAbsent(k, x -> new ArrayList<>()).add(id)));
      Map<ScoreKind, Set<String>> affected = new EnumMap<>(ScoreKind.class);
      byKind.forEach((kind, list) ->
          // The label comes from the NodeKind enum.
          client.query(AFFECTED.formatted(kind.label())).bind(list).to("ids").fetch().all().forEach(r ->
              affected.computeIfAbsent(ScoreKind.valueOf((String) r.get("kind")), k -> new TreeSet<>()).add((String) r.get("id"))));
      affected.forEach((kind, entities) -> scorer.rescore(kind, List.copyOf(entities)));
    } catch (org.springframework.dao.DataAccessException e) {
      // Usually a transient conflict with a concurrent import: nothing is lost, the ids wait for the next round.
      pending.addAll(ids);
      log.warn("Rescoring {} touched nodes deferred to the next round: {}", ids.size(), e.getMostSpecificCause().getMessage());
    }
  }

  /**
   * Rescores everything, so orderings and trends follow time even where nothing new happened — on one instance of
   * those sharing the database: the first to take the lease does it, the others find it held and skip this round.
   */
  @Scheduled(initialDelayString = "${customer-graph.score.rescore-interval:PT6H}", fixedDelayString = "${customer-graph.score.rescore-interval:PT6H}")
  void rescoreEverything() {
    if (leases.tryAcquire(RESCORE_LEASE, properties.rescoreInterval().multipliedBy(9).dividedBy(10))) {
      rescoreAll("schedule");
    } else {
      log.debug("Scheduled rescoring skipped: another instance holds the lease");
    }
  }

  /** The lease of the scheduled rescoring (one instance per interval). */
  static final String RESCORE_LEASE = "rescore-everything";

  void rescoreAll(String why) {
    long started = System.nanoTime();
    Map<ScoreKind, Long> counts = new EnumMap<>(ScoreKind.class);
    for (ScoreKind kind : ScoreKind.values()) {
      counts.put(kind, scorer.rescoreAll(kind));
    }
    log.info("Scored {} ({}) in {} ms", counts, why, (System.nanoTime() - started) / 1_000_000);
  }
}
