package io.customergraph.resolve;

import io.customergraph.graph.CypherQueries;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

/**
 * Merges and splits entities in the graph, reversibly. A merge moves every relationship of the merged-away entity
 * to the survivor, marking each moved relationship with the entity it came from ({@code origin}); the merged-away node
 * stays, relabelled ({@code MergedContact}), with a {@code SAME_AS} link to the survivor that records the decision
 * (status, probability, who) and what the survivor gained (addresses, name variants, phone, title). A split moves
 * back exactly the relationships that came from the merged entity (and from entities merged into it before) and takes
 * back what the survivor gained, so the two are as they were before the merge.
 */
@Component
class Merges {

  private final Neo4jClient client;
  private final Clock clock;

  Merges(Neo4jClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Why two entities are one: who decided, how sure, and the explanation's sentences. */
  record Decision(String status, String by, double probability, double weight, List<String> factors) {}

  /**
   * Merges {@code loser} into {@code survivor} in the current transaction.
   *
   * @return false when either is not a live entity of the kind (nothing is changed)
   */
  boolean merge(EntityKind kind, String survivor, String loser, Decision d) {
    Map<String, Object> p = new HashMap<>();
    p.put("survivor", survivor);
    p.put("loser", loser);
    p.put("status", d.status());
    p.put("by", d.by());
    p.put("probability", d.probability());
    p.put("weight", d.weight());
    p.put("factors", d.factors());
    p.put("now", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
    return client.query(CypherQueries.named("resolve/merge").formatted(kind.label(), kind.label(), kind.label(), kind.mergedLabel()))
        .bindAll(p).fetchAs(Boolean.class).mappedBy((t, r) -> Boolean.TRUE).one().orElse(false);
  }

  /**
   * Splits {@code merged} off {@code survivor}, restoring both as they were. {@code status} becomes the old link's
   * status: RETRACTED (by a person or because the evidence is gone).
   *
   * @return false when {@code merged} is not merged into {@code survivor}
   */
  boolean split(EntityKind kind, String survivor, String merged, String by, String reason) {
    Map<String, Object> p = Map.of("survivor", survivor, "loser", merged, "by", by, "reason", reason,
        "now", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
    return client.query(CypherQueries.named("resolve/split").formatted(kind.mergedLabel(), kind.label(), kind.mergedLabel(), kind.mergedLabel(), kind.label()))
        .bindAll(p).fetchAs(Boolean.class).mappedBy((t, r) -> Boolean.TRUE).one().orElse(false);
  }

  /** The live entity an id stands for: itself, or the survivor it was merged into (following chains). */
  Optional<String> current(String id) {
    Optional<EntityKind> kind = EntityKind.ofId(id);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    // The label comes from EntityKind.
    return client.query("""
        OPTIONAL MATCH (n:%s {id: $id})
        OPTIONAL MATCH (:Alias {key: 'id:' + $id})-[:ALIAS_OF]->(s)
        WITH coalesce(n.id, s.id) AS id WHERE id IS NOT NULL
        RETURN id""".formatted(kind.get().label())).bind(id).to("id").fetchAs(String.class).one();
  }

  /** Entities merged into this one (directly), with the status of each link. */
  List<Map<String, Object>> mergedInto(EntityKind kind, String survivor) {
    // The labels come from EntityKind.
    return List.copyOf(client.query("""
        MATCH (l:%s)-[s:SAME_AS]->(:%s {id: $id}) WHERE s.status IN ['INFERRED', 'ASSERTED']
        RETURN l.id AS id, s.status AS status, s.probability AS probability, s.by AS by, s.decidedAt AS decidedAt
        ORDER BY s.decidedAt, l.id""".formatted(kind.mergedLabel(), kind.label())).bind(survivor).to("id").fetch().all());
  }
}
