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
 * were created or updated, which ids were merged away and which merges were split, since the last look; they are
 * published as a {@link GraphChanged} of origin {@code FEED}, so the candidate index re-reads them and scoring
 * rescores what their writer left unscored — writes made by another service instance on the same database, or by the CLI, are seen within
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
  /** Changes read per page; a look reads up to {@link #PAGES} pages, more wait for the next look. */
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

  /** Where a look that filled its page left off: the next look goes on from there (no overlap, no going back). */
  private record Cursor(ZonedDateTime at, String id) {}

  private volatile @org.jspecify.annotations.Nullable Cursor cursor;
  /** Changes read per page (a field so that tests can page with a few). */
  int limit = LIMIT;
  /** Pages read per look at most; the rest waits for the next look. */
  static final int PAGES = 20;

  /**
   * Reads the changes since the last look and publishes them, page by page; returns how many ids. A full page is
   * continued after its last change (time, then id), so any number of changes written at one moment is read once;
   * once caught up, the next look starts at the look's own start less the overlap.
   */
  public synchronized int poll() {
    int total = 0;
    for (int page = 0; page < PAGES; page++) {
      Instant now = clock.instant();
      Cursor from = cursor != null ? cursor : new Cursor(ZonedDateTime.ofInstant(since.minus(OVERLAP), ZoneOffset.UTC), "");
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
              WITH id, at WHERE at > $from OR (at = $from AND id > $fromId)
              RETURN id, at ORDER BY at, id LIMIT $limit""")
          .bindAll(Map.of("from", from.at(), "fromId", from.id(), "limit", limit)).fetch().all());
      Set<String> ids = new LinkedHashSet<>();
      for (Map<String, Object> r : rows) {
        ids.add((String) r.get("id"));
      }
      if (rows.size() >= limit) {
        Map<String, Object> last = rows.getLast();
        cursor = new Cursor((ZonedDateTime) last.get("at"), (String) last.get("id"));
      } else {
        // Everything up to this look's start was seen.
        cursor = null;
        since = now;
      }
      if (!ids.isEmpty()) {
        events.publishEvent(new GraphChanged(new ArrayList<>(ids), GraphChanged.Origin.FEED));
      }
      total += ids.size();
      if (cursor == null) {
        break;
      }
    }
    return total;
  }

  /** How far behind the graph this process may be: seconds since the moment up to which it has read changes. */
  public double lagSeconds() {
    Cursor c = cursor;
    Instant readUpTo = c != null ? c.at().toInstant() : since;
    return Math.max(0, Duration.between(readUpTo, clock.instant()).toMillis() / 1000.0);
  }
}
