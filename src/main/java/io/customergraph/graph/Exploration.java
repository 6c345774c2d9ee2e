package io.customergraph.graph;

import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Relationship;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

/** Graph exploration for analysts: the neighbourhood of a node and the shortest paths between two nodes. */
@Service
public class Exploration {

  /** Deepest neighbourhood served; beyond three hops a customer graph is mostly everything. */
  public static final int MAX_DEPTH = 3;
  /** Most nodes in one neighbourhood: what a graph view can still draw. */
  public static final int MAX_NODES = 500;
  /** Longest path searched; shortest-path search grows exponentially with it. */
  public static final int MAX_HOPS = 6;
  /** Most paths returned by one path query. */
  public static final int MAX_PATHS = 25;
  /** Rows read per hop; a hub (a competitor mentioned 10 000 times) is cut here and the result marked truncated. */
  private static final int ROWS_PER_HOP = 5_000;
  /** Long text properties are cut to this many characters in exploration views. */
  private static final int TEXT_PREVIEW = 200;

  /** A node as an exploration view draws it. */
  public record GraphNode(
      String id, String label, List<String> labels, String displayName, int depth, Map<String, Object> properties) {}

  /** A relationship between two nodes of the view. */
  public record GraphRelationship(String id, String type, String startId, String endId, Map<String, Object> properties) {}

  /** Nodes and relationships around a centre. */
  public record Subgraph(List<GraphNode> nodes, List<GraphRelationship> relationships, boolean truncated) {}

  /** One path, nodes in order from start to end. */
  public record GraphPath(int length, List<GraphNode> nodes, List<GraphRelationship> relationships) {}

  private final Neo4jClient client;

  Exploration(Neo4jClient client) {
    this.client = client;
  }

  /**
   * Breadth-first neighbourhood: nearer nodes first and, within a hop, by id, so the same graph gives the same view.
   * Provenance nodes ({@code SourceRecord}) are left out unless asked for.
   */
  public Optional<Subgraph> neighborhood(String id, int depth, int limit, boolean includeProvenance) {
    Optional<NodeKind> kind = NodeKind.ofId(id);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    // The label comes from the NodeKind enum, never from the caller.
    Optional<org.neo4j.driver.types.Node> start =
        client
            .query("MATCH (n:%s {id: $id}) RETURN n".formatted(kind.get().label()))
            .bind(id)
            .to("id")
            .fetchAs(org.neo4j.driver.types.Node.class)
            .mappedBy((t, r) -> r.get("n").asNode())
            .one();
    if (start.isEmpty()) {
      return Optional.empty();
    }
    Map<String, GraphNode> nodes = new LinkedHashMap<>(); // by element id
    Map<String, GraphRelationship> rels = new LinkedHashMap<>();
    nodes.put(start.get().elementId(), view(start.get(), 0));
    List<String> frontier = List.of(start.get().elementId());
    boolean truncated = false;
    for (int hop = 1; hop <= depth && !frontier.isEmpty(); hop++) {
      List<String> next = new ArrayList<>();
      List<Record> rows =
          List.copyOf(
              client
                  .query(
                      """
                      MATCH (n)-[r]-(m) WHERE elementId(n) IN $frontier
                        AND m.id IS NOT NULL AND ($provenance OR NOT m:SourceRecord)
                      RETURN r, m ORDER BY m.id, elementId(r) LIMIT $rows""")
                  .bindAll(Map.of("frontier", frontier, "provenance", includeProvenance, "rows", ROWS_PER_HOP + 1))
                  .fetchAs(Record.class)
                  .mappedBy((t, r) -> r)
                  .all());
      if (rows.size() > ROWS_PER_HOP) {
        truncated = true;
      }
      for (Record row : rows.subList(0, Math.min(rows.size(), ROWS_PER_HOP))) {
        org.neo4j.driver.types.Node m = row.get("m").asNode();
        Relationship r = row.get("r").asRelationship();
        if (!nodes.containsKey(m.elementId())) {
          if (nodes.size() >= limit) {
            truncated = true;
            continue;
          }
          nodes.put(m.elementId(), view(m, hop));
          next.add(m.elementId());
        }
        rels.putIfAbsent(r.elementId(), relationship(r, nodes));
      }
      frontier = next;
    }
    // Relationships among the outermost nodes were not walked; add those whose both ends are in the view.
    if (!frontier.isEmpty()) {
      client
          .query(
              """
              MATCH (n)-[r]-(m) WHERE elementId(n) IN $frontier AND elementId(m) IN $all
              RETURN DISTINCT r ORDER BY elementId(r) LIMIT $rows""")
          .bindAll(Map.of("frontier", frontier, "all", List.copyOf(nodes.keySet()), "rows", ROWS_PER_HOP))
          .fetchAs(Relationship.class)
          .mappedBy((t, r) -> r.get("r").asRelationship())
          .all()
          .forEach(r -> rels.putIfAbsent(r.elementId(), relationship(r, nodes)));
    }
    return Optional.of(new Subgraph(List.copyOf(nodes.values()), List.copyOf(rels.values()), truncated));
  }

  /** Shortest paths between two nodes, at most {@code maxHops} long, in a stable order. */
  public List<GraphPath> paths(String fromId, String toId, int maxHops, int limit) {
    Optional<NodeKind> from = NodeKind.ofId(fromId);
    Optional<NodeKind> to = NodeKind.ofId(toId);
    if (from.isEmpty() || to.isEmpty() || maxHops < 1 || maxHops > MAX_HOPS) {
      return List.of();
    }
    // Labels come from the NodeKind enum and the hop bound is a checked integer: Cypher needs both as literals.
    String cypher =
        """
        MATCH (a:%s {id: $from}), (b:%s {id: $to})
        MATCH p = allShortestPaths((a)-[*..%d]-(b))
        WHERE none(x IN nodes(p) WHERE x:SourceRecord OR x.id IS NULL)
        RETURN p LIMIT $limit"""
            .formatted(from.get().label(), to.get().label(), maxHops);
    List<GraphPath> paths = new ArrayList<>();
    client
        .query(cypher)
        // Parallel relationships repeat a route: read more than are answered, so duplicates do not crowd out routes.
        .bindAll(Map.of("from", fromId, "to", toId, "limit", MAX_PATHS * 8))
        .fetchAs(Object.class)
        .mappedBy(
            (t, r) -> {
              org.neo4j.driver.types.Path p = r.get("p").asPath();
              Map<String, GraphNode> nodes = new LinkedHashMap<>();
              int i = 0;
              for (org.neo4j.driver.types.Node n : p.nodes()) {
                nodes.put(n.elementId(), view(n, i++));
              }
              List<GraphRelationship> rels = new ArrayList<>();
              for (Relationship rel : p.relationships()) {
                rels.add(relationship(rel, nodes));
              }
              paths.add(new GraphPath(p.length(), List.copyOf(nodes.values()), rels));
              return Boolean.TRUE;
            })
        .all();
    // Parallel relationships (an email TO and CC one person, a relationship recorded twice) give the same route once
    // per combination: one path per sequence of nodes, through the relationships first by type, then by id.
    Comparator<GraphPath> byRelationships = Comparator.comparing(p -> p.relationships().stream().map(r -> r.type() + " " + r.id()).toList().toString());
    Map<String, GraphPath> routes = new java.util.TreeMap<>();
    for (GraphPath p : paths) {
      routes.merge(p.nodes().stream().map(GraphNode::id).toList().toString(), p, (a, b) -> byRelationships.compare(a, b) <= 0 ? a : b);
    }
    List<GraphPath> distinct = List.copyOf(routes.values());
    return distinct.subList(0, Math.min(limit, distinct.size()));
  }

  static GraphNode view(org.neo4j.driver.types.Node n, int depth) {
    List<String> labels = new ArrayList<>();
    n.labels().forEach(labels::add);
    labels.sort(null);
    String label =
        labels.stream().filter(l -> NodeKind.ofLabel(l).isPresent()).findFirst().orElse(labels.isEmpty() ? "" : labels.get(0));
    return new GraphNode(n.get("id").asString(), label, labels, displayName(label, n), depth, properties(n.asMap(Value::asObject)));
  }

  private static GraphRelationship relationship(Relationship r, Map<String, GraphNode> nodesByElementId) {
    GraphNode start = nodesByElementId.get(r.startNodeElementId());
    GraphNode end = nodesByElementId.get(r.endNodeElementId());
    return new GraphRelationship(
        r.elementId(),
        r.type(),
        start == null ? "" : start.id(),
        end == null ? "" : end.id(),
        properties(r.asMap(Value::asObject)));
  }

  private static String displayName(String label, org.neo4j.driver.types.Node n) {
    for (String key : List.of("name", "subject", "title", "number", "type", "source")) {
      Value v = n.get(key);
      if (!v.isNull()) {
        String text = v.asString();
        return "Invoice".equals(label) && "number".equals(key) ? "Invoice " + text : text;
      }
    }
    return label + " " + n.get("id").asString();
  }

  /** JSON-friendly properties: times as ISO-8601 text, long texts cut, internal sort keys left out. */
  private static Map<String, Object> properties(Map<String, Object> raw) {
    Map<String, Object> out = new TreeMap<>();
    raw.forEach(
        (k, v) -> {
          if (k.endsWith("Sort")) {
            return;
          }
          out.put(k, jsonable(v));
        });
    return out;
  }

  private static @Nullable Object jsonable(@Nullable Object v) {
    if (v instanceof TemporalAccessor t) {
      return t.toString();
    }
    if (v instanceof String s && s.length() > TEXT_PREVIEW) {
      return s.substring(0, TEXT_PREVIEW) + "…";
    }
    if (v instanceof List<?> list) {
      return list.stream().map(Exploration::jsonable).toList();
    }
    return v;
  }
}
