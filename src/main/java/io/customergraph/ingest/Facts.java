package io.customergraph.ingest;

import io.customergraph.graph.Values.ActivityType;
import io.customergraph.graph.Values.DealStage;
import io.customergraph.graph.Values.Direction;
import io.customergraph.graph.Values.TicketPriority;
import io.customergraph.graph.Values.TicketStatus;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a parsed record says, in the graph's terms; the writer turns facts into nodes and relationships. */
public final class Facts {
  private Facts() {}

  /** Anything a record can state. */
  public sealed interface Fact
      permits Email, Call, Ticket, Invoice, Payment, AccountRecord, ContactRecord, Deal, Activity, Rep, Product, Outcome {}

  /**
   * A person as a record names them. Names and companies are kept as written; matching uses normalised forms.
   *
   * @param email normalised (trimmed, lower case)
   * @param phone E.164 when it could be read, else as written
   */
  public record Person(
      @Nullable String name, @Nullable String email, @Nullable String phone, @Nullable String title, @Nullable Company company) {
    public Person {
      name = blankToNull(name);
      email = blankToNull(email);
      phone = blankToNull(phone);
      title = blankToNull(title);
    }

    /** Whether there is enough to identify anybody. */
    public boolean identifiable() {
      return email != null || name != null;
    }

    public static Person ofEmail(@Nullable String name, String email) {
      return new Person(name, email, null, null, null);
    }
  }

  /**
   * A company as a record names it; any of the four identifies it.
   *
   * @param externalId the id the customer's own system gives the account (an account export's id column, or the row's
   *     place in its file with {@code --map id=@row}); exact, never compared fuzzily
   */
  public record Company(@Nullable String name, @Nullable String domain, @Nullable String vatId, @Nullable String externalId) {
    public Company {
      name = blankToNull(name);
      domain = blankToNull(domain);
      vatId = blankToNull(vatId);
      externalId = blankToNull(externalId);
    }

    public Company(@Nullable String name, @Nullable String domain, @Nullable String vatId) {
      this(name, domain, vatId, null);
    }

    public boolean identifiable() {
      return name != null || domain != null || vatId != null || externalId != null;
    }
  }

  /** An attachment, noted but not stored. */
  public record Attachment(String name, String contentType, long size) {}

  /** An email. */
  public record Email(
      String messageId,
      String subject,
      String body,
      @Nullable String quoted,
      @Nullable String signature,
      OffsetDateTime sentAt,
      Person from,
      List<Person> to,
      List<Person> cc,
      List<Person> replyTo,
      @Nullable String inReplyTo,
      List<String> references,
      String threadKey,
      boolean reply,
      List<Attachment> attachments,
      @Nullable String folder,
      boolean listMail)
      implements Fact {

    /** As read from a mail file whose headers do not mark it as list mail. */
    public Email(String messageId, String subject, String body, @Nullable String quoted, @Nullable String signature, OffsetDateTime sentAt, Person from,
        List<Person> to, List<Person> cc, List<Person> replyTo, @Nullable String inReplyTo, List<String> references, String threadKey, boolean reply,
        List<Attachment> attachments, @Nullable String folder) {
      this(messageId, subject, body, quoted, signature, sentAt, from, to, cc, replyTo, inReplyTo, references, threadKey, reply, attachments, folder, false);
    }
  }

  /** One speaker turn of a call. */
  public record Turn(@Nullable String speaker, double startSeconds, double endSeconds, String text) {}

  /** A call with its transcript. */
  public record Call(
      String key,
      String title,
      OffsetDateTime startedAt,
      int durationSeconds,
      Direction direction,
      List<Person> participants,
      List<Turn> turns)
      implements Fact {}

  /** A help-desk ticket in its current state. */
  public record Ticket(
      String key,
      String subject,
      @Nullable String description,
      TicketStatus status,
      TicketPriority priority,
      OffsetDateTime createdAt,
      @Nullable OffsetDateTime updatedAt,
      @Nullable OffsetDateTime solvedAt,
      Person requester,
      List<String> comments)
      implements Fact {}

  /** An invoice or credit note. */
  public record Invoice(
      String number,
      boolean creditNote,
      Company seller,
      Company buyer,
      @Nullable Person buyerContact,
      double amount,
      @Nullable Double taxAmount,
      String currency,
      OffsetDateTime issuedAt,
      OffsetDateTime dueAt,
      int lines,
      @Nullable OffsetDateTime paidAt)
      implements Fact {}

  /** A payment against an invoice. */
  public record Payment(String invoiceNumber, @Nullable String seller, OffsetDateTime paidAt, @Nullable Double amount)
      implements Fact {}

  /** An account from a CRM export. */
  public record AccountRecord(
      Company company, @Nullable String industry, @Nullable Integer employees, @Nullable String country,
      @Nullable String owner, @Nullable String parent, @Nullable Integer founded, @Nullable Double revenue,
      OwnValues fields)
      implements Fact {}

  /** A contact from a CRM export, with the columns no parser read as its own fields ({@code field_…} → value). */
  public record ContactRecord(Person person, OwnValues fields) implements Fact {}

  /**
   * A record's own fields ({@code field_…} → value; "" for a blank column: known to be empty) and the time they hold
   * from when the file says (null: the import's time; a field's first value is then undated — see
   * {@link io.customergraph.graph.FieldHistory}).
   */
  public record OwnValues(java.util.Map<String, String> values, java.time.@Nullable Instant asOf) {}

  /**
   * What happened to a scored entity, from an outcome file.
   *
   * @param scoreKind the score the outcome teaches (CHURN_RISK, LEAD_PRIORITY, DEAL_WIN)
   * @param ref the entity: our id, or the id the customer's system gave it (an account's or deal's external id, a
   *     contact's email address)
   * @param at when it was known; null: when it was imported
   */
  public record Outcome(String scoreKind, String ref, boolean positive, @Nullable OffsetDateTime at) implements Fact {}

  /** A deal from a CRM export. */
  public record Deal(
      String key,
      String name,
      @Nullable Company account,
      DealStage stage,
      @Nullable Double amount,
      String currency,
      @Nullable String owner,
      @Nullable String team,
      @Nullable String product,
      OffsetDateTime openedAt,
      @Nullable LocalDate closeDate,
      OwnValues fields)
      implements Fact {}

  /** One of our sales agents, with their manager and regional office (team). */
  public record Rep(String name, @Nullable String manager, @Nullable String team) implements Fact {}

  /** A product we sell. */
  public record Product(String name, @Nullable String series, @Nullable Double listPrice) implements Fact {}

  /** A behavioural event by a known contact or an anonymous visitor. */
  public record Activity(
      ActivityType type,
      OffsetDateTime occurredAt,
      @Nullable Person contact,
      @Nullable String anonymousId,
      @Nullable String url,
      @Nullable String campaign,
      @Nullable String content)
      implements Fact {}

  static @Nullable String blankToNull(@Nullable String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }
}
