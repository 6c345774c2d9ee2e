package io.customergraph.ingest;

import io.customergraph.graph.Ids;
import io.customergraph.graph.NodeKind;
import io.customergraph.ingest.Facts.Company;
import io.customergraph.ingest.Facts.Person;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

/**
 * Matches by exact identity keys — the certain first stage of resolution: a person by normalised email, a person
 * without an address by normalised name at the company's domain; a company by domain, else VAT id, else normalised
 * name. Everything else (two addresses of one person, "Acme Corp" and "ACME Corporation") is decided afterwards by
 * the probabilistic {@code resolve.Resolver} on the entities this stage creates. Keys are recorded as {@code Alias} nodes, so an address learnt once
 * resolves later even without a display name. Within a batch the first record to mention an entity decides its id,
 * and ids are derived from keys, so the same input in the same order gives the same graph.
 */
@Component
class ExactKeyMatcher implements EntityMatcher {

  private final Neo4jClient client;

  ExactKeyMatcher(Neo4jClient client) {
    this.client = client;
  }

  @Override
  public Matches match(List<Person> people, List<Company> companies) {
    Set<String> existing = new HashSet<>();
    Map<String, Map<String, Object>> stored = new HashMap<>();
    Map<Company, String> accounts = new LinkedHashMap<>();
    Map<String, String> accountKeyIds = lookup(companies.stream().flatMap(c -> companyKeys(c).stream()).distinct().toList(), "Account", existing, stored);
    Map<String, String> newAccountKeys = new LinkedHashMap<>();
    for (Company c : companies) {
      accounts.put(c, decide(companyKeys(c), accountKeyIds, newAccountKeys, NodeKind.ACCOUNT));
    }

    // A person is keyed by address, or by name at the company's domain when there is no address (personKeys).
    Map<Person, String> contacts = new LinkedHashMap<>();
    List<String> keys = people.stream().flatMap(p -> personKeys(p).stream()).distinct().toList();
    Map<String, String> contactKeyIds = lookup(keys, "Contact", existing, stored);
    Map<String, String> newContactKeys = new LinkedHashMap<>();
    for (Person p : people) {
      List<String> personKeys = personKeys(p);
      if (!personKeys.isEmpty()) {
        contacts.put(p, decide(personKeys, contactKeyIds, newContactKeys, NodeKind.CONTACT));
      }
    }
    return new Matches(contacts, accounts, newContactKeys, newAccountKeys, existing, stored);
  }

  /** The id for an entity with these keys: the first key already known wins; unknown keys are learnt for it. */
  private static String decide(List<String> keys, Map<String, String> known, Map<String, String> learnt, NodeKind kind) {
    String id = null;
    for (String k : keys) {
      id = known.get(k);
      if (id != null) {
        break;
      }
    }
    if (id == null) {
      id = Ids.of(kind, keys.get(0));
    }
    for (String k : keys) {
      if (!known.containsKey(k)) {
        known.put(k, id);
        learnt.put(k, id);
      }
    }
    return id;
  }

  /** What the ingest statements may add to an existing contact or account (see contacts.cypher, accounts.cypher). */
  private static final Map<String, String> STORED = Map.of(
      "Contact", "n {.name, .email, .emails, .nameVariants, .phone, .title, .nameKey, employed: EXISTS { (n)-[:WORKS_AT]->(:Account) }}",
      "Account", "n {.nameSource, .domain, .vatId}");

  /**
   * Known keys → ids, from Alias nodes and, for data written without aliases (demo, API), from properties; with the
   * stored state of each entity found.
   */
  private Map<String, String> lookup(List<String> keys, String label, Set<String> existing, Map<String, Map<String, Object>> stored) {
    Map<String, String> out = new HashMap<>();
    if (keys.isEmpty()) {
      return out;
    }
    java.util.function.BiFunction<org.neo4j.driver.types.TypeSystem, org.neo4j.driver.Record, Object> collect = (t, r) -> {
      String id = r.get("id").asString();
      out.put(r.get("k").asString(), id);
      existing.add(id);
      stored.put(id, r.get("stored").asMap());
      return Boolean.TRUE;
    };
    // The label comes from the two call sites above, never from input.
    client
        // The hint keeps the plan a seek: a plan cached while the graph was empty would otherwise scan.
        .query("UNWIND $keys AS k MATCH (a:Alias {key: k}) USING INDEX a:Alias(key) MATCH (a)-[:ALIAS_OF]->(n:%s) RETURN k, n.id AS id, %s AS stored"
            .formatted(label, STORED.get(label)))
        .bind(keys).to("keys")
        .fetchAs(Object.class)
        .mappedBy(collect)
        .all();
    List<String> emails = new ArrayList<>();
    List<String> domains = new ArrayList<>();
    for (String k : keys) {
      if (!out.containsKey(k) && k.startsWith("email:")) {
        emails.add(k.substring(6));
      } else if (!out.containsKey(k) && k.startsWith("domain:")) {
        domains.add(k.substring(7));
      }
    }
    String fallback =
        label.equals("Contact")
            ? "UNWIND $values AS v MATCH (n:Contact {email: v}) USING INDEX n:Contact(email) WITH v, n ORDER BY n.id WITH v, collect(n)[0] AS n RETURN 'email:' + v AS k, n.id AS id, %s AS stored"
            : "UNWIND $values AS v MATCH (n:Account {domain: v}) USING INDEX n:Account(domain) WITH v, n ORDER BY n.id WITH v, collect(n)[0] AS n RETURN 'domain:' + v AS k, n.id AS id, %s AS stored";
    List<String> values = label.equals("Contact") ? emails : domains;
    if (!values.isEmpty()) {
      client.query(fallback.formatted(STORED.get(label))).bind(values).to("values").fetchAs(Object.class).mappedBy(collect).all();
    }
    return out;
  }

  static List<String> personKeys(Person p) {
    List<String> keys = new ArrayList<>();
    if (p.email() != null) {
      keys.add("email:" + p.email());
    }
    String nameKey = Normalize.personKey(p.name());
    String domain = p.email() != null ? Normalize.companyDomain(p.email()) : p.company() == null ? null : p.company().domain();
    // Without an address, a name identifies a person only together with their company's domain, and only with two or
    // more words. With an address, names are left to the probabilistic resolver (two John Smiths at one company
    // with two addresses are two people until the evidence says otherwise).
    if (p.email() == null && nameKey != null && domain != null && nameKey.contains(" ")) {
      keys.add("name:" + nameKey + "@" + domain);
    }
    return keys;
  }

  static List<String> companyKeys(Company c) {
    List<String> keys = new ArrayList<>();
    if (c.domain() != null) {
      keys.add("domain:" + c.domain());
    }
    if (c.vatId() != null) {
      keys.add("vat:" + c.vatId().replaceAll("\\s", "").toUpperCase(java.util.Locale.ROOT));
    }
    if (c.externalId() != null) {
      keys.add("ext:" + c.externalId());
    }
    String name = Normalize.companyKey(c.name());
    if (name != null) {
      keys.add("name:" + name);
    }
    return keys;
  }

}
