package io.customergraph.graph;

import io.customergraph.graph.Inputs.AccountInput;
import io.customergraph.graph.Inputs.ActivityInput;
import io.customergraph.graph.Inputs.ContactInput;
import io.customergraph.graph.Inputs.DealInput;
import io.customergraph.graph.Inputs.FieldError;
import io.customergraph.graph.WriteResult.Rejected;
import io.customergraph.graph.WriteResult.Written;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Upserts of accounts, contacts, deals and activities from structured input. Every input is checked as a whole
 * first; a refused input comes back as {@link Rejected} with one {@link FieldError} per problem and writes nothing.
 * A stored input leaves a {@code SourceRecord} (source {@code api}, content hash) linked to what it produced, so
 * the same input sent twice is recognised and every node can say where it came from.
 */
@Service
@Transactional
public class GraphWriter {

  /**
   * Largest deal amount accepted: above any real deal in any currency, far below where sums over a pipeline lose
   * precision or overflow a dashboard (1e308 was accepted once and broke the pipeline-amount panel).
   */
  static final double MAX_AMOUNT = 1e12;


  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern DOMAIN =
      Pattern.compile("^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
  private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()./-]{5,30}$");
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  /** Names longer than this are almost certainly a paste error (a whole signature, a CSV row). */
  private static final int MAX_NAME = 200;
  private static final int MAX_URL = 2_000;
  /** Events a little in the future are clock skew between systems; more than this is a wrong time zone or a bug. */
  private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

  private final Neo4jClient client;
  private final GraphReader reader;

  private final org.springframework.context.ApplicationEventPublisher events;

  GraphWriter(Neo4jClient client, GraphReader reader, org.springframework.context.ApplicationEventPublisher events) {
    this.client = client;
    this.reader = reader;
    this.events = events;
  }

  /** Tells listeners (scoring) what was written; they act after a short delay, by which time this has committed. */
  private <T> Written<T> changed(Written<T> w, String id) {
    events.publishEvent(new GraphChanged(List.of(id), GraphChanged.Origin.UPSERT, w.created() ? List.of(id) : List.of()));
    return w;
  }

  // ---- accounts -----------------------------------------------------------------------------------------------

  /** Creates or updates an account. */
  public WriteResult<Account> upsertAccount(AccountInput in) {
    List<FieldError> errors = new ArrayList<>();
    checkId(errors, in.id(), NodeKind.ACCOUNT);
    String name = trimmed(in.name());
    checkName(errors, "name", in.name(), name);
    String domain = in.domain() == null ? null : in.domain().strip().toLowerCase(Locale.ROOT);
    if (domain != null && !DOMAIN.matcher(domain).matches()) {
      errors.add(new FieldError("domain", "INVALID_DOMAIN", "domain must be a bare host name such as acme.com, got '" + in.domain() + "'"));
    }
    if (in.employees() != null && (in.employees() < 0 || in.employees() > 10_000_000)) {
      errors.add(new FieldError("employees", "OUT_OF_RANGE", "employees must be between 0 and 10000000"));
    }
    String country = in.country() == null ? null : in.country().strip().toUpperCase(Locale.ROOT);
    if (country != null && !COUNTRIES.contains(country)) {
      errors.add(new FieldError("country", "INVALID_COUNTRY", "country must be an ISO 3166-1 alpha-2 code such as DE or US"));
    }
    checkLength(errors, "owner", in.owner(), MAX_NAME);
    checkLength(errors, "industry", in.industry(), MAX_NAME);
    // Whether it exists decides what else is required: looked up (a read) before answering, so one answer lists every problem.
    Optional<String> existing =
        in.id() != null
            ? existingId(NodeKind.ACCOUNT, in.id())
            : domain != null
                ? firstId("MATCH (a:Account {domain: $v}) RETURN a.id ORDER BY a.id LIMIT 1", domain)
                : name != null ? firstId("MATCH (a:Account {nameSort: $v}) RETURN a.id ORDER BY a.id LIMIT 1", Ids.normalize(name)) : Optional.empty();
    if (existing.isEmpty() && name == null) {
      required(errors, "name", "name is required to create an account");
    }
    if (!errors.isEmpty()) {
      return new Rejected<>(errors);
    }
    String id =
        existing.orElseGet(
            () -> in.id() != null ? in.id() : Ids.of(NodeKind.ACCOUNT, domain != null ? "domain:" + domain : "name:" + Ids.normalize(name)));
    Map<String, Object> p = new HashMap<>();
    p.put("id", id);
    p.put("name", name);
    p.put("nameSort", name == null ? null : Ids.normalize(name));
    p.put("domain", domain);
    p.put("industry", trimmed(in.industry()));
    p.put("employees", in.employees());
    p.put("country", country);
    p.put("status", in.status() == null ? null : in.status().name());
    p.put("owner", trimmed(in.owner()));
    p.put("now", reader.now().toZonedDateTime());
    provenance(p, in);
    client
        .query(
            """
            MERGE (a:Account {id: $id})
            ON CREATE SET a.createdAt = $now, a.status = 'PROSPECT'
            SET a.name = coalesce($name, a.name), a.nameSort = coalesce($nameSort, a.nameSort),
                a.domain = coalesce($domain, a.domain), a.industry = coalesce($industry, a.industry),
                a.employees = coalesce($employees, a.employees), a.country = coalesce($country, a.country),
                a.status = coalesce($status, a.status), a.owner = coalesce($owner, a.owner), a.updatedAt = $now
            WITH a
            """
                + PROVENANCE.formatted("a"))
        .bindAll(p)
        .run();
    return changed(new Written<>(reader.accounts(List.of(id)).get(id), existing.isEmpty()), id);
  }

  // ---- contacts -----------------------------------------------------------------------------------------------

  /** Creates or updates a contact, and where they work. */
  public WriteResult<Contact> upsertContact(ContactInput in) {
    List<FieldError> errors = new ArrayList<>();
    checkId(errors, in.id(), NodeKind.CONTACT);
    String name = trimmed(in.name());
    checkName(errors, "name", in.name(), name);
    String email = in.email() == null ? null : in.email().strip().toLowerCase(Locale.ROOT);
    if (email != null && (!EMAIL.matcher(email).matches() || email.length() > 320)) {
      errors.add(new FieldError("email", "INVALID_EMAIL", "email must look like name@example.com, got '" + in.email() + "'"));
    }
    String phone = trimmed(in.phone());
    if (phone != null && !PHONE.matcher(phone).matches()) {
      errors.add(new FieldError("phone", "INVALID_PHONE", "phone may hold digits, spaces, + ( ) . / - only, 5 to 30 characters"));
    }
    String zone = trimmed(in.timeZone());
    if (zone != null && !validZone(zone)) {
      errors.add(new FieldError("timeZone", "INVALID_TIME_ZONE", "timeZone must be an IANA zone such as Europe/Berlin, got '" + zone + "'"));
    }
    checkLength(errors, "title", in.title(), MAX_NAME);
    checkAccount(errors, in.accountId(), false);
    Optional<String> existing =
        in.id() != null
            ? existingId(NodeKind.CONTACT, in.id())
            : email != null
                ? firstId("MATCH (c:Contact {email: $v}) RETURN c.id ORDER BY c.id LIMIT 1", email)
                : Optional.empty();
    if (existing.isEmpty() && name == null) {
      required(errors, "name", "name is required to create a contact");
    }
    if (!errors.isEmpty()) {
      return new Rejected<>(errors);
    }
    String id =
        existing.orElseGet(
            () ->
                in.id() != null
                    ? in.id()
                    : Ids.of(NodeKind.CONTACT, email != null ? "email:" + email : "name:" + Ids.normalize(name) + "@" + in.accountId()));
    Map<String, Object> p = new HashMap<>();
    p.put("id", id);
    p.put("name", name);
    p.put("nameSort", name == null ? null : Ids.normalize(name));
    p.put("email", email);
    p.put("phone", phone);
    p.put("title", trimmed(in.title()));
    p.put("timeZone", zone);
    p.put("accountId", in.accountId());
    p.put("now", reader.now().toZonedDateTime());
    provenance(p, in);
    client
        .query(
            """
            MERGE (c:Contact {id: $id})
            ON CREATE SET c.createdAt = $now
            SET c.name = coalesce($name, c.name), c.nameSort = coalesce($nameSort, c.nameSort),
                c.email = coalesce($email, c.email), c.phone = coalesce($phone, c.phone),
                c.title = coalesce($title, c.title), c.timeZone = coalesce($timeZone, c.timeZone), c.updatedAt = $now
            WITH c
            CALL (c) {
              WITH c WHERE $accountId IS NOT NULL
              MATCH (a:Account {id: $accountId})
              OPTIONAL MATCH (c)-[old:WORKS_AT]->(other:Account) WHERE other.id <> $accountId
              DELETE old
              MERGE (c)-[w:WORKS_AT]->(a) ON CREATE SET w.since = $now
            }
            WITH c
            """
                + PROVENANCE.formatted("c"))
        .bindAll(p)
        .run();
    return changed(new Written<>(reader.contacts(List.of(id)).get(id), existing.isEmpty()), id);
  }

  /** A REQUIRED error, unless the field already has one (a blank name is not also "missing"). */
  private static void required(List<FieldError> errors, String field, String message) {
    if (errors.stream().noneMatch(e -> e.field().equals(field))) {
      errors.add(new FieldError(field, "REQUIRED", message));
    }
  }

  // ---- deals --------------------------------------------------------------------------------------------------

  /** Creates or updates a deal; a change of stage is appended to its stage history. */
  public WriteResult<Deal> upsertDeal(DealInput in) {
    List<FieldError> errors = new ArrayList<>();
    checkId(errors, in.id(), NodeKind.DEAL);
    String name = trimmed(in.name());
    checkName(errors, "name", in.name(), name);
    if (in.amount() != null && (in.amount() < 0 || in.amount() > MAX_AMOUNT || in.amount().isNaN() || in.amount().isInfinite())) {
      errors.add(new FieldError("amount", "OUT_OF_RANGE", "amount must be between 0 and 1000000000000 (a trillion)"));
    }
    String currency = in.currency() == null ? null : in.currency().strip().toUpperCase(Locale.ROOT);
    if (currency != null && !validCurrency(currency)) {
      errors.add(new FieldError("currency", "INVALID_CURRENCY", "currency must be an ISO 4217 code such as EUR or USD"));
    }
    OffsetDateTime now = reader.now();
    if (in.stageChangedAt() != null && in.stageChangedAt().isAfter(now.plus(FUTURE_TOLERANCE))) {
      errors.add(new FieldError("stageChangedAt", "IN_FUTURE", "stageChangedAt lies in the future"));
    }
    checkLength(errors, "owner", in.owner(), MAX_NAME);
    checkLength(errors, "product", in.product(), MAX_NAME);
    checkAccount(errors, in.accountId(), false);
    Optional<String> existing =
        in.id() != null
            ? existingId(NodeKind.DEAL, in.id())
            : name != null && in.accountId() != null
                ? firstId(
                    "MATCH (d:Deal {nameSort: $v})-[:FOR]->(:Account {id: $w}) RETURN d.id ORDER BY d.id LIMIT 1",
                    Ids.normalize(name),
                    in.accountId())
                : Optional.empty();
    if (existing.isEmpty()) {
      if (name == null) {
        required(errors, "name", "name is required to create a deal");
      }
      if (in.accountId() == null) {
        required(errors, "accountId", "accountId is required to create a deal");
      }
      if (in.stage() == null) {
        required(errors, "stage", "stage is required to create a deal");
      }
    }
    if (!errors.isEmpty()) {
      return new Rejected<>(errors);
    }
    String id = existing.orElseGet(() -> in.id() != null ? in.id() : Ids.of(NodeKind.DEAL, in.accountId(), Ids.normalize(name)));
    OffsetDateTime stageAt = in.stageChangedAt() != null ? in.stageChangedAt() : now;
    Map<String, Object> p = new HashMap<>();
    p.put("id", id);
    p.put("name", name);
    p.put("nameSort", name == null ? null : Ids.normalize(name));
    p.put("accountId", in.accountId());
    p.put("amount", in.amount());
    p.put("currency", currency);
    p.put("stage", in.stage() == null ? null : in.stage().name());
    p.put("owner", trimmed(in.owner()));
    p.put("product", trimmed(in.product()));
    p.put("closeDate", in.closeDate());
    p.put("stageAt", stageAt.toZonedDateTime());
    p.put("now", now.toZonedDateTime());
    provenance(p, in);
    client
        .query(
            """
            MERGE (d:Deal {id: $id})
            ON CREATE SET d.occurredAt = $stageAt, d.createdAt = $now, d.stageNames = [], d.stageEnteredAt = [],
                          d.currency = 'USD'
            WITH d, d.stage AS previous, d.closeDate AS previousClose
            // A close date moved later is a push: kept with when it happened (a deal-win feature reads it).
            FOREACH (_ IN CASE WHEN previousClose IS NOT NULL AND $closeDate IS NOT NULL AND $closeDate > previousClose THEN [1] ELSE [] END |
              SET d.closeDatePushedAt = coalesce(d.closeDatePushedAt, []) + $now,
                  d.closeDateHistory = coalesce(d.closeDateHistory, []) + previousClose)
            SET d.name = coalesce($name, d.name), d.nameSort = coalesce($nameSort, d.nameSort),
                d.amount = coalesce($amount, d.amount), d.currency = coalesce($currency, d.currency),
                d.owner = coalesce($owner, d.owner), d.product = coalesce($product, d.product),
                d.closeDate = coalesce($closeDate, d.closeDate), d.updatedAt = $now
            FOREACH (_ IN CASE WHEN $stage IS NOT NULL AND (previous IS NULL OR previous <> $stage) THEN [1] ELSE [] END |
              SET d.stage = $stage, d.stageNames = d.stageNames + $stage, d.stageEnteredAt = d.stageEnteredAt + $stageAt)
            SET d.closedAt = CASE WHEN d.stage IN ['WON', 'LOST'] THEN coalesce(d.closedAt, $stageAt) ELSE null END
            WITH d
            CALL (d) {
              WITH d WHERE $accountId IS NOT NULL
              MATCH (a:Account {id: $accountId})
              OPTIONAL MATCH (d)-[old:FOR]->(other:Account) WHERE other.id <> $accountId
              DELETE old
              MERGE (d)-[:FOR]->(a)
            }
            WITH d
            """
                + PROVENANCE.formatted("d"))
        .bindAll(p)
        .run();
    return changed(new Written<>(reader.deals(List.of(id)).get(id), existing.isEmpty()), id);
  }

  // ---- activities ---------------------------------------------------------------------------------------------

  /** Records a behavioural event; the same event sent twice is stored once. */
  public WriteResult<Activity> recordActivity(ActivityInput in) {
    List<FieldError> errors = new ArrayList<>();
    String contactId = null;
    if (in.contactId() == null && in.contactEmail() == null) {
      errors.add(new FieldError("contactId", "REQUIRED", "contactId or contactEmail is required"));
    } else if (in.contactId() != null) {
      contactId = existingId(NodeKind.CONTACT, in.contactId()).orElse(null);
      if (contactId == null) {
        errors.add(new FieldError("contactId", "NOT_FOUND", "No contact with id " + in.contactId()));
      }
    } else {
      String email = in.contactEmail().strip().toLowerCase(Locale.ROOT);
      contactId = firstId("MATCH (c:Contact {email: $v}) RETURN c.id ORDER BY c.id LIMIT 1", email).orElse(null);
      if (contactId == null) {
        errors.add(new FieldError("contactEmail", "NOT_FOUND", "No contact with email " + in.contactEmail()));
      }
    }
    if (in.type() == null) {
      errors.add(new FieldError("type", "REQUIRED", "type is required"));
    }
    OffsetDateTime now = reader.now();
    if (in.occurredAt() == null) {
      errors.add(new FieldError("occurredAt", "REQUIRED", "occurredAt is required"));
    } else if (in.occurredAt().isAfter(now.plus(FUTURE_TOLERANCE))) {
      errors.add(new FieldError("occurredAt", "IN_FUTURE", "occurredAt lies in the future"));
    }
    checkLength(errors, "url", in.url(), MAX_URL);
    checkLength(errors, "campaign", in.campaign(), MAX_NAME);
    checkLength(errors, "content", in.content(), MAX_NAME);
    if (!errors.isEmpty()) {
      return new Rejected<>(errors);
    }
    String at = in.occurredAt().toInstant().toString();
    String id =
        Ids.of(NodeKind.ACTIVITY, contactId, in.type().name(), at, String.valueOf(in.url()), String.valueOf(in.campaign()), String.valueOf(in.content()));
    boolean created = existingId(NodeKind.ACTIVITY, id).isEmpty();
    Map<String, Object> p = new HashMap<>();
    p.put("id", id);
    p.put("contactId", contactId);
    p.put("type", in.type().name());
    p.put("occurredAt", in.occurredAt().toZonedDateTime());
    p.put("url", trimmed(in.url()));
    p.put("campaign", trimmed(in.campaign()));
    p.put("content", trimmed(in.content()));
    p.put("now", now.toZonedDateTime());
    provenance(p, in);
    client
        .query(
            """
            MATCH (c:Contact {id: $contactId})
            MERGE (x:Activity {id: $id})
            ON CREATE SET x.type = $type, x.occurredAt = $occurredAt, x.url = $url, x.campaign = $campaign,
                          x.content = $content, x.createdAt = $now
            MERGE (c)-[:PERFORMED]->(x)
            WITH x
            """
                + PROVENANCE.formatted("x"))
        .bindAll(p)
        .run();
    Activity stored =
        client
            .query("MATCH (x:Activity {id: $id}) RETURN x")
            .bind(id)
            .to("id")
            .fetchAs(Activity.class)
            .mappedBy((t, r) -> Mapping.activity(r.get("x").asNode()))
            .one()
            .orElseThrow();
    return changed(new Written<>(stored, created), id);
  }

  // ---- shared -------------------------------------------------------------------------------------------------

  /** Links what an upsert produced to the SourceRecord of its input; the same input twice gives one record. */
  private static final String PROVENANCE =
      """
      MERGE (s:SourceRecord {key: $sourceKey})
      ON CREATE SET s.id = $sourceRecordId, s.source = 'api', s.sourceId = %1$s.id, s.contentHash = $contentHash,
                    s.ingestedAt = $now
      MERGE (s)-[:PRODUCED]->(%1$s)
      """;

  private static void provenance(Map<String, Object> p, Record input) {
    String hash = Ids.sha256(input.getClass().getSimpleName() + input);
    p.put("contentHash", hash);
    p.put("sourceKey", "api:" + hash);
    p.put("sourceRecordId", Ids.of(NodeKind.SOURCE_RECORD, "api", hash));
  }

  private Optional<String> existingId(NodeKind kind, String id) {
    // The label comes from the NodeKind enum, never from the caller.
    return client
        .query("MATCH (n:%s {id: $v}) RETURN n.id".formatted(kind.label()))
        .bind(id)
        .to("v")
        .fetchAs(String.class)
        .one();
  }

  private Optional<String> firstId(String cypher, String v) {
    return client.query(cypher).bind(v).to("v").fetchAs(String.class).one();
  }

  private Optional<String> firstId(String cypher, String v, String w) {
    return client.query(cypher).bindAll(Map.of("v", v, "w", w)).fetchAs(String.class).one();
  }

  private void checkAccount(List<FieldError> errors, @Nullable String accountId, boolean required) {
    if (accountId == null) {
      if (required) {
        errors.add(new FieldError("accountId", "REQUIRED", "accountId is required"));
      }
      return;
    }
    if (existingId(NodeKind.ACCOUNT, accountId).isEmpty()) {
      errors.add(new FieldError("accountId", "NOT_FOUND", "No account with id " + accountId));
    }
  }

  private static void checkId(List<FieldError> errors, @Nullable String id, NodeKind kind) {
    if (id != null && !id.matches(Pattern.quote(kind.prefix() + "_") + "[A-Za-z0-9-]{1,64}")) {
      errors.add(
          new FieldError("id", "INVALID_ID", "id of a %s must look like %s_… (letters, digits, -)".formatted(kind.label(), kind.prefix())));
    }
  }

  private static void checkName(List<FieldError> errors, String field, @Nullable String raw, @Nullable String trimmed) {
    if (raw != null && trimmed == null) {
      errors.add(new FieldError(field, "BLANK", field + " must not be blank"));
    }
    checkLength(errors, field, raw, MAX_NAME);
  }

  private static void checkLength(List<FieldError> errors, String field, @Nullable String value, int max) {
    if (value != null && value.length() > max) {
      errors.add(new FieldError(field, "TOO_LONG", field + " must be at most " + max + " characters"));
    }
  }

  private static @Nullable String trimmed(@Nullable String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }

  private static boolean validZone(String zone) {
    try {
      ZoneId.of(zone);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean validCurrency(String code) {
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
