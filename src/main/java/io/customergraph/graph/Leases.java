package io.customergraph.graph;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

/**
 * Jobs that must run once across every instance sharing the database (the scheduled rescoring of everything, the
 * nightly retraining of word vectors): each instance asks for the job's {@code Lease} node before running it; the
 * lease is checked and taken under the node's write lock, so one instance holds it until it expires or is released.
 * The pattern of ShedLock's lock providers, on the graph the service already has.
 */
@Component
public class Leases {

  private final Neo4jClient client;
  private final Clock clock;

  Leases(Neo4jClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Takes the named lease for this process for {@code atMost}; false when another holder has it. */
  public boolean tryAcquire(String name, Duration atMost) {
    return tryAcquire(name, Instance.ID, atMost);
  }

  /** Takes the named lease for {@code holder}; a holder may take again what it holds. */
  boolean tryAcquire(String name, String holder, Duration atMost) {
    Instant now = clock.instant();
    // MERGE under the uniqueness constraint: two instances creating the node at once end with one node, one of them
    // retrying. The lease is then read again under the write lock taken by the SET.
    return client.query("""
            MERGE (l:Lease {name: $name})
            SET l.claiming = true
            WITH l, l.until IS NULL OR l.until <= $now OR l.holder = $holder AS free
            REMOVE l.claiming
            WITH l WHERE free
            SET l.holder = $holder, l.until = $until, l.since = $now
            RETURN count(l) > 0""")
        .bindAll(Map.of("name", name, "holder", holder, "now", ZonedDateTime.ofInstant(now, ZoneOffset.UTC),
            "until", ZonedDateTime.ofInstant(now.plus(atMost), ZoneOffset.UTC)))
        .fetchAs(Boolean.class).one().orElse(false);
  }

  /** Gives the lease back early (the job is done), if this process holds it. */
  public void release(String name) {
    release(name, Instance.ID);
  }

  void release(String name, String holder) {
    client.query("MATCH (l:Lease {name: $name, holder: $holder}) SET l.until = $now")
        .bindAll(Map.of("name", name, "holder", holder, "now", ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))).run();
  }
}
