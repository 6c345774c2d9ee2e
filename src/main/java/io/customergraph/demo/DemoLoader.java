package io.customergraph.demo;

import io.customergraph.graph.CypherQueries;
import io.customergraph.graph.Ids;
import io.customergraph.graph.NodeKind;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

/**
 * Writes a demo world into the graph in batches. Loading is recorded in a {@code __Meta {key: 'demo-world'}} node:
 * {@code LOADING} before the first batch, {@code LOADED} after the last. A database that already has the marker is
 * never loaded again; one interrupted mid-load is completed on the next start (every write MERGEs on id); a
 * database holding other data and no marker is left alone.
 */
@Service
public class DemoLoader {

  private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);
  static final String MARKER = "demo-world";
  /** Rows per transaction: large enough to amortise round trips, small enough to keep transactions light. */
  private static final int BATCH = 1_000;

  /** What happened to the demo world at start-up. */
  public enum State { PENDING, DISABLED, LOADING, LOADED, ALREADY_LOADED, SKIPPED_NOT_EMPTY, FAILED }

  /** The result of a load: what it wrote, how long it took, and the world when one was loaded. */
  public record Report(State state, int nodes, Duration took, @Nullable DemoWorld world) {}

  private final Neo4jClient client;
  private final Clock clock;
  private volatile State state = State.PENDING;

  DemoLoader(Neo4jClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** The state of the start-up load. */
  public State state() {
    return state;
  }

  void disabled() {
    state = State.DISABLED;
  }

  /** Loads a world of the given shape unless the database already has one or holds other data. */
  public Report loadIfEmpty(long seed, int accounts, LocalDate anchor) {
    return loadIfEmpty(() -> DemoWorldGenerator.generate(seed, accounts, anchor));
  }

  /** Loads the world the supplier makes (only called when a load is needed) unless the database has one or other data. */
  public Report loadIfEmpty(java.util.function.Supplier<DemoWorld> world) {
    Optional<String> marker =
        client.query("MATCH (m:__Meta {key: $key}) RETURN m.state").bind(MARKER).to("key").fetchAs(String.class).one();
    if (marker.isPresent() && marker.get().equals("LOADED")) {
      state = State.ALREADY_LOADED;
      log.info("Demo world already loaded; not loading it again");
      return new Report(state, 0, Duration.ZERO, null);
    }
    if (marker.isEmpty() && hasData()) {
      state = State.SKIPPED_NOT_EMPTY;
      log.info("Database already holds data; the demo world is not loaded");
      return new Report(state, 0, Duration.ZERO, null);
    }
    state = State.LOADING;
    try {
      Report report = load(world.get());
      state = State.LOADED;
      return report;
    } catch (RuntimeException e) {
      state = State.FAILED;
      throw e;
    }
  }

  /** Writes a world (idempotently) and marks the database as holding it. */
  public Report load(DemoWorld world) {
    long started = System.nanoTime();
    ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC);
    Map<String, Object> meta = new HashMap<>();
    meta.put("key", MARKER);
    meta.put("seed", world.seed());
    meta.put("accounts", world.accounts().size());
    meta.put("anchor", world.anchor());
    meta.put("now", now);
    client
        .query("MERGE (m:__Meta {key: $key}) SET m.state = 'LOADING', m.seed = $seed, m.anchor = $anchor, m.startedAt = $now")
        .bindAll(meta)
        .run();
    Map<String, List<Map<String, Object>>> parts = new LinkedHashMap<>();
    parts.put("competitors", world.competitors());
    parts.put("accounts", world.accounts());
    parts.put("contacts", world.contacts());
    parts.put("emails", world.emails());
    parts.put("calls", world.calls());
    parts.put("tickets", world.tickets());
    parts.put("invoices", world.invoices());
    parts.put("deals", world.deals());
    parts.put("activities", world.activities());
    for (Map.Entry<String, List<Map<String, Object>>> part : parts.entrySet()) {
      String cypher = CypherQueries.named("demo/" + part.getKey());
      List<Map<String, Object>> rows = part.getValue();
      for (int from = 0; from < rows.size(); from += BATCH) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (Map<String, Object> row : rows.subList(from, Math.min(rows.size(), from + BATCH))) {
          Map<String, Object> withProvenance = new HashMap<>(row);
          String id = (String) row.get("id");
          withProvenance.put("sourceRecordId", Ids.of(NodeKind.SOURCE_RECORD, "demo", id));
          withProvenance.put("hash", Ids.sha256(new java.util.TreeMap<>(row).toString()));
          batch.add(withProvenance);
        }
        client.query(cypher).bindAll(Map.of("rows", batch, "now", now)).run();
      }
    }
    // The sales team (who owns which accounts, in which team): what a REP key's reach is decided by.
    List<Map<String, Object>> reps = new ArrayList<>();
    for (String rep : Vocabulary.REPS) {
      String key = rep.toLowerCase(java.util.Locale.ROOT);
      reps.add(Map.of("id", Ids.of(NodeKind.REP, key), "name", rep, "nameKey", key, "team", Vocabulary.teamOf(rep)));
    }
    client.query("UNWIND $rows AS row MERGE (r:Rep {id: row.id}) SET r.name = row.name, r.nameKey = row.nameKey, r.team = row.team, r.createdAt = $now, r.updatedAt = $now")
        .bindAll(Map.of("rows", reps, "now", now)).run();
    client
        .query("MATCH (m:__Meta {key: $key}) SET m.state = 'LOADED', m.loadedAt = $now, m.accounts = $accounts")
        .bindAll(meta)
        .run();
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    log.info(
        "Demo world loaded: {} nodes ({} accounts, {} contacts, {} emails, {} activities) in {} ms (seed {}, anchor {})",
        world.size(), world.accounts().size(), world.contacts().size(), world.emails().size(), world.activities().size(),
        took.toMillis(), world.seed(), world.anchor());
    return new Report(State.LOADED, world.size(), took, world);
  }

  private boolean hasData() {
    return client
        .query("MATCH (n) WHERE n:Account OR n:Contact OR n:Deal RETURN count(n) > 0 AS any LIMIT 1")
        .fetchAs(Boolean.class)
        .one()
        .orElse(false);
  }
}
