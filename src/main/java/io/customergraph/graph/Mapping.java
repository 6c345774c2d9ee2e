package io.customergraph.graph;

import io.customergraph.graph.Values.AccountStatus;
import io.customergraph.graph.Values.ActivityType;
import io.customergraph.graph.Values.DealStage;
import io.customergraph.graph.Values.Direction;
import io.customergraph.graph.Values.InvoiceStatus;
import io.customergraph.graph.Values.TicketPriority;
import io.customergraph.graph.Values.TicketStatus;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.MapAccessor;

/** Turns Neo4j nodes into the records of the model; the one place that knows property names on the way out. */
final class Mapping {

  private Mapping() {}

  /*
   * What the records below read, as Cypher map projections: a list reads these properties only, not a node's every
   * property (an imported account may carry dozens of own fields, each with its history). A property the records
   * read must be listed here, or the lists read it as missing.
   */
  static final String ACCOUNT_PROPERTIES = "{.id, .name, .domain, .industry, .employees, .country, .status, .owner, .createdAt, .updatedAt}";
  static final String CONTACT_PROPERTIES = "{.id, .name, .nameSort, .email, .phone, .title, .timeZone, .createdAt, .updatedAt, .emails, .nameVariants}";
  static final String DEAL_PROPERTIES =
      "{.id, .name, .amount, .currency, .stage, .owner, .product, .occurredAt, .closeDate, .closedAt, .stageNames, .stageEnteredAt, .team, .accountId}";

  /** A statement with {@code {ACCOUNT}}, {@code {CONTACT}} and {@code {DEAL}} standing for the projections above. */
  static String projected(String cypher) {
    return cypher.replace("{ACCOUNT}", ACCOUNT_PROPERTIES).replace("{CONTACT}", CONTACT_PROPERTIES).replace("{DEAL}", DEAL_PROPERTIES);
  }

  static Optional<Node> node(org.neo4j.driver.types.Node n, OffsetDateTime now) {
    for (String label : n.labels()) {
      Optional<NodeKind> kind = NodeKind.ofLabel(label);
      if (kind.isPresent()) {
        return node(kind.get(), n, now);
      }
    }
    return Optional.empty();
  }

  /** A node of a known kind from its properties (a node, or a map projection {@code n {.*}}). */
  static Optional<Node> node(NodeKind kind, MapAccessor n, OffsetDateTime now) {
    Node mapped =
        switch (kind) {
          case ACCOUNT -> account(n);
          case CONTACT -> contact(n, null);
          case DEAL -> deal(n, str(n, "accountId"));
          case EMAIL -> email(n);
          case CALL -> call(n);
          case TICKET -> ticket(n);
          case INVOICE -> invoice(n, now);
          case ACTIVITY -> activity(n);
          case COMPETITOR -> competitor(n);
          case TAG -> new Tag(req(n, "id"), req(n, "name"));
          case SOURCE_RECORD -> sourceRecord(n);
          case MODEL, REVIEW, REP, PRODUCT, ACTION, WEBHOOK, DELIVERY -> null;
        };
    return Optional.ofNullable(mapped);
  }

  static Account account(MapAccessor n) {
    return new Account(
        req(n, "id"),
        req(n, "name"),
        str(n, "domain"),
        str(n, "industry"),
        n.get("employees").isNull() ? null : n.get("employees").asInt(),
        str(n, "country"),
        AccountStatus.valueOf(n.get("status").asString(AccountStatus.PROSPECT.name())),
        str(n, "owner"),
        time(n, "createdAt"),
        time(n, "updatedAt"));
  }

  static Contact contact(MapAccessor n, @Nullable String accountId) {
    return new Contact(
        req(n, "id"),
        req(n, "name"),
        str(n, "email"),
        str(n, "phone"),
        str(n, "title"),
        str(n, "timeZone"),
        accountId,
        time(n, "createdAt"),
        time(n, "updatedAt"),
        strings(n, "emails"),
        strings(n, "nameVariants"));
  }

  static List<String> strings(MapAccessor n, String key) {
    Value v = n.get(key);
    return v.isNull() ? List.of() : v.asList(Value::asString);
  }

  static Deal deal(MapAccessor n, @Nullable String accountId) {
    DealStage stage = DealStage.valueOf(req(n, "stage"));
    List<Deal.StageChange> history = new ArrayList<>();
    List<Object> stages = n.get("stageNames").isNull() ? List.of() : n.get("stageNames").asList();
    List<Object> entered = n.get("stageEnteredAt").isNull() ? List.of() : n.get("stageEnteredAt").asList();
    for (int i = 0; i < Math.min(stages.size(), entered.size()); i++) {
      history.add(
          new Deal.StageChange(
              DealStage.valueOf((String) stages.get(i)), toOffset(entered.get(i))));
    }
    Value close = n.get("closeDate");
    return new Deal(
        req(n, "id"),
        req(n, "name"),
        accountId == null ? "" : accountId,
        n.get("amount").isNull() ? null : n.get("amount").asDouble(),
        n.get("currency").asString("USD"),
        stage,
        stage.outcome(),
        str(n, "owner"),
        str(n, "product"),
        time(n, "occurredAt"),
        close.isNull() ? null : close.asLocalDate(),
        optTime(n, "closedAt"),
        List.copyOf(history),
        str(n, "team"));
  }

  static Email email(MapAccessor n) {
    return new Email(
        req(n, "id"),
        str(n, "messageId"),
        n.get("subject").asString(""),
        n.get("body").asString(""),
        time(n, "occurredAt"),
        Direction.valueOf(n.get("direction").asString(Direction.INBOUND.name())),
        str(n, "owner"),
        str(n, "quoted"),
        str(n, "signature"),
        attachments(n),
        strings(n, "replyTo"),
        strings(n, "folders"),
        n.get("listMail").asBoolean(false));
  }

  private static List<Email.Attachment> attachments(MapAccessor n) {
    List<String> names = strings(n, "attachmentNames");
    List<String> types = strings(n, "attachmentTypes");
    List<Object> sizes = n.get("attachmentSizes").isNull() ? List.of() : n.get("attachmentSizes").asList();
    List<Email.Attachment> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      out.add(new Email.Attachment(names.get(i), i < types.size() ? types.get(i) : "application/octet-stream",
          i < sizes.size() ? ((Number) sizes.get(i)).longValue() : 0));
    }
    return out;
  }

  static Call call(MapAccessor n) {
    return new Call(
        req(n, "id"),
        n.get("title").asString("Call"),
        time(n, "occurredAt"),
        n.get("durationSeconds").asInt(0),
        Direction.valueOf(n.get("direction").asString(Direction.OUTBOUND.name())),
        str(n, "owner"),
        str(n, "transcript"),
        strings(n, "speakers"),
        n.get("startKnown").asBoolean(true));
  }

  static Ticket ticket(MapAccessor n) {
    return new Ticket(
        req(n, "id"),
        n.get("subject").asString(""),
        str(n, "description"),
        TicketStatus.valueOf(n.get("status").asString(TicketStatus.OPEN.name())),
        TicketPriority.valueOf(n.get("priority").asString(TicketPriority.NORMAL.name())),
        time(n, "occurredAt"),
        optTime(n, "updatedAt"),
        optTime(n, "solvedAt"),
        strings(n, "comments"),
        statusHistory(n));
  }

  private static List<Ticket.StatusChange> statusHistory(MapAccessor n) {
    List<String> names = strings(n, "statusNames");
    List<Object> at = n.get("statusChangedAt").isNull() ? List.of() : n.get("statusChangedAt").asList();
    List<Ticket.StatusChange> out = new ArrayList<>();
    for (int i = 0; i < Math.min(names.size(), at.size()); i++) {
      out.add(new Ticket.StatusChange(TicketStatus.valueOf(names.get(i)), toOffset(at.get(i))));
    }
    return out;
  }

  static Invoice invoice(MapAccessor n, OffsetDateTime now) {
    OffsetDateTime due = time(n, "dueAt");
    OffsetDateTime paid = optTime(n, "paidAt");
    InvoiceStatus stored = InvoiceStatus.valueOf(n.get("status").asString(InvoiceStatus.OPEN.name()));
    InvoiceStatus status =
        paid != null
            ? InvoiceStatus.PAID
            : stored == InvoiceStatus.DISPUTED ? InvoiceStatus.DISPUTED : due.isBefore(now) ? InvoiceStatus.OVERDUE : InvoiceStatus.OPEN;
    return new Invoice(
        req(n, "id"),
        n.get("number").asString(""),
        n.get("amount").asDouble(0),
        n.get("currency").asString("USD"),
        time(n, "occurredAt"),
        due,
        paid,
        status,
        n.get("type").asString("INVOICE"),
        str(n, "seller"),
        n.get("taxAmount").isNull() ? null : n.get("taxAmount").asDouble());
  }

  static Activity activity(MapAccessor n) {
    return new Activity(
        req(n, "id"),
        ActivityType.valueOf(req(n, "type")),
        time(n, "occurredAt"),
        str(n, "url"),
        str(n, "campaign"),
        str(n, "content"));
  }

  static Competitor competitor(MapAccessor n) {
    List<String> aliases =
        n.get("aliases").isNull() ? List.of() : n.get("aliases").asList(Value::asString);
    return new Competitor(req(n, "id"), req(n, "name"), aliases);
  }

  static SourceRecord sourceRecord(MapAccessor n) {
    return new SourceRecord(
        req(n, "id"), n.get("source").asString(""), n.get("sourceId").asString(""), n.get("contentHash").asString(""),
        time(n, "ingestedAt"), str(n, "kind"), str(n, "position"), n.get("status").asString("INGESTED"), str(n, "reason"));
  }

  static String req(MapAccessor n, String key) {
    Value v = n.get(key);
    if (v.isNull()) {
      throw new IllegalStateException("Node is missing required property " + key);
    }
    return v.asString();
  }

  static @Nullable String str(MapAccessor n, String key) {
    Value v = n.get(key);
    return v.isNull() ? null : v.asString();
  }

  static OffsetDateTime time(MapAccessor n, String key) {
    OffsetDateTime t = optTime(n, key);
    return t == null ? OffsetDateTime.ofInstant(java.time.Instant.EPOCH, ZoneOffset.UTC) : t;
  }

  static @Nullable OffsetDateTime optTime(MapAccessor n, String key) {
    Value v = n.get(key);
    return v.isNull() ? null : v.asZonedDateTime().toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static OffsetDateTime toOffset(Object o) {
    if (o instanceof java.time.ZonedDateTime z) {
      return z.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }
    if (o instanceof OffsetDateTime t) {
      return t.withOffsetSameInstant(ZoneOffset.UTC);
    }
    throw new IllegalStateException("Not a date-time: " + o);
  }
}
