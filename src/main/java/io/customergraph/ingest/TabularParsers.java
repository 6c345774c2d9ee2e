package io.customergraph.ingest;

import io.customergraph.graph.Ids;
import io.customergraph.graph.Values.ActivityType;
import io.customergraph.graph.Values.DealStage;
import io.customergraph.graph.Values.TicketPriority;
import io.customergraph.graph.Values.TicketStatus;
import io.customergraph.ingest.Facts.Company;
import io.customergraph.ingest.Facts.Person;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Parsers of the record kinds that arrive as CSV rows or JSON objects: tickets, payments, CRM records, events. */
final class TabularParsers {

  private final IngestProperties properties;

  TabularParsers(IngestProperties properties) {
    this.properties = properties;
  }

  private ParseResult guarded(RawRecord raw, Function<Row, ParseResult> parse) {
    try {
      return parse.apply(Row.of(raw));
    } catch (Row.Unreadable e) {
      return ParseResult.failed(e.getMessage());
    }
  }

  ParseResult ticket(RawRecord raw) {
    return guarded(raw, r -> {
      String id = r.require("ticket id", "id", "ticket_id", "ticket", "number");
      String email = Normalize.email(r.get("requester_email", "email", "requester.email"));
      String name = r.get("requester_name", "requester", "name");
      if (email == null && name == null) {
        throw new Row.Unreadable("missing requester: give requester_email or requester_name");
      }
      String company = r.get("organization", "company", "account");
      Person requester = person(name, email, r.get("phone"), null, company);
      TicketStatus status = ticketStatus(r.get("status"));
      TicketPriority priority = priority(r.get("priority"));
      OffsetDateTime created = r.requireTime("created time", "created_at", "created", "opened_at");
      Facts.Ticket t = new Facts.Ticket(
          raw.source().replaceFirst("^ticket:", "").replaceFirst("\\.[a-z]+$", "") + ":" + id,
          r.require("subject", "subject", "title"),
          r.text("description", "body", "text"),
          status,
          priority,
          created,
          r.time("updated time", "updated_at", "updated"),
          r.time("solved time", "solved_at", "solved", "closed_at"),
          requester,
          r.list("comments"));
      return ParseResult.parsed("id:" + t.key(), t);
    });
  }

  ParseResult payment(RawRecord raw) {
    return guarded(raw, r -> {
      String number = r.require("invoice number", "invoice_number", "invoice", "number");
      String seller = r.get("seller", "supplier");
      OffsetDateTime paid = r.requireTime("payment time", "paid_at", "payment_date", "date");
      Facts.Payment p = new Facts.Payment(number, seller, paid, r.number("amount", "amount", "paid_amount"));
      return ParseResult.parsed("invoice:" + number + "|" + (seller == null ? "" : Normalize.companyKey(seller)) + "|" + paid.toInstant(), p);
    });
  }

  ParseResult account(RawRecord raw) {
    return guarded(raw, r -> {
      String name = r.get("name", "account", "company", "account_name");
      String domain = Normalize.domain(r.get("domain", "website", "url"));
      String vat = r.get("vat_id", "vat", "tax_id");
      String externalId = r.get("id", "account_id", "customer_id", "external_id");
      if (name == null && domain == null && vat == null && externalId == null) {
        throw new Row.Unreadable("missing account name, domain, VAT id or id (a file without any: --map id=@row keys each row by its place)");
      }
      Company company = new Company(name, domain, vat, externalId);
      Facts.AccountRecord a = new Facts.AccountRecord(
          company,
          r.get("industry", "sector"),
          r.integer("employees", "employees", "employee_count"),
          r.get("country", "office_location"),
          r.get("owner", "account_owner"),
          r.get("parent", "subsidiary_of"),
          r.integer("founding year", "founded", "year_established"),
          r.number("revenue", "revenue"),
          r.ownFields());
      String key = externalId != null ? "ext:" + externalId : domain != null ? "domain:" + domain : vat != null ? "vat:" + vat : "name:" + Normalize.companyKey(name);
      return ParseResult.parsed(key, a);
    });
  }

  ParseResult contact(RawRecord raw) {
    return guarded(raw, r -> {
      String name = r.get("name", "full_name");
      if (name == null && r.get("first_name") != null) {
        name = (r.get("first_name") + " " + (r.get("last_name") == null ? "" : r.get("last_name"))).strip();
      }
      String email = Normalize.email(r.get("email", "email_address"));
      if (email == null && name == null) {
        throw new Row.Unreadable("missing contact name and email");
      }
      Person p = person(name, email, r.get("phone", "phone_number"), r.get("title", "job_title"), r.get("company", "account"));
      String key = email != null ? "email:" + email : "name:" + Normalize.personKey(name) + "|" + r.get("company", "account");
      return ParseResult.parsed(key, new Facts.ContactRecord(p, r.ownFields()));
    });
  }

  ParseResult deal(RawRecord raw) {
    return guarded(raw, r -> {
      String id = r.get("id", "opportunity_id", "deal_id");
      String account = r.get("account", "company", "account_name");
      String product = r.get("product");
      DealStage stage = stage(r.require("stage", "stage", "deal_stage"));
      OffsetDateTime opened = r.time("opened time", "opened_at", "engage_date", "created_at", "created");
      java.time.LocalDate close = r.date("close date", "close_date", "closed_at", "expected_close");
      if (opened == null) {
        // A prospect not yet engaged has no date in most CRMs: placed at the epoch and flagged, never invented.
        opened = close != null ? close.atStartOfDay().atOffset(java.time.ZoneOffset.UTC) : OffsetDateTime.ofInstant(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC);
      }
      String key = id != null ? "id:" + id : "hash:" + raw.contentHash();
      String name = r.get("name", "deal_name", "title");
      if (name == null) {
        name = (account == null ? "Unassigned" : account) + " – " + (product == null ? (id == null ? "deal" : id) : product);
      }
      Facts.Deal d = new Facts.Deal(
          key, name, account == null ? null : new Company(account, Normalize.domain(r.get("domain")), null), stage,
          r.number("amount", "amount", "close_value", "value"),
          r.get("currency") == null ? "USD" : r.get("currency").toUpperCase(Locale.ROOT),
          r.get("owner", "sales_agent"), r.get("team", "regional_office"), product, opened, close, r.ownFields());
      return ParseResult.parsed(key, d);
    });
  }

  ParseResult activity(RawRecord raw) {
    return guarded(raw, r -> {
      ActivityType type = activityType(r.require("event type", "type", "event"));
      OffsetDateTime at = r.requireTime("timestamp", "timestamp", "occurred_at", "time");
      String email = Normalize.email(r.get("email", "contact_email"));
      String anonymous = r.get("anonymous_id", "anonymousid", "visitor_id");
      if (email == null && anonymous == null) {
        throw new Row.Unreadable("missing email or anonymous_id: nobody to attribute the event to");
      }
      Person contact = email == null ? null : person(r.get("name"), email, null, null, null);
      Facts.Activity a = new Facts.Activity(type, at, contact, anonymous, r.get("url", "page"), r.get("campaign"), r.get("content", "asset"));
      String who = email != null ? email : "anon:" + anonymous;
      return ParseResult.parsed(Ids.sha256(who + "|" + type + "|" + at.toInstant() + "|" + a.url() + "|" + a.campaign() + "|" + a.content()).substring(0, 32), a);
    });
  }

  /**
   * An outcome row: the entity ({@code id}), what happened ({@code outcome}: true/false, yes/no, 1/0, won/lost,
   * churned/renewed, converted) and optionally when ({@code at}); the score kind comes from the import's {@code --kind}
   * (a constant of the mapping) or a {@code kind} column.
   */
  ParseResult outcome(RawRecord raw) {
    return guarded(raw, r -> {
      String kind = r.require("score kind (import outcome … --kind churn-risk|lead-priority|deal-win)", "kind", "score_kind");
      String scoreKind = switch (Row.key(kind)) {
        case "churnrisk", "churn" -> "CHURN_RISK";
        case "leadpriority", "lead" -> "LEAD_PRIORITY";
        case "dealwin", "deal" -> "DEAL_WIN";
        default -> throw new Row.Unreadable("unknown score kind '" + kind + "'; expected churn-risk, lead-priority or deal-win");
      };
      String ref = r.require("entity id", "id", "entity_id", "account_id", "customer_id", "deal_id", "opportunity_id", "email", "account");
      String value = r.require("outcome", OutcomeValues.COLUMNS.toArray(String[]::new));
      boolean positive;
      try {
        positive = OutcomeValues.positive(value);
      } catch (IllegalArgumentException e) {
        throw new Row.Unreadable(e.getMessage());
      }
      OffsetDateTime at = r.pastTime("outcome time", "an outcome is what already happened", "at", "outcome_at", "date", "closed_at", "churned_at");
      return ParseResult.parsed(scoreKind + "|" + ref, new Facts.Outcome(scoreKind, ref, positive, at));
    });
  }

  ParseResult rep(RawRecord raw) {
    return guarded(raw, r -> {
      String name = r.require("sales agent name", "name", "sales_agent", "agent", "rep");
      return ParseResult.parsed("name:" + Normalize.personKey(name), new Facts.Rep(name, r.get("manager"), r.get("team", "regional_office", "office")));
    });
  }

  ParseResult product(RawRecord raw) {
    return guarded(raw, r -> {
      String name = r.require("product name", "name", "product");
      return ParseResult.parsed("name:" + Normalize.productKey(name), new Facts.Product(name, r.get("series"), r.number("list price", "sales_price", "price", "list_price")));
    });
  }

  private Person person(@Nullable String name, @Nullable String email, @Nullable String phone, @Nullable String title, @Nullable String company) {
    String domain = Normalize.companyDomain(email);
    Company c = domain != null || company != null ? new Company(company, domain, null) : null;
    return new Person(Normalize.displayName(name), email, phone == null ? null : or(Normalize.phone(phone, properties.phoneRegion()), phone), title, c);
  }

  private static String or(@Nullable String a, String b) {
    return a != null ? a : b;
  }

  private static final Map<String, DealStage> STAGES =
      Map.ofEntries(
          Map.entry("prospecting", DealStage.PROSPECTING), Map.entry("prospect", DealStage.PROSPECTING),
          Map.entry("engaging", DealStage.ENGAGING), Map.entry("qualified", DealStage.ENGAGING), Map.entry("discovery", DealStage.ENGAGING),
          Map.entry("proposal", DealStage.PROPOSAL), Map.entry("negotiation", DealStage.NEGOTIATION),
          Map.entry("won", DealStage.WON), Map.entry("closedwon", DealStage.WON),
          Map.entry("lost", DealStage.LOST), Map.entry("closedlost", DealStage.LOST));

  static DealStage stage(String v) {
    DealStage s = STAGES.get(Row.key(v));
    if (s == null) {
      throw new Row.Unreadable("unknown deal stage '" + v + "'; expected one of Prospecting, Engaging, Proposal, Negotiation, Won, Lost");
    }
    return s;
  }

  static TicketStatus ticketStatus(@Nullable String v) {
    if (v == null) {
      return TicketStatus.OPEN;
    }
    return switch (Row.key(v)) {
      case "new", "open", "reopened" -> TicketStatus.OPEN;
      case "pending", "onhold", "hold", "waiting" -> TicketStatus.PENDING;
      case "solved", "resolved" -> TicketStatus.SOLVED;
      case "closed" -> TicketStatus.CLOSED;
      default -> throw new Row.Unreadable("unknown ticket status '" + v + "'; expected new, open, pending, on-hold, solved or closed");
    };
  }

  static TicketPriority priority(@Nullable String v) {
    if (v == null) {
      return TicketPriority.NORMAL;
    }
    return switch (Row.key(v)) {
      case "low" -> TicketPriority.LOW;
      case "normal", "medium" -> TicketPriority.NORMAL;
      case "high" -> TicketPriority.HIGH;
      case "urgent", "critical" -> TicketPriority.URGENT;
      default -> throw new Row.Unreadable("unknown ticket priority '" + v + "'; expected low, normal, high or urgent");
    };
  }

  static ActivityType activityType(String v) {
    return switch (Row.key(v)) {
      case "emailopened", "open", "opened" -> ActivityType.EMAIL_OPENED;
      case "linkclicked", "click", "clicked" -> ActivityType.LINK_CLICKED;
      case "pageviewed", "pageview", "view" -> ActivityType.PAGE_VIEWED;
      case "contentdownloaded", "download", "downloaded" -> ActivityType.CONTENT_DOWNLOADED;
      case "formsubmitted", "formsubmit", "submit" -> ActivityType.FORM_SUBMITTED;
      default -> throw new Row.Unreadable("unknown event type '" + v + "'; expected email_opened, link_clicked, page_viewed, content_downloaded or form_submitted");
    };
  }
}
