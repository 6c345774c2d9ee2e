package io.customergraph.graph;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

/**
 * Timelines: every interaction of a contact or of an account's people, newest first, keyset-paginated, for many
 * owners in one query (so a page of accounts with their timelines is still a constant number of round trips).
 */
@Service
public class Timeline {

  /** Kinds that can appear on a timeline. */
  public static final List<NodeKind> KINDS =
      List.of(NodeKind.EMAIL, NodeKind.CALL, NodeKind.TICKET, NodeKind.INVOICE, NodeKind.ACTIVITY, NodeKind.DEAL);

  /**
   * One timeline request.
   *
   * @param ownerId a contact or account id
   * @param first page size
   * @param after cursor of the last row seen
   * @param kinds kinds to include; empty means all
   */
  public record Request(String ownerId, int first, @Nullable Cursor after, List<NodeKind> kinds) {}

  private static final String CONTACT_ITEMS =
      """
      MATCH (c:Contact {id: k.ownerId})
      CALL (c) {
        MATCH (c)-[:SENT]->(n:Email) RETURN n
        UNION MATCH (n:Email)-[:TO|CC]->(c) RETURN n
        UNION MATCH (c)-[:JOINED]->(n:Call) RETURN n
        UNION MATCH (c)-[:RAISED]->(n:Ticket) RETURN n
        UNION MATCH (c)-[:PERFORMED]->(n:Activity) RETURN n
      }
      """;

  private static final String ACCOUNT_ITEMS =
      """
      MATCH (a:Account {id: k.ownerId})
      CALL (a) {
        MATCH (a)<-[:WORKS_AT]-(:Contact)-[:SENT]->(n:Email) RETURN n
        UNION MATCH (a)<-[:WORKS_AT]-(:Contact)<-[:TO|CC]-(n:Email) RETURN n
        UNION MATCH (a)<-[:WORKS_AT]-(:Contact)-[:JOINED]->(n:Call) RETURN n
        UNION MATCH (a)<-[:FOR]-(n:Ticket) RETURN n
        UNION MATCH (a)<-[:WORKS_AT]-(:Contact)-[:RAISED]->(n:Ticket) RETURN n
        UNION MATCH (a)<-[:FOR]-(n:Invoice) RETURN n
        UNION MATCH (a)<-[:FOR]-(n:Deal) RETURN n
        UNION MATCH (a)<-[:WORKS_AT]-(:Contact)-[:PERFORMED]->(n:Activity) RETURN n
      }
      """;

  private static final String PAGE =
      """
      WITH k, n
      WHERE (size(k.kinds) = 0 OR any(l IN labels(n) WHERE l IN k.kinds))
        AND (k.afterTime IS NULL OR n.occurredAt < k.afterTime OR (n.occurredAt = k.afterTime AND n.id < k.afterId))
      WITH k, n ORDER BY n.occurredAt DESC, n.id DESC
      WITH k, collect(n)[..k.limit] AS items
      RETURN k.key AS key, items
      """;

  private final Neo4jClient client;
  private final GraphReader reader;

  Timeline(Neo4jClient client, GraphReader reader) {
    this.client = client;
    this.reader = reader;
  }

  /** Pages of many timelines; contacts' and accounts' requests are answered with one query each. */
  public Map<Request, Page<Interaction>> pages(Collection<Request> requests) {
    Map<Request, Page<Interaction>> out = new HashMap<>();
    List<Request> contacts = requests.stream().filter(r -> r.ownerId().startsWith(NodeKind.CONTACT.prefix() + "_")).toList();
    List<Request> accounts = requests.stream().filter(r -> r.ownerId().startsWith(NodeKind.ACCOUNT.prefix() + "_")).toList();
    run(CONTACT_ITEMS, contacts, out);
    run(ACCOUNT_ITEMS, accounts, out);
    for (Request r : requests) {
      out.putIfAbsent(r, new Page<>(List.of(), false, r.after() != null));
    }
    return out;
  }

  private void run(String items, List<Request> requests, Map<Request, Page<Interaction>> out) {
    if (requests.isEmpty()) {
      return;
    }
    List<Map<String, Object>> keys = new ArrayList<>();
    Map<String, Request> byKey = new HashMap<>();
    for (int i = 0; i < requests.size(); i++) {
      Request r = requests.get(i);
      Map<String, Object> k = new HashMap<>();
      k.put("key", String.valueOf(i));
      k.put("ownerId", r.ownerId());
      k.put("limit", r.first() + 1);
      k.put("kinds", r.kinds().stream().map(NodeKind::label).toList());
      k.put("afterTime", r.after() == null ? null : OffsetDateTime.parse(r.after().sortKey()).toZonedDateTime());
      k.put("afterId", r.after() == null ? null : r.after().id());
      keys.add(k);
      byKey.put(String.valueOf(i), r);
    }
    OffsetDateTime now = reader.now();
    client
        .query("UNWIND $keys AS k\n" + items + PAGE)
        .bind(keys)
        .to("keys")
        .fetchAs(Object.class)
        .mappedBy(
            (t, rec) -> {
              Request r = byKey.get(rec.get("key").asString());
              List<Interaction> rows = new ArrayList<>();
              for (Value v : rec.get("items").values()) {
                Mapping.node(v.asNode(), now)
                    .filter(Interaction.class::isInstance)
                    .map(Interaction.class::cast)
                    .map(i -> i instanceof Deal d ? withAccount(d, r.ownerId()) : i)
                    .ifPresent(rows::add);
              }
              out.put(r, Page.of(rows, r.first(), i -> new Cursor(i.occurredAt().toString(), i.id()), r.after() != null));
              return Boolean.TRUE;
            })
        .all();
  }

  private static Deal withAccount(Deal d, String accountId) {
    return new Deal(
        d.id(), d.name(), accountId, d.amount(), d.currency(), d.stage(), d.outcome(), d.owner(), d.product(),
        d.occurredAt(), d.closeDate(), d.closedAt(), d.stageHistory(), d.team());
  }
}
