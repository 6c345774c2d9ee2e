package io.customergraph.graph;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What other processes wrote, brought to this one: every few seconds the graph is asked which contacts and accounts
 * were created or updated, which ids were merged away and which merges were split, since the last look; they are published as a
 * {@link GraphChanged} of origin {@code FEED}, so the candidate index re-reads them and scoring rescores what they
 * touch — writes made by another service instance on the same database, or by the CLI, are seen within
 * {@code customer-graph.graph.feed-interval} (plus the overlap, for clocks that disagree). This process's own writes
 * come back too; re-reading them is idempotent.
 *
 * <p>Readiness waits for the feed: the start-up step {@value #STEP} is done once every other start-up step has
 * finished (the candidate index built, vectors loaded) and one look has then read everything written meanwhile — by
 * this process or any other — so a new instance behind a load balancer answers only once it has caught up.
 */
@Component
public class ChangeFeed {

  private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

  /** Looks back this much before the last look: instances' clocks may disagree by a few seconds. */
  static final Duration OVERLAP = Duration.ofSeconds(30);
  /** Changes read per look; more wait for the next. */
  static final int LIMIT = 5_000;

  /** The start-up step readiness waits on. */
  public static final String STEP = "changeFeed";

  private final Neo4jClient client;
  private final Startup startup;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private volatile Instant since;

  ChangeFeed(Neo4jClient client, ApplicationEventPublisher events, Clock clock, io.micrometer.core.instrument.MeterRegistry meters,
      Startup startup) {
    this.client = client;
    this.startup = startup;
    startup.expect(STEP);
    this.events = events;
    this.clock = clock;
    // What was written before this process started is in the index it builds at start-up.
    this.since = clock.instant();
    // customer_graph_index_lag_seconds (the name is spelt here: the graph package depends on no other capability).
    io.micrometer.core.instrument.Gauge.builder("customer_graph.index.lag", this, ChangeFeed::lagSeconds).baseUnit("seconds")
        .description("How far behind the graph this instance's candidate index and rescoring queue may be: time since the moment up to which the change feed has read")
        .register(meters);
  }

  /** Catches up once the other start-up steps have finished, whatever the polling interval, then says so. */
  @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
  void catchUpAtStart() {
    Thread.ofVirtual().name("change-feed-start").start(() -> {
      try {
        while (!startup.finishedExcept(STEP)) {
          Thread.sleep(200);
        }
        startup.running(STEP);
        int n = 0;
        do {
          n += poll();
        } while (lagSeconds() > 1);
        startup.done(STEP, n + " changes read since start; lag " + Math.round(lagSeconds()) + " s");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        startup.failed(STEP, "could not read the changes since start: " + e.getMessage());
      }
    });
  }

  @Scheduled(initialDelayString = "${customer-graph.graph.feed-interval:PT5S}", fixedDelayString = "${customer-graph.graph.feed-interval:PT5S}")
  void scheduled() {
    try {
      poll();
    } catch (RuntimeException e) {
      log.warn("Change feed: could not read changes since {}: {}", since, e.getMessage());
    }
  }

  /** Reads the changes since the last look and publishes them; returns how many ids. */
  public synchronized int poll() {
    Instant now = clock.instant();
    ZonedDateTime from = ZonedDateTime.ofInstant(since.minus(OVERLAP), ZoneOffset.UTC);
    Set<String> ids = new LinkedHashSet<>();
    List<Map<String, Object>> rows = List.copyOf(client.query("""
            CALL () {
              MATCH (n:Contact) WHERE n.createdAt >= $from RETURN n.id AS id, n.createdAt AS at
              UNION
              MATCH (n:Contact) WHERE n.updatedAt >= $from RETURN n.id AS id, n.updatedAt AS at
              UNION
              MATCH (n:Account) WHERE n.createdAt >= $from RETURN n.id AS id, n.createdAt AS at
              UNION
              MATCH (n:Account) WHERE n.updatedAt >= $from RETURN n.id AS id, n.updatedAt AS at
              UNION
              MATCH (a:Alias) WHERE a.createdAt >= $from AND a.key STARTS WITH 'id:' RETURN substring(a.key, 3) AS id, a.createdAt AS at
              UNION
              // A split restores both entities with their old times; the retracted link has the time of the split.
              MATCH (l)-[r:SAME_AS]->(s) WHERE r.retractedAt >= $from UNWIND [l.id, s.id] AS id RETURN id, r.retractedAt AS at
            }
            RETURN id, at ORDER BY at LIMIT $limit""")
        .bindAll(Map.of("from", from, "limit", LIMIT)).fetch().all());
    Instant newest = null;
    for (Map<String, Object> r : rows) {
      ids.add((String) r.get("id"));
      if (r.get("at") instanceof ZonedDateTime at) {
        newest = at.toInstant();
      }
    }
    // A full page may have more behind it: go on from its newest change; otherwise everything up to now was seen.
    since = rows.size() >= LIMIT && newest != null ? newest : now;
    if (!ids.isEmpty()) {
      events.publishEvent(new GraphChanged(new ArrayList<>(ids), GraphChanged.Origin.FEED));
    }
    return ids.size();
  }

  /** How far behind the graph this process may be: seconds since the moment up to which it has read changes. */
  public double lagSeconds() {
    return Math.max(0, Duration.between(since, clock.instant()).toMillis() / 1000.0);
  }
}
