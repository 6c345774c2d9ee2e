package io.customergraph.score;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One graph path behind a factor, from the scored entity outwards: the nodes in order and the relationships between
 * them with their direction.
 */
public record EvidencePath(List<Step> nodes, List<Hop> relationships) {

  /** A node of the path: id, label, what a person calls it, when it happened (if it is an event). */
  public record Step(String id, String label, String displayName, @Nullable OffsetDateTime at, @Nullable String detail) {}

  /** A relationship of the path, by type and the ids it points from and to. */
  public record Hop(String type, String startId, String endId) {}

  /** The last node: the event or thing the path leads to. */
  public Step end() {
    return nodes.get(nodes.size() - 1);
  }

  /** This path with {@code (first)-[type]->(this path's start)} in front. */
  EvidencePath after(Step first, String type) {
    List<Step> n = new ArrayList<>(nodes.size() + 1);
    n.add(first);
    n.addAll(nodes);
    List<Hop> r = new ArrayList<>(relationships.size() + 1);
    r.add(new Hop(type, first.id(), nodes.get(0).id()));
    r.addAll(relationships);
    return new EvidencePath(List.copyOf(n), List.copyOf(r));
  }
}
