package io.customergraph.security;

import io.customergraph.graph.NodeKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

/**
 * What a sales rep may reach: the accounts they own ({@code Account.owner} is their name) or a rep of their team owns
 * ({@code Rep.team}), plus accounts where they or their team own a deal; and everything that hangs off those accounts —
 * their contacts, deals, tickets and invoices, the interactions their contacts took part in, the scores, actions and
 * source records of those. Competitors, tags, products, reps and models are reference data everyone may see.
 * Anything else, including ids that do not exist, is out of reach (a rep cannot tell the two apart).
 */
@Service
public class Visibility {

  private static final Duration CACHE = Duration.ofSeconds(10);
  private static final Set<NodeKind> REFERENCE = Set.of(NodeKind.COMPETITOR, NodeKind.TAG, NodeKind.PRODUCT, NodeKind.REP, NodeKind.MODEL);
  private static final String AT_ACCOUNT = "EXISTS { (n)-[:FOR|BILLED_TO]->(a:Account) WHERE a.id IN $accounts }"
      + " OR EXISTS { (n)--(:Contact)-[:WORKS_AT]->(a:Account) WHERE a.id IN $accounts }";
  private static final Map<NodeKind, String> RULES = new EnumMap<>(NodeKind.class);

  static {
    RULES.put(NodeKind.ACCOUNT, "n.id IN $accounts");
    RULES.put(NodeKind.CONTACT, "EXISTS { (n)-[:WORKS_AT]->(a:Account) WHERE a.id IN $accounts }");
    RULES.put(NodeKind.DEAL, "EXISTS { (n)-[:FOR]->(a:Account) WHERE a.id IN $accounts }");
    for (NodeKind k : List.of(NodeKind.EMAIL, NodeKind.CALL, NodeKind.TICKET, NodeKind.INVOICE, NodeKind.ACTIVITY)) {
      RULES.put(k, AT_ACCOUNT);
    }
    RULES.put(NodeKind.ACTION, "EXISTS { (n)-[:ADDRESSED_TO|ABOUT]->()-[:WORKS_AT|FOR]->(a:Account) WHERE a.id IN $accounts }"
        + " OR EXISTS { (n)-[:ABOUT]->(a:Account) WHERE a.id IN $accounts }");
    RULES.put(NodeKind.SOURCE_RECORD, "EXISTS { (n)-[:PRODUCED|RESOLVED_TO]->(a:Account) WHERE a.id IN $accounts }"
        + " OR EXISTS { (n)-[:PRODUCED|RESOLVED_TO]->()-[:WORKS_AT|FOR|BILLED_TO]->(a:Account) WHERE a.id IN $accounts }"
        + " OR EXISTS { (n)-[:PRODUCED]->()--(:Contact)-[:WORKS_AT]->(a:Account) WHERE a.id IN $accounts }");
  }

  private record Cached(Set<String> accounts, Instant until) {}

  private final Neo4jClient client;
  private final Map<String, Cached> accounts = new ConcurrentHashMap<>();

  public Visibility(Neo4jClient client) {
    this.client = client;
  }

  /** The ids of the accounts the caller may reach (cached for a few seconds). Everything, for an unscoped caller. */
  public Set<String> accounts(Caller caller) {
    String key = caller.owner() + "\u0000" + caller.team();
    Cached c = accounts.get(key);
    Instant now = Instant.now();
    if (c == null || c.until().isBefore(now)) {
      Map<String, Object> p = new HashMap<>();
      p.put("owner", caller.owner());
      p.put("team", caller.team());
      Set<String> ids = Set.copyOf(client.query("""
              CALL () {
                MATCH (r:Rep) WHERE $team IS NOT NULL AND r.team = $team RETURN collect(r.name) AS team
              }
              WITH [x IN team + [$owner] WHERE x IS NOT NULL] AS names
              CALL (names) {
                MATCH (a:Account) WHERE a.owner IN names RETURN a.id AS id
                UNION
                MATCH (d:Deal)-[:FOR]->(a:Account) WHERE d.owner IN names RETURN a.id AS id
              }
              RETURN DISTINCT id""")
          .bindAll(p).fetchAs(String.class).all());
      c = new Cached(ids, now.plus(CACHE));
      accounts.put(key, c);
    }
    return c.accounts();
  }

  /** Of the ids, those the caller may reach. Score ids ({@code KIND:entityId}) follow their entity. */
  public Set<String> visible(Caller caller, Collection<String> ids) {
    if (!caller.scoped()) {
      return Set.copyOf(ids);
    }
    Set<String> accountIds = accounts(caller);
    Set<String> out = new HashSet<>();
    Map<NodeKind, List<String>> byKind = new EnumMap<>(NodeKind.class);
    Map<String, List<String>> original = new HashMap<>();
    for (String id : ids) {
      String entity = id.contains(":") ? id.substring(id.lastIndexOf(':') + 1) : id;
      NodeKind kind = NodeKind.ofId(entity).orElse(null);
      if (kind == null) {
        continue;
      }
      if (REFERENCE.contains(kind)) {
        out.add(id);
        continue;
      }
      if (RULES.containsKey(kind)) {
        byKind.computeIfAbsent(kind, k -> new java.util.ArrayList<>()).add(entity);
        original.computeIfAbsent(entity, e -> new java.util.ArrayList<>()).add(id);
      }
    }
    byKind.forEach((kind, list) -> {
      Collection<String> found = client.query("UNWIND $ids AS id MATCH (n:" + kind.label() + " {id: id}) WHERE " + RULES.get(kind) + " RETURN n.id")
          .bindAll(Map.of("ids", list, "accounts", accountIds)).fetchAs(String.class).all();
      found.forEach(f -> out.addAll(original.getOrDefault(f, List.of())));
    });
    return out;
  }

  /** Forgets cached account sets (after ownership changes in tests). */
  public void forget() {
    accounts.clear();
  }
}
