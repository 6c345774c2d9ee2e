package io.customergraph.graph;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

/**
 * What the graph holds, counted for people ("did my import arrive? how much is waiting for me?"): nodes per label,
 * interactions per kind, tags, quarantine reasons, open reviews, scored entities, the last import. Read live; label
 * counts come from Neo4j's count store and the rest from indexed or small sets, so it answers in milliseconds on a
 * large graph.
 */
@Service
public class GraphStats {

  /** A name and how many. */
  public record Count(String name, long count) {}

  /** The most recent import: when, what kind, from which source, and how many records that source holds. */
  public record LastImport(OffsetDateTime at, String kind, String source, long records) {}

  /** Everything counted. */
  public record Stats(
      List<Count> nodes, List<Count> interactions, List<Count> tags, long competitorMentions, long quarantined,
      List<Count> quarantineReasons, long openReviews, List<Count> scored, @Nullable LastImport lastImport) {}

  /** Interaction labels, in the order the timeline names them. */
  private static final List<String> INTERACTIONS = List.of("Email", "Call", "Ticket", "Invoice", "Activity", "Deal");

  /** Distinct quarantine reasons listed; the rest are in the total. */
  static final int REASONS = 20;

  private final Neo4jClient client;

  GraphStats(Neo4jClient client) {
    this.client = client;
  }

  public Stats read() {
    // Every label with nodes (the database also lists labels whose nodes are all gone; internal ones, such as the
    // migration log, start with an underscore).
    List<Count> nodes = counts("""
        CALL db.labels() YIELD label WHERE NOT label STARTS WITH '_'
        CALL (label) { MATCH (n:$(label)) RETURN count(n) AS n }
        WITH label, n WHERE n > 0
        RETURN label AS name, n ORDER BY n DESC, name""", Map.of());
    Map<String, Long> byLabel = new java.util.HashMap<>();
    nodes.forEach(c -> byLabel.put(c.name(), c.count()));
    List<Count> interactions = INTERACTIONS.stream().map(l -> new Count(l.toUpperCase(java.util.Locale.ROOT), byLabel.getOrDefault(l, 0L))).toList();
    List<Count> tags = counts("MATCH (t:Tag) RETURN t.name AS name, COUNT { (t)<-[:TAGGED]-() } AS n ORDER BY n DESC, name", Map.of());
    long mentions = one("MATCH (i)-[:MENTIONS]->(:Competitor) RETURN count(DISTINCT i)");
    long quarantined = one("MATCH (s:SourceRecord {status: 'QUARANTINED'}) RETURN count(s)");
    List<Count> reasons = counts("""
        MATCH (s:SourceRecord {status: 'QUARANTINED'})
        RETURN coalesce(s.reason, '(no reason)') AS name, count(*) AS n ORDER BY n DESC, name LIMIT $limit""", Map.of("limit", REASONS));
    long reviews = one("MATCH (r:Review {status: 'OPEN'}) RETURN count(r)");
    List<Count> scored = counts("MATCH (s:Score) RETURN s.kind AS name, count(*) AS n ORDER BY name", Map.of());
    LastImport last = client.query("""
            MATCH (s:SourceRecord) WHERE s.status IN ['INGESTED', 'QUARANTINED'] AND s.ingestedAt IS NOT NULL
            WITH s ORDER BY s.ingestedAt DESC LIMIT 1
            RETURN s.ingestedAt AS at, s.kind AS kind, s.source AS source, COUNT { (x:SourceRecord {source: s.source}) } AS records""")
        .fetchAs(LastImport.class)
        .mappedBy((t, r) -> new LastImport(((ZonedDateTime) r.get("at").asObject()).toOffsetDateTime(), r.get("kind").asString(""),
            r.get("source").asString(""), r.get("records").asLong()))
        .one().orElse(null);
    return new Stats(nodes, interactions, tags, mentions, quarantined, reasons, reviews, scored, last);
  }

  private List<Count> counts(String cypher, Map<String, Object> parameters) {
    return List.copyOf(client.query(cypher).bindAll(parameters).fetchAs(Count.class)
        .mappedBy((t, r) -> new Count(r.get("name").asString(), r.get("n").asLong())).all());
  }

  private long one(String cypher) {
    return client.query(cypher).fetchAs(Long.class).one().orElse(0L);
  }
}
