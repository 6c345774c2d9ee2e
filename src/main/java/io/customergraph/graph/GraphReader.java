package io.customergraph.graph;

import io.customergraph.graph.Filters.AccountFilter;
import io.customergraph.graph.Filters.ContactFilter;
import io.customergraph.graph.Filters.DealFilter;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.neo4j.driver.types.MapAccessor;
import org.springframework.stereotype.Service;

/**
 * Reads of the customer graph: lookups by id, keyset-paginated lists with filters, and batch lookups of related
 * nodes so that GraphQL resolves a page of accounts with their contacts in a constant number of queries.
 */
@Service
public class GraphReader {

  /** Upper bound of a page, whatever a client asks for; keeps one request from pulling the whole graph. */
  public static final int MAX_PAGE_SIZE = 100;

  private final Reads reads;
  private final Clock clock;

  GraphReader(Reads reads, Clock clock) {
    this.reads = reads;
    this.clock = clock;
  }

  // Every statement of the reader goes through these: Mapping's projections fill in {ACCOUNT}, {CONTACT}, {DEAL}.

  private <T> List<T> list(String cypher, Map<String, ?> params, java.util.function.Function<MapAccessor, T> row) {
    return reads.list(Mapping.projected(cypher), params, row);
  }

  private <T> Optional<T> first(String cypher, Map<String, ?> params, java.util.function.Function<MapAccessor, T> row) {
    return reads.first(Mapping.projected(cypher), params, row);
  }

  private void each(String cypher, Map<String, ?> params, java.util.function.Consumer<MapAccessor> row) {
    reads.each(Mapping.projected(cypher), params, row);
  }

  OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  // ---- single nodes ---------------------------------------------------------------------------------------

  /**
   * Any node of the model by id, typed by its label. The id of a contact or account merged into another resolves to
   * the survivor (through its {@code Alias {key: 'id:…'}}), so ids handed out before a merge keep working.
   */
  public Optional<Node> node(String id) {
    Optional<Node> found = nodeExactly(id);
    if (found.isPresent()) {
      return found;
    }
    Optional<String> survivor =
        first("MATCH (:Alias {key: 'id:' + $id})-[:ALIAS_OF]->(n) RETURN n.id AS id", Map.of("id", id), r -> r.get("id").asString());
    return survivor.filter(s -> !s.equals(id)).flatMap(this::nodeExactly);
  }

  private Optional<Node> nodeExactly(String id) {
    Optional<NodeKind> kind = NodeKind.ofId(id);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    return switch (kind.get()) {
      case ACCOUNT -> accounts(List.of(id)).values().stream().findFirst().map(Node.class::cast);
      case CONTACT -> contacts(List.of(id)).values().stream().findFirst().map(Node.class::cast);
      case DEAL -> deals(List.of(id)).values().stream().findFirst().map(Node.class::cast);
      default ->
          // The label comes from the NodeKind enum, never from the caller.
          first("MATCH (n:%s {id: $id}) RETURN n {.*} AS n".formatted(kind.get().label()), Map.of("id", id),
              r -> Mapping.node(kind.get(), r.get("n"), now()).orElse(null));
    };
  }

  /** Accounts by id, in the order asked; missing ids are absent from the map. */
  public Map<String, Account> accounts(Collection<String> ids) {
    Collection<Account> found =
        list("MATCH (a:Account) WHERE a.id IN $ids RETURN a {ACCOUNT} AS a", Map.of("ids", List.copyOf(ids)), r -> Mapping.account(r.get("a")));
    return inOrder(ids, found, Account::id);
  }

  /** Contacts by id. */
  public Map<String, Contact> contacts(Collection<String> ids) {
    Collection<Contact> found =
        list(
            """
            MATCH (c:Contact) WHERE c.id IN $ids
            OPTIONAL MATCH (c)-[:WORKS_AT]->(a:Account)
            RETURN c {CONTACT} AS c, a.id AS accountId""",
            Map.of("ids", List.copyOf(ids)),
            GraphReader::contactRow);
    return inOrder(ids, found, Contact::id);
  }

  /** Deals by id. */
  public Map<String, Deal> deals(Collection<String> ids) {
    Collection<Deal> found =
        list(
            """
            MATCH (d:Deal) WHERE d.id IN $ids
            OPTIONAL MATCH (d)-[:FOR]->(a:Account)
            RETURN d {DEAL} AS d, a.id AS accountId""",
            Map.of("ids", List.copyOf(ids)),
            GraphReader::dealRow);
    return inOrder(ids, found, Deal::id);
  }

  // ---- lists --------------------------------------------------------------------------------------------

  /*
   * The lists walk their sort index (account_sort, contact_sort on (nameSort, id); deal_created on (occurredAt, id)) in
   * order and stop at the page's end: the range on the sort key ("from the cursor on") is what lets the planner read
   * the index in order instead of reading and sorting every node on each page. The index is named in a hint: left
   * to its statistics the planner chose a scan of another index and a sort on some graphs (ListPagesTest). A node without a sort key is not
   * listed: every writer of the service sets one (GraphWriter, ingest, the demo world); a node written by hand with
   * plain Cypher needs {@code nameSort} (Ids.normalize of the name) or {@code occurredAt} to appear in a list.
   */

  /** Later than any deal, for the first page of deals (newest first). */
  private static final java.time.ZonedDateTime LATEST = java.time.ZonedDateTime.of(9999, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC);

  private static final String ACCOUNT_WHERE =
      """
      WHERE ($nameContains IS NULL OR a.nameSort CONTAINS $nameContains)
        AND ($domain IS NULL OR a.domain = $domain)
        AND ($industry IS NULL OR a.industry = $industry)
        AND ($owner IS NULL OR a.owner = $owner)
        AND ($status IS NULL OR a.status = $status)
        AND ($scope IS NULL OR a.id IN $scope)
      """;

  /** One page of accounts with the contacts and deals of each, read where the question asks for them. */
  public record AccountsWithRelations(Page<Account> page, Map<String, List<Contact>> contacts, Map<String, List<Deal>> deals) {}

  /**
   * The same page as {@link #accounts(AccountFilter, Collection, int, Cursor)} with, when asked, each account's
   * contacts (by name) and deals (newest first) in the same statement: a nested GraphQL list is one statement, not
   * three (issue #25).
   */
  public AccountsWithRelations accountsWith(
      AccountFilter filter, @Nullable Collection<String> scope, int first, @Nullable Cursor after, boolean contacts, boolean deals) {
    Map<String, Object> params = pageParams(accountParams(filter), scope, first, after);
    params.put("withContacts", contacts);
    params.put("withDeals", deals);
    List<Account> rows = new ArrayList<>();
    Map<String, List<Contact>> contactsOf = new HashMap<>();
    Map<String, List<Deal>> dealsOf = new HashMap<>();
    each(ACCOUNT_PAGE, params, r -> {
      Account a = Mapping.account(r.get("a"));
      rows.add(a);
      if (contacts) {
        contactsOf.put(a.id(), r.get("contacts").asList(c -> Mapping.contact(c, a.id())));
      }
      if (deals) {
        dealsOf.put(a.id(), r.get("deals").asList(d -> Mapping.deal(d, a.id())));
      }
    });
    Page<Account> page = Page.of(rows, first, a -> new Cursor(Ids.normalize(a.name()), a.id()), after != null);
    return new AccountsWithRelations(page, contactsOf, dealsOf);
  }

  /**
   * The start of a page of a list sorted by name then id, read from the label's (nameSort, id) index from the cursor on
   * ($from, $afterKey, $afterId) and stopped at $limit rows: the variable {@code v} of {@code label}, filtered by
   * {@code where} (a WHERE clause on {@code v}). Accounts and contacts share it, so both keep one keyset rule.
   */
  private static String byName(String v, String label, String where) {
    return "MATCH (%1$s:%2$s) USING INDEX SEEK %1$s:%2$s(nameSort, id) ".formatted(v, label) + where + """
          AND %1$s.nameSort >= $from AND %1$s.id IS NOT NULL
          AND ($afterKey IS NULL OR %1$s.nameSort > $afterKey OR (%1$s.nameSort = $afterKey AND %1$s.id > $afterId))
        WITH %1$s ORDER BY %1$s.nameSort, %1$s.id LIMIT $limit
        """.formatted(v);
  }

  /** A page of accounts, then the contacts and deals of each where asked ($withContacts, $withDeals). */
  static final String ACCOUNT_PAGE =
      Mapping.projected(
          byName("a", "Account", ACCOUNT_WHERE)
              + """
              RETURN a {ACCOUNT} AS a, a.nameSort AS sortKey,
                CASE WHEN $withContacts
                  THEN COLLECT { MATCH (c:Contact)-[:WORKS_AT]->(a) WITH c ORDER BY c.nameSort, c.id RETURN c {CONTACT} }
                  ELSE [] END AS contacts,
                CASE WHEN $withDeals
                  THEN COLLECT { MATCH (d:Deal)-[:FOR]->(a) WITH d ORDER BY d.occurredAt DESC, d.id DESC RETURN d {DEAL} }
                  ELSE [] END AS deals
              ORDER BY sortKey, a.id""");

  /** A name-ordered page's parameters: the scope, the cursor (as a keyset and as the index range's start) and the size. */
  private static Map<String, Object> pageParams(Map<String, Object> params, @Nullable Collection<String> scope, int first, @Nullable Cursor after) {
    params.put("scope", scope);
    params.put("afterKey", after == null ? null : after.sortKey());
    params.put("afterId", after == null ? null : after.id());
    params.put("limit", first + 1);
    params.put("from", after == null ? "" : after.sortKey());
    return params;
  }

  /** Accounts sorted by name then id. */
  public Page<Account> accounts(AccountFilter filter, int first, @Nullable Cursor after) {
    return accounts(filter, null, first, after);
  }

  /** The same, limited to what hangs off the given accounts (a rep's reach); null scope: everything. */
  public Page<Account> accounts(AccountFilter filter, @Nullable Collection<String> scope, int first, @Nullable Cursor after) {
    return accountsWith(filter, scope, first, after, false, false).page();
  }

  /** How many accounts match the filter. */
  public long countAccounts(AccountFilter filter) {
    return countAccounts(filter, null);
  }

  /** How many match within the scope. */
  public long countAccounts(AccountFilter filter, @Nullable Collection<String> scope) {
    return first("MATCH (a:Account) " + ACCOUNT_WHERE + " RETURN count(a) AS n", scoped(accountParams(filter), scope), r -> r.get("n").asLong())
        .orElse(0L);
  }

  private static Map<String, Object> scoped(Map<String, Object> params, @Nullable Collection<String> scope) {
    params.put("scope", scope);
    return params;
  }

  private static Map<String, Object> accountParams(AccountFilter f) {
    Map<String, Object> p = new HashMap<>();
    p.put("nameContains", f.nameContains() == null ? null : Ids.normalize(f.nameContains()));
    p.put("domain", f.domain() == null ? null : f.domain().strip().toLowerCase(java.util.Locale.ROOT));
    p.put("industry", f.industry());
    p.put("owner", f.owner());
    p.put("status", f.status() == null ? null : f.status().name());
    return p;
  }

  private static final String CONTACT_WHERE =
      """
      WHERE ($nameContains IS NULL OR c.nameSort CONTAINS $nameContains)
        AND ($email IS NULL OR c.email = $email OR $email IN coalesce(c.emails, []))
        AND ($domainSuffix IS NULL OR c.email ENDS WITH $domainSuffix)
        AND ($accountId IS NULL OR EXISTS { (c)-[:WORKS_AT]->(:Account {id: $accountId}) })
        AND ($titleContains IS NULL OR toLower(c.title) CONTAINS $titleContains)
        AND ($scope IS NULL OR EXISTS { (c)-[:WORKS_AT]->(scoped:Account) WHERE scoped.id IN $scope })
      """;

  /** One page of the list, read in index order (see above). */
  static final String CONTACT_PAGE =
      Mapping.projected(
          byName("c", "Contact", CONTACT_WHERE)
              + """
              OPTIONAL MATCH (c)-[:WORKS_AT]->(a:Account)
              RETURN c {CONTACT} AS c, a.id AS accountId ORDER BY c.nameSort, c.id""");

  /** Contacts sorted by name then id. */
  public Page<Contact> contacts(ContactFilter filter, int first, @Nullable Cursor after) {
    return contacts(filter, null, first, after);
  }

  /** The same, limited to what hangs off the given accounts (a rep's reach); null scope: everything. */
  public Page<Contact> contacts(ContactFilter filter, @Nullable Collection<String> scope, int first, @Nullable Cursor after) {
    List<Contact> rows = list(CONTACT_PAGE, pageParams(contactParams(filter), scope, first, after), GraphReader::contactRow);
    return Page.of(rows, first, c -> new Cursor(Ids.normalize(c.name()), c.id()), after != null);
  }

  /** How many contacts match the filter. */
  public long countContacts(ContactFilter filter) {
    return countContacts(filter, null);
  }

  /** How many match within the scope. */
  public long countContacts(ContactFilter filter, @Nullable Collection<String> scope) {
    return first("MATCH (c:Contact) " + CONTACT_WHERE + " RETURN count(c) AS n", scoped(contactParams(filter), scope), r -> r.get("n").asLong())
        .orElse(0L);
  }

  private static Map<String, Object> contactParams(ContactFilter f) {
    Map<String, Object> p = new HashMap<>();
    p.put("nameContains", f.nameContains() == null ? null : Ids.normalize(f.nameContains()));
    p.put("email", f.email() == null ? null : f.email().strip().toLowerCase(java.util.Locale.ROOT));
    p.put("domainSuffix", f.domain() == null ? null : "@" + f.domain().strip().toLowerCase(java.util.Locale.ROOT));
    p.put("accountId", f.accountId());
    p.put("titleContains", f.titleContains() == null ? null : f.titleContains().toLowerCase(java.util.Locale.ROOT));
    return p;
  }

  private static final String DEAL_WHERE =
      """
      WHERE ($nameContains IS NULL OR d.nameSort CONTAINS $nameContains)
        AND ($stage IS NULL OR d.stage = $stage)
        AND ($stages IS NULL OR d.stage IN $stages)
        AND ($owner IS NULL OR d.owner = $owner)
        AND ($accountId IS NULL OR EXISTS { (d)-[:FOR]->(:Account {id: $accountId}) })
        AND ($scope IS NULL OR EXISTS { (d)-[:FOR]->(scoped:Account) WHERE scoped.id IN $scope })
      """;

  /** One page of the list, read in index order (see above). */
  static final String DEAL_PAGE =
      Mapping.projected(
          "MATCH (d:Deal) USING INDEX SEEK d:Deal(occurredAt, id) "
              + DEAL_WHERE
              + """
                AND d.occurredAt <= $upTo AND d.id IS NOT NULL
                AND ($afterTime IS NULL OR d.occurredAt < $afterTime OR (d.occurredAt = $afterTime AND d.id < $afterId))
              WITH d ORDER BY d.occurredAt DESC, d.id DESC LIMIT $limit
              OPTIONAL MATCH (d)-[:FOR]->(a:Account)
              RETURN d {DEAL} AS d, a.id AS accountId ORDER BY d.occurredAt DESC, d.id DESC""");

  /** Deals, newest first, then by id. */
  public Page<Deal> deals(DealFilter filter, int first, @Nullable Cursor after) {
    return deals(filter, null, first, after);
  }

  /** The same, limited to what hangs off the given accounts (a rep's reach); null scope: everything. */
  public Page<Deal> deals(DealFilter filter, @Nullable Collection<String> scope, int first, @Nullable Cursor after) {
    Map<String, Object> params = dealParams(filter);
    params.put("scope", scope);
    params.put("afterTime", after == null ? null : OffsetDateTime.parse(after.sortKey()).toZonedDateTime());
    params.put("afterId", after == null ? null : after.id());
    params.put("limit", first + 1);
    params.put("upTo", after == null ? LATEST : OffsetDateTime.parse(after.sortKey()).toZonedDateTime());
    List<Deal> rows =
        list(
            DEAL_PAGE,
            params,
            GraphReader::dealRow);
    return Page.of(rows, first, d -> new Cursor(d.occurredAt().toString(), d.id()), after != null);
  }

  /** How many deals match the filter. */
  public long countDeals(DealFilter filter) {
    return countDeals(filter, null);
  }

  /** How many match within the scope. */
  public long countDeals(DealFilter filter, @Nullable Collection<String> scope) {
    return first("MATCH (d:Deal) " + DEAL_WHERE + " RETURN count(d) AS n", scoped(dealParams(filter), scope), r -> r.get("n").asLong())
        .orElse(0L);
  }

  private static Map<String, Object> dealParams(DealFilter f) {
    Map<String, Object> p = new HashMap<>();
    p.put("nameContains", f.nameContains() == null ? null : Ids.normalize(f.nameContains()));
    p.put("stage", f.stage() == null ? null : f.stage().name());
    p.put(
        "stages",
        f.outcome() == null
            ? null
            : java.util.Arrays.stream(Values.DealStage.values())
                .filter(s -> s.outcome() == f.outcome())
                .map(Enum::name)
                .toList());
    p.put("owner", f.owner());
    p.put("accountId", f.accountId());
    return p;
  }

  // ---- batch lookups of related nodes -----------------------------------------------------------------------

  /** Contacts working at each of the accounts, by name. */
  public Map<String, List<Contact>> contactsOfAccounts(Collection<String> accountIds) {
    return grouped(
        """
        MATCH (c:Contact)-[:WORKS_AT]->(a:Account) WHERE a.id IN $ids
        RETURN a.id AS key, c {CONTACT} AS c, a.id AS accountId ORDER BY c.nameSort, c.id""",
        accountIds,
        GraphReader::contactRow);
  }

  /** Deals of each of the accounts, newest first. */
  public Map<String, List<Deal>> dealsOfAccounts(Collection<String> accountIds) {
    return grouped(
        """
        MATCH (d:Deal)-[:FOR]->(a:Account) WHERE a.id IN $ids
        RETURN a.id AS key, d {DEAL} AS d, a.id AS accountId ORDER BY d.occurredAt DESC, d.id DESC""",
        accountIds,
        GraphReader::dealRow);
  }

  /** The contacts related to each interaction through one relationship type (SENT, TO, CC, JOINED, RAISED, PERFORMED). */
  public Map<String, List<Contact>> contactsOf(Collection<String> interactionIds, Participation how) {
    return grouped(how.cypher, interactionIds, GraphReader::contactRow);
  }

  /** The account each ticket, invoice or deal is FOR. */
  public Map<String, Account> accountsFor(Collection<String> ids) {
    Map<String, Account> out = new HashMap<>();
    each("MATCH (n)-[:FOR]->(a:Account) WHERE n.id IN $ids RETURN n.id AS key, a {ACCOUNT} AS a", Map.of("ids", List.copyOf(ids)),
        r -> out.put(r.get("key").asString(), Mapping.account(r.get("a"))));
    return out;
  }

  /** The own fields ({@code field_…} properties) of each node, by name; nodes without any are left out. */
  public Map<String, List<OwnField>> ownFields(Collection<String> ids, NodeKind kind) {
    Map<String, List<OwnField>> out = new java.util.HashMap<>();
    // The label comes from the NodeKind enum.
    each("""
            UNWIND $ids AS id MATCH (n:%s {id: id})
            WITH n, [k IN keys(n) WHERE k STARTS WITH 'field_'] AS names WHERE size(names) > 0
            RETURN n.id AS id, [k IN names | [k, toString(n[k]), n['fieldHistory_' + substring(k, 6)]]] AS fields""".formatted(kind.label()),
        Map.of("ids", List.copyOf(ids)),
        r -> {
          List<OwnField> fields = new java.util.ArrayList<>();
          for (Object pair : r.get("fields").asList(v -> v.asObject())) {
            List<?> kv = (List<?>) pair;
            java.time.Instant since = kv.get(2) instanceof List<?> h ? FieldHistory.since(FieldHistory.decode(h)) : null;
            fields.add(new OwnField((String) kv.get(0), (String) kv.get(1), since == null ? null : since.atOffset(java.time.ZoneOffset.UTC)));
          }
          fields.sort(java.util.Comparator.comparing(OwnField::name));
          out.put(r.get("id").asString(), List.copyOf(fields));
        });
    return out;
  }

  /** Earlier versions of what each source record produced, newest first, by source record id. */
  public Map<String, List<SourceVersion>> versions(Collection<String> sourceRecordIds) {
    Map<String, List<SourceVersion>> out = new java.util.HashMap<>();
    each("""
            MATCH (s:SourceRecord)-[:HAD_VERSION]->(v:SourceVersion) WHERE s.id IN $ids
            RETURN s.id AS record, v {.*} AS v ORDER BY v.replacedAt DESC, v.id""",
        Map.of("ids", List.copyOf(sourceRecordIds)),
        r -> {
          var v = r.get("v");
          out.computeIfAbsent(r.get("record").asString(), k -> new java.util.ArrayList<>()).add(new SourceVersion(
              v.get("id").asString(), v.get("contentHash").asString(""), v.get("node").asString(""), v.get("label").asString(null),
              v.get("properties").asString("{}"), v.get("replacedAt").asZonedDateTime().toOffsetDateTime()));
        });
    return out;
  }

  /** Most provenance records returned per node: a busy contact is mentioned by thousands of records. */
  public static final int MAX_PROVENANCE = 50;

  /** The records each node came from or was matched from (PRODUCED, RESOLVED_TO), newest first, at most 50 each. */
  public Map<String, List<SourceRecord>> provenance(NodeKind kind, Collection<String> ids) {
    // The label comes from the NodeKind enum, never from the caller.
    return grouped(
        """
        MATCH (n:%s) WHERE n.id IN $ids
        CALL (n) {
          MATCH (n)<-[:PRODUCED|RESOLVED_TO]-(s:SourceRecord)
          RETURN DISTINCT s ORDER BY s.ingestedAt DESC, s.id DESC LIMIT %d
        }
        RETURN n.id AS key, s {.*} AS s"""
            .formatted(kind.label(), MAX_PROVENANCE),
        ids,
        r -> Mapping.sourceRecord(r.get("s")));
  }

  /** For each email, the emails it answers ({@code outgoing}) or that answer it. */
  public Map<String, List<Email>> replyLinks(Collection<String> emailIds, boolean outgoing) {
    String pattern = outgoing ? "(n)-[:REPLY_TO]->(e:Email)" : "(n)<-[:REPLY_TO]-(e:Email)";
    return grouped(
        "MATCH (n:Email) WHERE n.id IN $ids MATCH " + pattern + " WITH DISTINCT n, e RETURN n.id AS key, e {.*} AS e ORDER BY e.occurredAt, e.id",
        emailIds,
        r -> Mapping.email(r.get("e")));
  }

  /** How contacts take part in an interaction. */
  public enum Participation {
    SENT("MATCH (c:Contact)-[:SENT]->(n:Email) WHERE n.id IN $ids"),
    TO("MATCH (n:Email)-[:TO]->(c:Contact) WHERE n.id IN $ids"),
    CC("MATCH (n:Email)-[:CC]->(c:Contact) WHERE n.id IN $ids"),
    JOINED("MATCH (c:Contact)-[:JOINED]->(n:Call) WHERE n.id IN $ids"),
    RAISED("MATCH (c:Contact)-[:RAISED]->(n:Ticket) WHERE n.id IN $ids"),
    PERFORMED("MATCH (c:Contact)-[:PERFORMED]->(n:Activity) WHERE n.id IN $ids");

    private final String cypher;

    Participation(String match) {
      this.cypher =
          match
              + """

              OPTIONAL MATCH (c)-[:WORKS_AT]->(a:Account)
              RETURN n.id AS key, c {CONTACT} AS c, a.id AS accountId ORDER BY c.nameSort, c.id""";
    }
  }

  private <T> Map<String, List<T>> grouped(String cypher, Collection<String> ids, java.util.function.Function<MapAccessor, T> row) {
    Map<String, List<T>> out = new LinkedHashMap<>();
    ids.forEach(id -> out.put(id, new ArrayList<>()));
    each(cypher, Map.of("ids", List.copyOf(ids)), r -> out.computeIfAbsent(r.get("key").asString(), k -> new ArrayList<>()).add(row.apply(r)));
    return out;
  }

  /** A contact projected as {@code c} with its {@code accountId}. */
  static Contact contactRow(MapAccessor r) {
    return Mapping.contact(r.get("c"), r.get("accountId").isNull() ? null : r.get("accountId").asString());
  }

  /** A deal projected as {@code d} with its {@code accountId}. */
  static Deal dealRow(MapAccessor r) {
    return Mapping.deal(r.get("d"), r.get("accountId").isNull() ? null : r.get("accountId").asString());
  }

  private static <T> Map<String, T> inOrder(
      Collection<String> ids, Collection<T> found, java.util.function.Function<T, String> idOf) {
    Map<String, T> byId = new HashMap<>();
    found.forEach(f -> byId.put(idOf.apply(f), f));
    Map<String, T> out = new LinkedHashMap<>();
    for (String id : ids) {
      T t = byId.get(id);
      if (t != null) {
        out.put(id, t);
      }
    }
    return out;
  }
}
