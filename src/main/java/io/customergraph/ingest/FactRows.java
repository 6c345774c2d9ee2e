package io.customergraph.ingest;

import io.customergraph.graph.Ids;
import io.customergraph.graph.NodeKind;
import io.customergraph.graph.Values.DealStage;
import io.customergraph.graph.Values.Direction;
import io.customergraph.ingest.Facts.Company;
import io.customergraph.ingest.Facts.Fact;
import io.customergraph.ingest.Facts.Person;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Turns facts and matching decisions into the parameter rows of the named queries in {@code cypher/ingest/}. */
final class FactRows {

  private final IngestProperties properties;

  FactRows(IngestProperties properties) {
    this.properties = properties;
  }

  /** People and companies named by a batch's facts, in order of first mention. */
  record Named(Set<Person> people, Set<Company> companies) {}

  /** A node a record produced. */
  record Link(String label, String id) {}

  /**
   * Everything to write for one batch.
   *
   * @param statements named query (under {@code cypher/ingest/}) → its rows
   * @param produced source key → nodes the record produced
   * @param resolved source key → contacts and accounts its people and companies were matched to
   * @param subjectThreads subject-based thread keys whose reply links must be recomputed
   */
  record Batch(
      List<Map<String, Object>> accounts,
      List<Map<String, Object>> contacts,
      Map<String, List<Map<String, Object>>> statements,
      Map<String, List<Link>> produced,
      Map<String, Set<String>> resolved,
      Set<String> subjectThreads) {}

  Named named(List<Fact> facts) {
    Set<Person> people = new LinkedHashSet<>();
    Set<Company> companies = new LinkedHashSet<>();
    for (Fact f : facts) {
      for (Person p : peopleOf(f)) {
        if (p.identifiable()) {
          people.add(p);
          if (p.company() != null && p.company().identifiable()) {
            companies.add(p.company());
          }
        }
      }
      for (Company c : companiesOf(f)) {
        if (c.identifiable()) {
          companies.add(c);
        }
      }
    }
    return new Named(people, companies);
  }

  private static List<Person> peopleOf(Fact f) {
    return switch (f) {
      case Facts.Email e -> concat(List.of(e.from()), e.to(), e.cc(), e.replyTo());
      case Facts.Call c -> c.participants();
      case Facts.Ticket t -> List.of(t.requester());
      case Facts.Invoice i -> i.buyerContact() == null ? List.of() : List.of(i.buyerContact());
      case Facts.ContactRecord c -> List.of(c.person());
      case Facts.Activity a -> a.contact() == null ? List.of() : List.of(a.contact());
      case Facts.Payment p -> List.of();
      case Facts.AccountRecord a -> List.of();
      case Facts.Deal d -> List.of();
      case Facts.Rep r -> List.of();
      case Facts.Product p -> List.of();
      case Facts.Outcome o -> List.of();
    };
  }

  private static List<Company> companiesOf(Fact f) {
    return switch (f) {
      case Facts.Invoice i -> List.of(i.buyer());
      case Facts.AccountRecord a -> List.of(a.company());
      case Facts.Deal d -> d.account() == null ? List.of() : List.of(d.account());
      default -> List.of();
    };
  }

  @SafeVarargs
  private static List<Person> concat(List<Person>... lists) {
    List<Person> out = new ArrayList<>();
    for (List<Person> l : lists) {
      out.addAll(l);
    }
    return out;
  }

  Batch batch(List<Fact> facts, EntityMatcher.Matches m, List<Fact> order, Function<Fact, String> keyOf) {
    Map<String, Map<String, Object>> accounts = new LinkedHashMap<>();
    m.accounts().forEach((company, id) -> {
      Map<String, Object> row = accounts.computeIfAbsent(id, x -> {
        Map<String, Object> r = new HashMap<>();
        r.put("id", x);
        return r;
      });
      String name = company.name() != null ? company.name() : company.domain() != null ? Normalize.nameFromDomain(company.domain())
          : company.vatId() != null ? company.vatId() : company.externalId();
      if (row.get("name") == null || ("domain".equals(row.get("nameSource")) && company.name() != null)) {
        row.put("name", name);
        row.put("nameSort", Ids.normalize(name == null ? "" : name));
        // A name made up from an id is shown, never compared as a name by resolution.
        row.put("nameSource", company.name() != null ? "record" : company.domain() != null || company.vatId() != null ? "domain" : "id");
      }
      row.putIfAbsent("domain", company.domain());
      row.putIfAbsent("vatId", company.vatId());
      row.putIfAbsent("externalId", company.externalId());
    });

    Map<String, Map<String, Object>> contacts = new LinkedHashMap<>();
    m.contacts().forEach((person, id) -> {
      Map<String, Object> row = contacts.computeIfAbsent(id, x -> {
        Map<String, Object> r = new HashMap<>();
        r.put("id", x);
        r.put("emails", new ArrayList<String>());
        r.put("nameVariants", new ArrayList<String>());
        return r;
      });
      if (person.name() != null && row.get("name") == null) {
        row.put("name", person.name());
        row.put("nameSort", Ids.normalize(person.name()));
        row.put("nameKey", nameKey(person));
      }
      addOnce(row, "emails", person.email());
      addOnce(row, "nameVariants", person.name());
      row.putIfAbsent("email", person.email());
      if (row.get("phone") == null) {
        row.put("phone", person.phone() == null ? null : phone(person.phone()));
      }
      if (row.get("title") == null) {
        row.put("title", person.title());
      }
      if (row.get("accountId") == null && person.company() != null) {
        row.put("accountId", m.accounts().get(person.company()));
      }
    });
    contacts.values().forEach(row -> {
      if (row.get("name") == null) {
        String fallback = row.get("email") != null ? (String) row.get("email") : "Unknown";
        row.put("name", fallback);
        row.put("nameSort", Ids.normalize(fallback));
      }
    });

    Map<String, List<Map<String, Object>>> statements = new LinkedHashMap<>();
    for (String name : List.of("reps", "products", "emails", "calls", "tickets", "invoices", "payments", "account-records", "deals", "activities", "fields", "outcomes")) {
      statements.put(name, new ArrayList<>());
    }
    Map<String, List<Link>> produced = new LinkedHashMap<>();
    Map<String, Set<String>> resolved = new LinkedHashMap<>();
    Set<String> threads = new LinkedHashSet<>();
    for (Fact f : order) {
      String key = keyOf.apply(f);
      List<Link> links = produced.computeIfAbsent(key, k -> new ArrayList<>());
      Set<String> res = resolved.computeIfAbsent(key, k -> new LinkedHashSet<>());
      for (Person p : peopleOf(f)) {
        String id = m.contacts().get(p);
        if (id != null) {
          res.add(id);
        }
      }
      // Companies the record names itself (an invoice's buyer, a deal's account); a company known only from an
      // email domain is already expressed by the contact's WORKS_AT.
      for (Company c : companiesOf(f)) {
        String id = m.accounts().get(c);
        if (id != null) {
          res.add(id);
        }
      }
      switch (f) {
        case Facts.Email e -> {
          Map<String, Object> row = email(e, m);
          statements.get("emails").add(row);
          links.add(new Link("Email", (String) row.get("id")));
          if (e.threadKey().startsWith("subject:")) {
            threads.add(e.threadKey());
          }
        }
        case Facts.Call c -> {
          Map<String, Object> row = call(c, m);
          statements.get("calls").add(row);
          links.add(new Link("Call", (String) row.get("id")));
        }
        case Facts.Ticket t -> {
          Map<String, Object> row = ticket(t, m);
          statements.get("tickets").add(row);
          links.add(new Link("Ticket", (String) row.get("id")));
        }
        case Facts.Invoice i -> {
          Map<String, Object> row = invoice(i, m);
          statements.get("invoices").add(row);
          links.add(new Link("Invoice", (String) row.get("id")));
        }
        case Facts.Payment p -> {
          Map<String, Object> row = new HashMap<>();
          row.put("number", p.invoiceNumber());
          row.put("sellerKey", p.seller() == null ? null : Normalize.companyKey(p.seller()));
          row.put("paidAt", utc(p.paidAt()));
          row.put("amount", p.amount());
          statements.get("payments").add(row);
        }
        case Facts.AccountRecord a -> {
          String id = m.accounts().get(a.company());
          Map<String, Object> row = new HashMap<>();
          row.put("id", id);
          row.put("industry", a.industry());
          row.put("employees", a.employees());
          row.put("country", a.country());
          row.put("owner", a.owner());
          row.put("parent", a.parent());
          row.put("founded", a.founded());
          row.put("revenue", a.revenue());
          statements.get("account-records").add(row);
          links.add(new Link("Account", id));
          fields(statements, "Account", id, a.fields());
        }
        case Facts.ContactRecord c -> {
          String id = m.contacts().get(c.person());
          if (id != null) {
            links.add(new Link("Contact", id));
            fields(statements, "Contact", id, c.fields());
          }
        }
        case Facts.Deal d -> {
          Map<String, Object> row = deal(d, m);
          statements.get("deals").add(row);
          links.add(new Link("Deal", (String) row.get("id")));
          fields(statements, "Deal", (String) row.get("id"), d.fields());
        }
        case Facts.Outcome o -> {
          Map<String, Object> row = new HashMap<>();
          row.put("kind", o.scoreKind());
          row.put("ref", o.ref());
          row.put("positive", o.positive());
          row.put("at", o.at() == null ? null : utc(o.at()));
          statements.get("outcomes").add(row);
        }
        case Facts.Rep r -> {
          Map<String, Object> row = new HashMap<>();
          row.put("id", Ids.of(NodeKind.REP, Normalize.personKey(r.name())));
          row.put("name", r.name());
          row.put("nameKey", Normalize.personKey(r.name()));
          row.put("manager", r.manager());
          row.put("team", r.team());
          statements.get("reps").add(row);
          links.add(new Link("Rep", (String) row.get("id")));
        }
        case Facts.Product p -> {
          Map<String, Object> row = new HashMap<>();
          row.put("id", Ids.of(NodeKind.PRODUCT, Normalize.productKey(p.name())));
          row.put("name", p.name());
          row.put("key", Normalize.productKey(p.name()));
          row.put("series", p.series());
          row.put("listPrice", p.listPrice());
          statements.get("products").add(row);
          links.add(new Link("Product", (String) row.get("id")));
        }
        case Facts.Activity a -> {
          Map<String, Object> row = activity(a, m);
          statements.get("activities").add(row);
          links.add(new Link("Activity", (String) row.get("id")));
        }
      }
    }
    // Most mentions of known people and companies add nothing: those rows are not sent at all.
    accounts.values().removeIf(row -> m.stored().containsKey((String) row.get("id")) && addsNothingToAccount(row, m.stored().get((String) row.get("id"))));
    contacts.values().removeIf(row -> m.stored().containsKey((String) row.get("id")) && addsNothingToContact(row, m.stored().get((String) row.get("id"))));
    return new Batch(List.copyOf(accounts.values()), List.copyOf(contacts.values()), statements, produced, resolved, threads);
  }

  /**
   * Whether contacts.cypher would leave this stored contact as it is: no new address or name variant, no better
   * name, no phone, title or name key where there was none, and no employer to link where there was none. The
   * statement checks the same again, so this only decides what need not be sent.
   */
  static boolean addsNothingToContact(Map<String, Object> row, Map<String, Object> stored) {
    List<?> emails = stored.get("emails") instanceof List<?> l ? l : List.of();
    List<?> names = stored.get("nameVariants") instanceof List<?> l ? l : List.of();
    Object name = stored.get("name");
    Object email = stored.get("email");
    boolean better = (name == null || name.equals(email)) && row.get("email") != null && !row.get("name").equals(row.get("email"));
    return emails.containsAll((List<?>) row.get("emails"))
        && names.containsAll((List<?>) row.get("nameVariants"))
        && !better
        && !(stored.get("phone") == null && row.get("phone") != null)
        && !(stored.get("title") == null && row.get("title") != null)
        && !(stored.get("nameKey") == null && row.get("nameKey") != null)
        && !(row.get("accountId") != null && !Boolean.TRUE.equals(stored.get("employed")));
  }

  /** Whether accounts.cypher would leave this stored account as it is (no better name, no new domain or VAT id). */
  static boolean addsNothingToAccount(Map<String, Object> row, Map<String, Object> stored) {
    boolean better = "domain".equals(stored.get("nameSource")) && "record".equals(row.get("nameSource"));
    return !better
        && !(stored.get("domain") == null && row.get("domain") != null)
        && !(stored.get("vatId") == null && row.get("vatId") != null);
  }

  private @Nullable String nameKey(Person p) {
    String key = Normalize.personKey(p.name());
    String domain = p.email() != null ? Normalize.companyDomain(p.email()) : null;
    return key == null || domain == null ? key : key + "@" + domain;
  }

  private String phone(String raw) {
    String e164 = Normalize.phone(raw, properties.phoneRegion());
    return e164 != null ? e164 : raw;
  }

  @SuppressWarnings("unchecked")
  private static void addOnce(Map<String, Object> row, String field, @Nullable String value) {
    List<String> list = (List<String>) row.get(field);
    if (value != null && !list.contains(value)) {
      list.add(value);
    }
  }

  private Map<String, Object> email(Facts.Email e, EntityMatcher.Matches m) {
    Map<String, Object> props = new HashMap<>();
    props.put("messageId", e.messageId());
    props.put("subject", e.subject());
    props.put("body", e.body());
    props.put("quoted", e.quoted());
    props.put("signature", e.signature());
    props.put("occurredAt", utc(e.sentAt()));
    props.put("direction", outbound(e) ? Direction.OUTBOUND.name() : Direction.INBOUND.name());
    props.put("threadKey", e.threadKey());
    props.put("isReply", e.reply());
    props.put("listMail", e.listMail() ? Boolean.TRUE : null);
    // Lists only when there is something in them: most emails have no attachments, and every property costs.
    props.put("attachmentNames", e.attachments().isEmpty() ? null : e.attachments().stream().map(Facts.Attachment::name).toList());
    props.put("attachmentTypes", e.attachments().isEmpty() ? null : e.attachments().stream().map(Facts.Attachment::contentType).toList());
    props.put("attachmentSizes", e.attachments().isEmpty() ? null : e.attachments().stream().map(Facts.Attachment::size).toList());
    props.put("replyTo", e.replyTo().isEmpty() ? null : e.replyTo().stream().map(Person::email).toList());
    props.put("placeholder", null);
    Map<String, Object> row = new HashMap<>();
    row.put("id", emailId(e.messageId()));
    row.put("props", props);
    row.put("folder", e.folder());
    row.put("fromId", m.contacts().get(e.from()));
    row.put("toIds", ids(e.to(), m));
    row.put("ccIds", ids(e.cc(), m));
    row.put("inReplyTo", e.inReplyTo());
    row.put("parentId", e.inReplyTo() == null ? null : emailId(e.inReplyTo()));
    return row;
  }

  /** Whether we sent it: the sender's domain is one of ours. */
  boolean outbound(Facts.Email e) {
    String senderDomain = Normalize.domainOf(e.from().email());
    return senderDomain != null && properties.internal(senderDomain);
  }

  static String emailId(String messageId) {
    return Ids.of(NodeKind.EMAIL, "msgid:" + messageId);
  }

  /** A call's turns as one text, "speaker: words" per line. */
  static String transcript(Facts.Call c) {
    return c.turns().stream().map(t -> (t.speaker() == null ? "" : t.speaker() + ": ") + t.text()).collect(Collectors.joining("\n"));
  }

  private Map<String, Object> call(Facts.Call c, EntityMatcher.Matches m) {
    Map<String, Object> props = new HashMap<>();
    props.put("title", c.title());
    props.put("occurredAt", utc(c.startedAt()));
    props.put("durationSeconds", c.durationSeconds());
    props.put("direction", c.direction().name());
    props.put("transcript", transcript(c));
    props.put("turns", c.turns().size());
    // Calls whose metadata gave no start are placed at the epoch; this says so instead of pretending.
    props.put("startKnown", !c.startedAt().toInstant().equals(java.time.Instant.EPOCH));
    props.put("speakers", c.turns().stream().map(Facts.Turn::speaker).filter(java.util.Objects::nonNull).distinct().toList());
    Map<String, Object> row = new HashMap<>();
    row.put("id", Ids.of(NodeKind.CALL, c.key()));
    row.put("props", props);
    row.put("participantIds", ids(c.participants(), m));
    return row;
  }

  private Map<String, Object> ticket(Facts.Ticket t, EntityMatcher.Matches m) {
    Map<String, Object> props = new HashMap<>();
    props.put("externalKey", t.key());
    props.put("subject", t.subject());
    props.put("description", t.description());
    props.put("priority", t.priority().name());
    props.put("occurredAt", utc(t.createdAt()));
    props.put("updatedAt", t.updatedAt() == null ? null : utc(t.updatedAt()));
    props.put("solvedAt", t.solvedAt() == null ? null : utc(t.solvedAt()));
    props.put("comments", t.comments());
    Map<String, Object> row = new HashMap<>();
    row.put("id", Ids.of(NodeKind.TICKET, t.key()));
    row.put("props", props);
    row.put("status", t.status().name());
    row.put("statusAt", utc(t.updatedAt() != null ? t.updatedAt() : t.createdAt()));
    String requester = m.contacts().get(t.requester());
    row.put("requesterId", requester);
    row.put("accountId", t.requester().company() == null ? null : m.accounts().get(t.requester().company()));
    return row;
  }

  private Map<String, Object> invoice(Facts.Invoice i, EntityMatcher.Matches m) {
    String sellerKey = Normalize.companyKey(i.seller().name() != null ? i.seller().name() : i.seller().vatId());
    Map<String, Object> props = new HashMap<>();
    props.put("number", i.number());
    props.put("type", i.creditNote() ? "CREDIT_NOTE" : "INVOICE");
    props.put("amount", i.amount());
    props.put("taxAmount", i.taxAmount());
    props.put("currency", i.currency());
    props.put("occurredAt", utc(i.issuedAt()));
    props.put("dueAt", utc(i.dueAt()));
    props.put("seller", i.seller().name());
    props.put("sellerVatId", i.seller().vatId());
    props.put("sellerKey", sellerKey);
    props.put("lines", i.lines());
    Map<String, Object> row = new HashMap<>();
    row.put("id", Ids.of(NodeKind.INVOICE, (i.creditNote() ? "creditnote:" : "invoice:") + i.number(), "seller:" + sellerKey));
    row.put("props", props);
    row.put("paidAt", i.paidAt() == null ? null : utc(i.paidAt()));
    row.put("accountId", m.accounts().get(i.buyer()));
    row.put("contactId", i.buyerContact() == null ? null : m.contacts().get(i.buyerContact()));
    return row;
  }

  /** A record's own fields (columns no parser read), written onto its node as {@code field_…} properties. */
  private static void fields(Map<String, List<Map<String, Object>>> statements, String label, String id, Facts.OwnValues fields) {
    if (!fields.values().isEmpty()) {
      Map<String, Object> row = new HashMap<>();
      row.put("label", label);
      row.put("id", id);
      row.put("fields", fields.values());
      row.put("asOf", fields.asOf());
      statements.get("fields").add(row);
    }
  }

  private Map<String, Object> deal(Facts.Deal d, EntityMatcher.Matches m) {
    Map<String, Object> props = new HashMap<>();
    props.put("name", d.name());
    props.put("nameSort", Ids.normalize(d.name()));
    props.put("amount", d.amount());
    props.put("currency", d.currency());
    props.put("owner", d.owner());
    props.put("team", d.team());
    props.put("product", d.product());
    props.put("occurredAt", utc(d.openedAt()));
    props.put("closeDate", d.closeDate());
    boolean closed = d.stage() == DealStage.WON || d.stage() == DealStage.LOST;
    props.put("closedAt", closed && d.closeDate() != null ? d.closeDate().atStartOfDay(ZoneOffset.UTC) : null);
    Map<String, Object> row = new HashMap<>();
    row.put("id", Ids.of(NodeKind.DEAL, d.key()));
    row.put("props", props);
    row.put("stage", d.stage().name());
    row.put("stageAt", closed && d.closeDate() != null ? d.closeDate().atStartOfDay(ZoneOffset.UTC) : utc(d.openedAt()));
    row.put("openedAt", utc(d.openedAt()));
    row.put("accountId", d.account() == null ? null : m.accounts().get(d.account()));
    row.put("ownerKey", d.owner() == null ? null : Normalize.personKey(d.owner()));
    row.put("productKey", d.product() == null ? null : Normalize.productKey(d.product()));
    props.put("openedKnown", !d.openedAt().toInstant().equals(java.time.Instant.EPOCH));
    props.put("externalId", d.key().startsWith("id:") ? d.key().substring(3) : null);
    return row;
  }

  private Map<String, Object> activity(Facts.Activity a, EntityMatcher.Matches m) {
    String contactId = a.contact() == null ? null : m.contacts().get(a.contact());
    String who = contactId != null ? contactId : "anon:" + a.anonymousId();
    Map<String, Object> props = new HashMap<>();
    props.put("type", a.type().name());
    props.put("occurredAt", utc(a.occurredAt()));
    props.put("url", a.url());
    props.put("campaign", a.campaign());
    props.put("content", a.content());
    props.put("anonymousId", a.anonymousId());
    Map<String, Object> row = new HashMap<>();
    row.put("id", Ids.of(NodeKind.ACTIVITY, who, a.type().name(), a.occurredAt().toInstant().toString(), String.valueOf(a.url()), String.valueOf(a.campaign()), String.valueOf(a.content())));
    row.put("props", props);
    row.put("contactId", contactId);
    row.put("anonymousId", a.anonymousId());
    return row;
  }

  private static List<String> ids(List<Person> people, EntityMatcher.Matches m) {
    return people.stream().map(m.contacts()::get).filter(java.util.Objects::nonNull).distinct().toList();
  }

  private static ZonedDateTime utc(java.time.OffsetDateTime t) {
    return t.atZoneSameInstant(ZoneOffset.UTC);
  }
}
