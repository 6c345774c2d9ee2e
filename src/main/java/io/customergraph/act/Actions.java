package io.customergraph.act;

import io.customergraph.graph.Ids;
import io.customergraph.graph.NodeKind;
import io.customergraph.score.EvidencePath;
import io.customergraph.score.Score;
import io.customergraph.score.ScoreKind;
import io.customergraph.score.Scorer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;

/**
 * Next actions: suggested from an entity's score and its factors, held back by guardrails (with reasons), drafts
 * until a person approves, edits or rejects them, dispatched only once approved (through the ACTION_APPROVED
 * webhook), every change audited. One suggestion per kind, entity, person and target per UTC day, so asking twice
 * gives the same actions.
 */
@Service
public class Actions {

  /** Who acts, until authentication (issue #9) names the person. */
  public static final String ACTOR = "api";
  /** A person's rejection that says the score was too high becomes an override at this value (a negative label). */
  static final double REJECTED_SCORE = 0.25;

  private static final TypeReference<List<Action.Reason>> REASONS = new TypeReference<>() {};
  private static final TypeReference<List<Suppression>> SUPPRESSIONS = new TypeReference<>() {};

  /** A refused request. */
  public static final class Rejected extends io.customergraph.graph.Refused {
    private final List<Suppression> suppressions;

    Rejected(String code, String message, List<Suppression> suppressions) {
      super(code, message);
      this.suppressions = suppressions;
    }

    public List<Suppression> suppressions() {
      return suppressions;
    }
  }

  private final Neo4jClient client;
  private final Scorer scorer;
  private final Guardrails guardrails;
  private final Drafts drafts;
  private final Webhooks webhooks;
  private final ActProperties properties;
  private final Clock clock;

  private final io.micrometer.core.instrument.MeterRegistry meters;
  private final org.springframework.transaction.support.TransactionTemplate transactions;

  Actions(Neo4jClient client, Scorer scorer, Guardrails guardrails, Drafts drafts, Webhooks webhooks, ActProperties properties, Clock clock,
      io.micrometer.core.instrument.MeterRegistry meters, org.springframework.transaction.support.TransactionTemplate transactions) {
    this.meters = meters;
    this.transactions = transactions;
    this.client = client;
    // Every type, status and reason from the start, at zero, so dashboards show a line before the first action.
    for (Action.Type type : Action.Type.values()) {
      for (Action.Status status : Action.Status.values()) {
        meters.counter(io.customergraph.observe.Metrics.ACTIONS, "type", type.name(), "status", status.name());
      }
    }
    for (String reason : List.of("ACCOUNT_AT_RISK", "NO_CONSENT", "DO_NOT_CONTACT", "FREQUENCY_CAP")) {
      meters.counter(io.customergraph.observe.Metrics.ACTION_SUPPRESSIONS, "reason", reason);
    }
    this.scorer = scorer;
    this.guardrails = guardrails;
    this.drafts = drafts;
    this.webhooks = webhooks;
    this.properties = properties;
    this.clock = clock;
  }

  private record Candidate(Action.Type type, @Nullable String contactId, @Nullable String targetId, @Nullable String dealId,
      String title, List<Action.Reason> reasons) {}

  // ------------------------------------------------------------------ suggesting

  /** The next actions for a contact, deal or account: drafts, and suggestions a guardrail holds back (with why). */
  public List<Action> nextActions(String id) {
    NodeKind kind = NodeKind.ofId(id).orElseThrow(() -> new Rejected("NOT_FOUND", "No contact, deal or account has the id " + id, List.of()));
    ScoreKind scoreKind = ScoreKind.of(kind).orElseThrow(() ->
        new Rejected("WRONG_KIND", "Next actions are for contacts, deals and accounts; " + id + " is a " + kind.label(), List.of()));
    Instant now = clock.instant();
    Score score = scorer.score(scoreKind, id, now)
        .orElseThrow(() -> new Rejected("NOT_FOUND", "No %s has the id %s".formatted(kind.label(), id), List.of()));
    List<Action> out = new ArrayList<>();
    for (Candidate c : candidates(kind, id, score)) {
      out.add(suggest(id, c, now));
    }
    out.sort(Comparator.comparing((Action a) -> a.type().ordinal()).thenComparing(Action::id));
    return out;
  }

  private List<Candidate> candidates(NodeKind kind, String id, Score score) {
    List<Candidate> out = new ArrayList<>();
    List<Score.Factor> up = score.explanation().up();
    List<Score.Factor> down = score.explanation().down();
    boolean hot = score.band().equals("A") || score.band().equals("B");
    switch (kind) {
      case CONTACT -> {
        if (hot) {
          out.add(new Candidate(Action.Type.FOLLOW_UP_EMAIL, id, null, null, "Follow up: " + score.explanation().summary(), reasons(score, up, 3)));
          List<Score.Factor> intent = up.stream().filter(f -> f.feature().equals("meetingIntent") || f.feature().equals("pricingInterest")).toList();
          if (!intent.isEmpty()) {
            out.add(new Candidate(Action.Type.MEETING_SUGGESTION, id, null, null, "Suggest a meeting: they asked or looked at pricing",
                reasons(score, intent, 2)));
          }
        }
      }
      case DEAL -> {
        down.stream().filter(f -> f.feature().equals("championQuiet")).findFirst().ifPresent(f ->
            firstContact(f).ifPresent(champion -> out.add(new Candidate(Action.Type.RE_ENGAGE_CHAMPION, champion, null, id,
                "Re-engage the champion who went quiet", reasons(score, List.of(f), 1)))));
        double stage = Stream.concat(up.stream(), down.stream()).filter(f -> f.feature().equals("stageProgress")).mapToDouble(Score.Factor::value).findFirst().orElse(0);
        if (hot && stage >= 2) {
          up.stream().filter(f -> f.feature().equals("peopleEngaged") || f.feature().equals("buyingSignals")).findFirst()
              .flatMap(Actions::firstContact)
              .ifPresent(who -> out.add(new Candidate(Action.Type.MEETING_SUGGESTION, who, null, id, "Propose the next meeting on a deal that is moving",
                  reasons(score, up, 3))));
        }
      }
      case ACCOUNT -> {
        up.stream().filter(f -> f.feature().equals("openTickets")).findFirst().ifPresent(f -> f.evidence().stream()
            .map(EvidencePath::end)
            .filter(t -> t.label().equals("Ticket") && t.detail() != null && properties.riskPriorities().contains(t.detail()))
            .forEach(t -> out.add(new Candidate(Action.Type.ESCALATE_TICKET, null, t.id(), null,
                "Escalate ticket \"" + t.displayName() + "\" (" + t.detail().toLowerCase(java.util.Locale.ROOT) + ")", reasons(score, List.of(f), 1)))));
        up.stream().filter(f -> f.feature().equals("overdueInvoices")).findFirst().ifPresent(f -> f.evidence().stream().findFirst()
            .map(EvidencePath::end).ifPresent(inv -> billingContact(id, inv.id()).ifPresent(who ->
                out.add(new Candidate(Action.Type.CHASE_INVOICE, who, inv.id(), null, "Chase " + inv.displayName(), reasons(score, List.of(f), 1))))));
      }
      default -> { }
    }
    return out;
  }

  /**
   * The nodes an action without a draft rests on (an escalation, a chase listed no sources; issue #19.5): the entity,
   * the target and the person, then the evidence of its reasons, at most twenty.
   */
  private static List<String> factSources(String entityId, Candidate c) {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    out.add(entityId);
    if (c.targetId() != null) {
      out.add(c.targetId());
    }
    if (c.contactId() != null) {
      out.add(c.contactId());
    }
    for (Action.Reason r : c.reasons()) {
      r.evidence().forEach(path -> path.nodes().forEach(n -> out.add(n.id())));
    }
    return out.stream().limit(20).toList();
  }

  private static Optional<String> firstContact(Score.Factor f) {
    return f.evidence().stream().flatMap(p -> p.nodes().stream()).filter(n -> n.label().equals("Contact")).map(EvidencePath.Step::id).findFirst();
  }

  /**
   * Who pays: the invoice's billing contact (the first by id if it names several), else the account's first contact
   * with an email address, by id. Issue #19: the query mixed a grouping key with an aggregate in one expression
   * (Neo4j 42I18), so every account with an overdue invoice answered INTERNAL_ERROR and no CHASE_INVOICE was drafted.
   */
  private Optional<String> billingContact(String accountId, String invoiceId) {
    return client.query(
            """
            MATCH (a:Account {id: $account})
            CALL (a) {
              OPTIONAL MATCH (:Invoice {id: $invoice})-[:BILLED_TO]->(b:Contact)
              RETURN b.id AS billed ORDER BY billed LIMIT 1
            }
            CALL (a) {
              OPTIONAL MATCH (a)<-[:WORKS_AT]-(c:Contact) WHERE c.email IS NOT NULL
              RETURN c.id AS colleague ORDER BY colleague LIMIT 1
            }
            RETURN coalesce(billed, colleague) AS id""")
        .bindAll(Map.of("account", accountId, "invoice", invoiceId)).fetchAs(String.class).one();
  }

  private static List<Action.Reason> reasons(Score score, List<Score.Factor> factors, int max) {
    return factors.stream().limit(max).map(f -> new Action.Reason(score.kind().name(), f.feature(), f.sentence(), f.evidence())).toList();
  }

  private Action suggest(String entityId, Candidate c, Instant now) {
    String day = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
    String id = Ids.of(NodeKind.ACTION, c.type().name(), entityId, String.valueOf(c.contactId()), String.valueOf(c.targetId()), day);
    Optional<Action> existing = find(id);
    List<Suppression> suppressions = suppressionsFor(c.type(), c.contactId(), now);
    if (existing.isPresent()) {
      Action a = existing.get();
      // A draft a guardrail now holds back is suppressed; a suppressed one whose guardrails lifted is a draft again.
      if (a.status() == Action.Status.DRAFT && !suppressions.isEmpty()) {
        return transition(a, Action.Status.SUPPRESSED, "suppressed", codes(suppressions), suppressions, now, ACTOR);
      }
      if (a.status() == Action.Status.SUPPRESSED && suppressions.isEmpty()) {
        return transition(a, Action.Status.DRAFT, "released", "guardrails lifted", List.of(), now, ACTOR);
      }
      return a;
    }
    Drafts.Draft draft = c.contactId() == null || c.type() == Action.Type.ESCALATE_TICKET ? null
        : drafts.write(c.type(), c.contactId(), c.targetId(), c.dealId(), now);
    Action.Status status = suppressions.isEmpty() ? Action.Status.DRAFT : Action.Status.SUPPRESSED;
    String reason = String.join("; ", c.reasons().stream().map(Action.Reason::sentence).toList());
    Map<String, Object> p = new HashMap<>();
    p.put("id", id);
    p.put("type", c.type().name());
    p.put("status", status.name());
    p.put("entityId", entityId);
    p.put("contactId", c.contactId());
    p.put("targetId", c.targetId());
    p.put("title", c.title());
    p.put("subject", draft == null ? null : draft.subject());
    p.put("body", draft == null ? null : draft.body());
    p.put("reason", reason);
    p.put("reasons", Json.write(c.reasons()));
    p.put("sources", draft == null ? factSources(entityId, c) : draft.sources());
    p.put("suppressions", Json.write(suppressions));
    p.put("now", ZonedDateTime.ofInstant(now, ZoneOffset.UTC));
    p.put("label", NodeKind.ofId(entityId).orElseThrow().label());
    p.put("detail", suppressions.isEmpty() ? null : codes(suppressions));
    client.query(
            """
            MERGE (a:Action {id: $id})
            ON CREATE SET a.type = $type, a.status = $status, a.entityId = $entityId, a.contactId = $contactId,
                          a.targetId = $targetId, a.title = $title, a.subject = $subject, a.body = $body, a.reason = $reason,
                          a.reasons = $reasons, a.sources = $sources, a.suppressions = $suppressions, a.createdAt = $now,
                          a.updatedAt = $now
            WITH a
            CALL (a) {
              MATCH (e {id: $entityId}) WHERE $label IN labels(e)
              MERGE (a)-[:ABOUT]->(e)
            }
            CALL (a) {
              MATCH (c:Contact {id: $contactId})
              MERGE (a)-[:ADDRESSED_TO]->(c)
            }
            CREATE (a)-[:HAD_EVENT]->(:ActionEvent {at: $now, actor: 'system', change: 'suggested ' + $status, detail: $detail})""")
        .bindAll(p).run();
    counted(c.type(), status, suppressions);
    return find(id).orElseThrow();
  }

  /** Counts an action reaching a status, and each guardrail that held one back. */
  private void counted(Action.Type type, Action.Status status, List<Suppression> suppressions) {
    meters.counter(io.customergraph.observe.Metrics.ACTIONS, "type", type.name(), "status", status.name()).increment();
    suppressions.stream().map(Suppression::code).distinct()
        .forEach(code -> meters.counter(io.customergraph.observe.Metrics.ACTION_SUPPRESSIONS, "reason", code).increment());
  }

  private List<Suppression> suppressionsFor(Action.Type type, @Nullable String contactId, Instant now) {
    if (contactId == null || type == Action.Type.ESCALATE_TICKET) {
      return List.of();
    }
    // Quiet hours only delay dispatch; they do not hold back a draft.
    return guardrails.forContact(contactId, type.salesOutreach(), now).stream().filter(s -> !s.code().equals("QUIET_HOURS")).toList();
  }

  private static String codes(List<Suppression> s) {
    return String.join(", ", s.stream().map(Suppression::code).distinct().toList());
  }

  /** The guardrails applying now to a contact (all of them) or an account (at risk), with their reasons. */
  public List<Suppression> suppressions(String id) {
    Instant now = clock.instant();
    return switch (NodeKind.ofId(id).orElse(NodeKind.TAG)) {
      case CONTACT -> guardrails.forContact(id, true, now);
      case ACCOUNT -> guardrails.atRisk(id, now);
      case DEAL -> client.query("MATCH (:Deal {id: $id})-[:FOR]->(a:Account) RETURN a.id").bind(id).to("id").fetchAs(String.class).one()
          .map(a -> guardrails.atRisk(a, now)).orElse(List.of());
      default -> throw new Rejected("WRONG_KIND", "Guardrails apply to contacts, deals and accounts; not to " + id, List.of());
    };
  }

  // ------------------------------------------------------------------ a person decides

  /**
   * Approves a draft. Guardrails are checked again; if one holds, nothing is approved and the action is suppressed.
   * Outside quiet hours it is dispatched at once, otherwise when they end.
   */
  public Action approve(String id, String actor) {
    Action a = require(id);
    if (a.status() == Action.Status.SUPPRESSED) {
      throw new Rejected("SUPPRESSED", "A guardrail holds this action back: "
          + String.join("; ", a.suppressions().stream().map(Suppression::message).toList()), a.suppressions());
    }
    if (a.status() != Action.Status.DRAFT) {
      throw new Rejected("NOT_A_DRAFT", "Only a draft can be approved; %s is %s".formatted(id, a.status()), a.suppressions());
    }
    Instant now = clock.instant();
    List<Suppression> blocking = suppressionsFor(a.type(), a.contactId(), now);
    if (!blocking.isEmpty()) {
      transition(a, Action.Status.SUPPRESSED, "suppressed", codes(blocking), blocking, now, actor);
      throw new Rejected("SUPPRESSED", "A guardrail holds this action back: " + blocking.get(0).message(), blocking);
    }
    Action approved = transition(a, Action.Status.APPROVED, "approved", null, List.of(), now, actor);
    Instant quietUntil = a.contactId() == null ? null : guardrails.forContact(a.contactId(), false, now).stream()
        .filter(s -> s.code().equals("QUIET_HOURS")).map(Suppression::until).findFirst().orElse(null);
    if (quietUntil != null) {
      client.query("MATCH (a:Action {id: $id}) SET a.dispatchAfter = $at")
          .bindAll(Map.of("id", id, "at", ZonedDateTime.ofInstant(quietUntil, ZoneOffset.UTC))).run();
      return find(id).orElseThrow();
    }
    return dispatch(approved, now);
  }

  /** Dispatches approved actions whose quiet hours are over (guardrails checked once more). */
  @Scheduled(fixedDelayString = "${customer-graph.act.webhook-poll:PT1S}")
  void dispatchDue() {
    Instant now = clock.instant();
    List<String> due = List.copyOf(client.query(
            "MATCH (a:Action {status: 'APPROVED'}) WHERE a.dispatchAfter <= $now RETURN a.id ORDER BY a.id LIMIT 100")
        .bind(ZonedDateTime.ofInstant(now, ZoneOffset.UTC)).to("now").fetchAs(String.class).all());
    for (String id : due) {
      Action a = require(id);
      List<Suppression> blocking = a.contactId() == null ? List.of() : guardrails.forContact(a.contactId(), a.type().salesOutreach(), now);
      if (blocking.isEmpty()) {
        dispatch(a, now);
      } else if (blocking.stream().noneMatch(s -> s.code().equals("QUIET_HOURS"))) {
        transition(a, Action.Status.SUPPRESSED, "suppressed", codes(blocking), blocking, now, "system");
      }
    }
  }

  /**
   * Marks an approved action dispatched and publishes it — once, whichever instance gets there first: the status is
   * read again under the node's write lock, so of two instances polling the same approved action one dispatches it and
   * the other finds it dispatched.
   */
  private Action dispatch(Action a, Instant now) {
    // The dispatch and its announcement in one transaction: a process killed between them left an action dispatched
    // that no webhook ever announced.
    Boolean mine = transactions.execute(tx -> {
      if (claimDispatch(a, now) == 0) {
        return false; // another instance dispatched it
      }
      announce(require(a.id()));
      return true;
    });
    Action done = require(a.id());
    if (Boolean.TRUE.equals(mine)) {
      counted(done.type(), Action.Status.DISPATCHED, List.of());
    }
    return done;
  }

  private long claimDispatch(Action a, Instant now) {
    return client.query(
            """
            MATCH (a:Action {id: $id})
            SET a.claiming = true
            WITH a, a.status = 'APPROVED' AS approved
            REMOVE a.claiming
            WITH a WHERE approved
            SET a.status = 'DISPATCHED', a.dispatchedAt = $now, a.updatedAt = $now, a.dispatchedBy = $instance
            CREATE (a)-[:HAD_EVENT]->(:ActionEvent {at: $now, actor: 'system', change: 'dispatched'})
            RETURN count(a)""")
        .bindAll(Map.of("id", a.id(), "now", ZonedDateTime.ofInstant(now, ZoneOffset.UTC), "instance", io.customergraph.graph.Instance.ID))
        .fetchAs(Long.class).one().orElse(0L);
  }

  /** Publishes a dispatched action to the ACTION_APPROVED webhooks. */
  private void announce(Action done) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("actionId", done.id());
    data.put("type", done.type().name());
    data.put("entityId", done.entityId());
    data.put("contactId", done.contactId());
    data.put("targetId", done.targetId());
    data.put("subject", done.subject());
    data.put("body", done.body());
    data.put("reason", done.reason());
    data.put("sources", done.sources());
    webhooks.publish(Webhooks.Event.ACTION_APPROVED, "Approved: " + done.title(), data);
  }

  /** Edits a draft's subject or body (what is not given stays). */
  public Action edit(String id, @Nullable String subject, @Nullable String body, String actor) {
    Action a = require(id);
    if (a.status() != Action.Status.DRAFT && a.status() != Action.Status.SUPPRESSED) {
      throw new Rejected("NOT_A_DRAFT", "Only a draft can be edited; %s is %s".formatted(id, a.status()), List.of());
    }
    if (subject == null && body == null) {
      throw new Rejected("NOTHING_TO_EDIT", "Give a new subject, a new body or both", List.of());
    }
    Instant now = clock.instant();
    Map<String, Object> p = new HashMap<>();
    p.put("id", id);
    p.put("subject", subject);
    p.put("body", body);
    p.put("now", ZonedDateTime.ofInstant(now, ZoneOffset.UTC));
    p.put("actor", actor);
    p.put("detail", (subject == null ? "" : "subject: \"" + a.subject() + "\" → \"" + subject + "\"")
        + (subject != null && body != null ? "; " : "") + (body == null ? "" : "body edited (" + (a.body() == null ? 0 : a.body().length()) + " → " + body.length() + " characters)"));
    client.query(
            """
            MATCH (a:Action {id: $id})
            SET a.subject = coalesce($subject, a.subject), a.body = coalesce($body, a.body), a.updatedAt = $now, a.edited = true
            CREATE (a)-[:HAD_EVENT]->(:ActionEvent {at: $now, actor: $actor, change: 'edited', detail: $detail})""")
        .bindAll(p).run();
    return require(id);
  }

  /**
   * Rejects an action with a reason. If the person says the score was too high, the rejection is also stored as a
   * score override at 0.25 — a negative label the model learns from.
   */
  public Action reject(String id, String reason, boolean scoreTooHigh, String actor) {
    Action a = require(id);
    if (a.status() == Action.Status.DISPATCHED || a.status() == Action.Status.REJECTED) {
      throw new Rejected("FINAL", "%s is already %s".formatted(id, a.status()), List.of());
    }
    if (reason == null || reason.isBlank()) {
      throw new Rejected("REASON_REQUIRED", "A rejection needs a reason: it is learnt from", List.of());
    }
    Instant now = clock.instant();
    Action rejected = transition(a, Action.Status.REJECTED, "rejected", reason.strip(), a.suppressions(), now, actor);
    if (scoreTooHigh) {
      ScoreKind kind = NodeKind.ofId(a.entityId()).flatMap(ScoreKind::of).orElseThrow();
      scorer.override(kind, a.entityId(), REJECTED_SCORE, "Action rejected: " + reason.strip());
    }
    return rejected;
  }

  /** Every change of an action, oldest first. */
  public List<Action.Change> audit(String id) {
    return List.copyOf(client.query(
            "MATCH (:Action {id: $id})-[:HAD_EVENT]->(e:ActionEvent) RETURN e ORDER BY e.at, elementId(e)")
        .bind(id).to("id").fetchAs(Action.Change.class)
        .mappedBy((t, r) -> {
          var e = r.get("e").asNode();
          return new Action.Change(e.get("at").asZonedDateTime().toInstant(), e.get("actor").asString(), e.get("change").asString(),
              e.get("detail").isNull() ? null : e.get("detail").asString());
        }).all());
  }

  // ------------------------------------------------------------------ consent

  /** Records a person's consent for a purpose (marketing, profiling, automation), audited on the contact. */
  public void setConsent(String contactId, String purpose, boolean granted) {
    String p = purpose.strip().toLowerCase(java.util.Locale.ROOT);
    if (!List.of("marketing", "profiling", "automation").contains(p)) {
      throw new Rejected("BAD_PURPOSE", "A purpose is marketing, profiling or automation; got '" + purpose + "'", List.of());
    }
    String property = "consent" + Character.toUpperCase(p.charAt(0)) + p.substring(1);
    long n = client.query(
            // The property name comes from the fixed list above.
            "MATCH (c:Contact {id: $id}) SET c.%s = $granted, c.consentChangedAt = $now, c.consentLog = coalesce(c.consentLog, []) + ($purpose + '=' + toString($granted) + '@' + toString($now)) RETURN count(c)"
                .formatted(property))
        .bindAll(Map.of("id", contactId, "granted", granted, "purpose", p, "now", ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
        .fetchAs(Long.class).one().orElse(0L);
    if (n == 0) {
      throw new Rejected("NOT_FOUND", "No contact has the id " + contactId, List.of());
    }
  }

  /** Marks a person do-not-contact (or lifts it). */
  public void setDoNotContact(String contactId, boolean value) {
    long n = client.query("MATCH (c:Contact {id: $id}) SET c.doNotContact = $v, c.consentChangedAt = $now RETURN count(c)")
        .bindAll(Map.of("id", contactId, "v", value, "now", ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
        .fetchAs(Long.class).one().orElse(0L);
    if (n == 0) {
      throw new Rejected("NOT_FOUND", "No contact has the id " + contactId, List.of());
    }
  }

  // ------------------------------------------------------------------ storage

  private Action transition(Action a, Action.Status to, String change, @Nullable String detail, List<Suppression> suppressions, Instant now, String actor) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", a.id());
    p.put("status", to.name());
    p.put("suppressions", Json.write(suppressions));
    p.put("now", ZonedDateTime.ofInstant(now, ZoneOffset.UTC));
    p.put("actor", actor);
    p.put("change", change);
    p.put("detail", detail);
    client.query(
            """
            MATCH (a:Action {id: $id})
            SET a.status = $status, a.suppressions = $suppressions, a.updatedAt = $now
            CREATE (a)-[:HAD_EVENT]->(:ActionEvent {at: $now, actor: $actor, change: $change, detail: $detail})""")
        .bindAll(p).run();
    counted(a.type(), to, to == Action.Status.SUPPRESSED ? suppressions : List.of());
    return require(a.id());
  }

  private Action require(String id) {
    return find(id).orElseThrow(() -> new Rejected("NOT_FOUND", "No action has the id " + id, List.of()));
  }

  /** An action by id. */
  public Optional<Action> find(String id) {
    return client.query("MATCH (a:Action {id: $id}) RETURN a").bind(id).to("id").fetchAs(Action.class)
        .mappedBy((t, r) -> {
          var n = r.get("a").asNode();
          return new Action(n.get("id").asString(), Action.Type.valueOf(n.get("type").asString()), Action.Status.valueOf(n.get("status").asString()),
              n.get("entityId").asString(), str(n, "contactId"), str(n, "targetId"), n.get("title").asString(), str(n, "subject"), str(n, "body"),
              n.get("reason").asString(), Json.MAPPER.readValue(n.get("reasons").asString(), REASONS), n.get("sources").asList(v -> v.asString()),
              Json.MAPPER.readValue(n.get("suppressions").asString(), SUPPRESSIONS), time(n, "createdAt"), time(n, "updatedAt"),
              n.get("dispatchAfter").isNull() ? null : time(n, "dispatchAfter"), n.get("dispatchedAt").isNull() ? null : time(n, "dispatchedAt"));
        }).one();
  }

  private static @Nullable String str(org.neo4j.driver.types.Node n, String key) {
    return n.get(key).isNull() ? null : n.get(key).asString();
  }

  private static Instant time(org.neo4j.driver.types.Node n, String key) {
    return n.get(key).asZonedDateTime().toInstant();
  }
}
