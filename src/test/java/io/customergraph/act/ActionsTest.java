package io.customergraph.act;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.customergraph.GraphSupport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Next actions, guardrails, approval and signed webhooks, on a small graph and a real local HTTP receiver. */
class ActionsTest extends GraphSupport {

  private static final String SECRET = "a-shared-secret-of-some-length";

  @Autowired Actions actions;
  @Autowired Webhooks webhooks;
  @Autowired Guardrails guardrails;
  @Autowired ActProperties properties;
  @Autowired io.customergraph.score.Scorer scorer;

  private HttpServer receiver;
  /** What the receiver got: body and whether its signature verified. */
  private final List<Received> received = new CopyOnWriteArrayList<>();
  /** HTTP status the receiver answers with, per request in order; the last one repeats. */
  private volatile List<Integer> answers = List.of(200);
  private final AtomicInteger requests = new AtomicInteger();

  record Received(String event, String delivery, String body, boolean verified) {}

  /**
   * Two accounts. Risky has an urgent open ticket; Fine has none. At each, one eager lead (pricing views, a case
   * study, emails opened in the last days) with marketing consent.
   */
  @BeforeEach
  void world() throws IOException {
    cypher(
        """
        WITH datetime() AS now
        UNWIND [['risky', 'Risky Ltd'], ['fine', 'Fine Inc']] AS acc
        CREATE (a:Account {id: 'acc_' + acc[0], name: acc[1], status: 'PROSPECT'})
        CREATE (c:Contact {id: 'con_' + acc[0], name: 'Lead at ' + acc[1], title: 'VP Engineering', consentMarketing: true})-[:WORKS_AT]->(a)
        WITH now, a, c
        UNWIND range(1, 4) AS i
        CREATE (c)-[:PERFORMED]->(:Activity {id: 'act_' + c.id + '_p' + i, type: 'PAGE_VIEWED', url: 'https://x.invalid/pricing', occurredAt: now - duration({hours: 10 * i})})
        CREATE (c)-[:PERFORMED]->(:Activity {id: 'act_' + c.id + '_o' + i, type: 'EMAIL_OPENED', occurredAt: now - duration({hours: 12 * i})})
        CREATE (c)-[:PERFORMED]->(:Activity {id: 'act_' + c.id + '_d' + i, type: 'CONTENT_DOWNLOADED', content: 'Case study', occurredAt: now - duration({hours: 20 * i})})
        """);
    cypher("""
        MATCH (a:Account {id: 'acc_risky'}), (c:Contact {id: 'con_risky'})
        CREATE (c)-[:RAISED]->(:Ticket {id: 'tkt_urgent', subject: 'Production down', priority: 'URGENT', status: 'OPEN', occurredAt: datetime() - duration('P2D')})-[:FOR]->(a)""");
    received.clear();
    requests.set(0);
    answers = List.of(200);
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String signature = exchange.getRequestHeaders().getFirst(Webhooks.SIGNATURE_HEADER);
      received.add(new Received(exchange.getRequestHeaders().getFirst(Webhooks.EVENT_HEADER),
          exchange.getRequestHeaders().getFirst(Webhooks.DELIVERY_HEADER), body, verifies(signature, body)));
      int n = requests.getAndIncrement();
      int status = answers.get(Math.min(n, answers.size() - 1));
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  /** What a receiver does: recompute HMAC-SHA256 over "<t>.<body>" with the shared secret and compare. */
  private static boolean verifies(String header, String body) {
    if (header == null) {
      return false;
    }
    String t = null;
    String v1 = null;
    for (String part : header.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv[0].equals("t")) {
        t = kv[1];
      } else if (kv[0].equals("v1")) {
        v1 = kv[1];
      }
    }
    return t != null && v1 != null && java.security.MessageDigest.isEqual(
        Webhooks.sign(SECRET, Long.parseLong(t), body).getBytes(StandardCharsets.US_ASCII), v1.getBytes(StandardCharsets.US_ASCII));
  }

  private String hookUrl() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  private static List<Action> ofType(List<Action> list, Action.Type type) {
    return list.stream().filter(a -> a.type() == type).toList();
  }

  @Test
  void anAtRiskAccountGetsNoSalesDraftAndShowsWhy() {
    List<Action> risky = actions.nextActions("con_risky");
    assertThat(risky).isNotEmpty().allSatisfy(a -> assertThat(a.status()).isEqualTo(Action.Status.SUPPRESSED));
    assertThat(ofType(risky, Action.Type.FOLLOW_UP_EMAIL)).singleElement().satisfies(a -> {
      assertThat(a.suppressions()).extracting(Suppression::code).containsExactly("ACCOUNT_AT_RISK");
      assertThat(a.suppressions().get(0).evidenceIds()).containsExactly("tkt_urgent");
      assertThat(a.suppressions().get(0).message()).contains("urgent");
    });
    assertThatThrownBy(() -> actions.approve(risky.get(0).id(), "rep")).isInstanceOf(Actions.Rejected.class)
        .hasMessageContaining("guardrail");
    // The same lead at a healthy account gets drafts, with the factors and paths behind them.
    List<Action> fine = actions.nextActions("con_fine");
    assertThat(fine).extracting(Action::type).containsExactly(Action.Type.FOLLOW_UP_EMAIL, Action.Type.MEETING_SUGGESTION);
    assertThat(fine).allSatisfy(a -> assertThat(a.status()).isEqualTo(Action.Status.DRAFT));
    Action followUp = fine.get(0);
    assertThat(followUp.reasons()).extracting(Action.Reason::feature).contains("pricingInterest");
    assertThat(followUp.body()).startsWith("Hi Lead,");
    assertThat(followUp.sources()).contains("con_fine", "acc_fine");
    // Asking again gives the same actions, not new ones.
    assertThat(actions.nextActions("con_fine")).extracting(Action::id).containsExactlyElementsOf(fine.stream().map(Action::id).toList());
    // On the account, the urgent ticket becomes an escalation (internal: not paused).
    assertThat(actions.nextActions("acc_risky")).extracting(Action::type, Action::status, Action::targetId)
        .contains(org.assertj.core.groups.Tuple.tuple(Action.Type.ESCALATE_TICKET, Action.Status.DRAFT, "tkt_urgent"));
    // With no draft, it still lists what it rests on (issue #19.5: escalations listed no sources).
    assertThat(ofType(actions.nextActions("acc_risky"), Action.Type.ESCALATE_TICKET)).singleElement()
        .satisfies(a -> assertThat(a.sources()).startsWith("acc_risky", "tkt_urgent"));
  }

  /**
   * Issue #19.1: every account with an overdue invoice answered INTERNAL_ERROR (Neo4j 42I18 in the billing-contact
   * lookup): 29 of the demo world's 40 riskiest accounts. The invoice is chased, addressed to its billing contact, and
   * where none is named, to someone at the account with an address.
   */
  @Test
  void anOverdueInvoiceIsChasedFromItsBillingContactOrSomeoneAtTheAccount() {
    cypher("""
        MATCH (a:Account {id: 'acc_fine'}), (c:Contact {id: 'con_fine'})
        SET c.email = 'lead@fine.invalid'
        CREATE (billing:Contact {id: 'con_fine_billing', name: 'Accounts Payable', email: 'ap@fine.invalid'})-[:WORKS_AT]->(a)
        CREATE (i:Invoice {id: 'inv_overdue', number: 'F-17', status: 'OPEN', amount: 1200.0, currency: 'EUR',
                           occurredAt: datetime() - duration('P60D'), dueAt: datetime() - duration('P30D')})-[:FOR]->(a)
        CREATE (i)-[:BILLED_TO]->(billing)""");
    List<Action> fine = actions.nextActions("acc_fine");
    assertThat(ofType(fine, Action.Type.CHASE_INVOICE)).singleElement().satisfies(a -> {
      assertThat(a.targetId()).isEqualTo("inv_overdue");
      assertThat(a.contactId()).isEqualTo("con_fine_billing");
      assertThat(a.reasons()).extracting(Action.Reason::feature).containsExactly("overdueInvoices");
      assertThat(a.sources()).contains("acc_fine", "inv_overdue", "con_fine_billing");
    });
    // Approved through the API, the audit names who approved (issue #19.5: it said "api" whoever it was).
    String chase = ofType(fine, Action.Type.CHASE_INVOICE).getFirst().id();
    graphQl.document("mutation($id: ID!) { approveAction(id: $id) { ... on ActionDone { action { audit { actor change } } } ... on ActionRefused { code message } } }")
        .variable("id", chase).execute()
        .path("approveAction").entity(Map.class).satisfies(m -> assertThat(m).containsKey("action"))
        .path("approveAction.action.audit[*].actor").entityList(String.class).contains("test administrator (key_test_admin)");
    cypher("MATCH (:Invoice {id: 'inv_overdue'})-[b:BILLED_TO]->() DELETE b");
    cypher("MATCH (a:Action) DETACH DELETE a");
    assertThat(ofType(actions.nextActions("acc_fine"), Action.Type.CHASE_INVOICE)).singleElement()
        .satisfies(a -> assertThat(a.contactId()).isIn("con_fine", "con_fine_billing"));
  }

  @Test
  void aDraftBorrowsFromAWonDealsEmailButNeverAnotherCustomersName() {
    cypher("""
        WITH datetime() AS now
        CREATE (g:Account {id: 'acc_globex', name: 'Globex Corporation'})
        CREATE (h:Contact {id: 'con_hank', name: 'Hank Scorpio'})-[:WORKS_AT]->(g)
        CREATE (:Deal {id: 'dea_globex', name: 'Globex – Pro', stage: 'WON', closedAt: now - duration('P10D')})-[:FOR]->(g)
        CREATE (:Email {id: 'eml_named', direction: 'OUTBOUND', occurredAt: now - duration('P20D'),
                        body: 'Hi Hank,\n\nGlobex teams usually start with the pricing workshop; happy to run it for you next week.'})-[:TO]->(h)
        CREATE (:Email {id: 'eml_neutral', direction: 'OUTBOUND', occurredAt: now - duration('P15D'),
                        body: 'Hi,\n\nMost teams start with a short pricing workshop and a pilot; happy to run both for you next week.'})-[:TO]->(h)""");
    Action followUp = ofType(actions.nextActions("con_fine"), Action.Type.FOLLOW_UP_EMAIL).get(0);
    assertThat(followUp.body()).contains("[Suggested, from our email eml_neutral that preceded a won deal")
        .contains("Most teams start with a short pricing workshop").doesNotContain("Globex").doesNotContain("Hank");
    assertThat(followUp.sources()).contains("eml_neutral").doesNotContain("eml_named");
  }

  /**
   * Issue #19.5: a borrowed paragraph told people nobody had spoken to about "our last conversation about Graph
   * Enterprise" and "as promised, the case study". Only sentences whose claims hold for this person are borrowed.
   */
  @Test
  void aBorrowedParagraphKeepsOnlySentencesWhoseClaimsHoldForThisPerson() {
    cypher("""
        WITH datetime() AS now
        CREATE (g:Account {id: 'acc_globex', name: 'Globex Corporation'})
        CREATE (h:Contact {id: 'con_hank', name: 'Hank Scorpio'})-[:WORKS_AT]->(g)
        CREATE (:Deal {id: 'dea_globex', name: 'Globex – Pro', stage: 'WON', closedAt: now - duration('P10D')})-[:FOR]->(g)
        CREATE (:Email {id: 'eml_claims', direction: 'OUTBOUND', occurredAt: now - duration('P15D'),
                        body: 'Hi,\n\nAs promised, here is the case study from a team like yours. Building on our last conversation about Graph Enterprise, the rollout takes two weeks. Most teams start with a short pricing workshop and a pilot.'})-[:TO]->(h)""");
    Action followUp = ofType(actions.nextActions("con_fine"), Action.Type.FOLLOW_UP_EMAIL).get(0);
    assertThat(followUp.body()).contains("[Suggested, from our email eml_claims")
        .contains("Most teams start with a short pricing workshop and a pilot.")
        .doesNotContain("As promised").doesNotContain("last conversation").doesNotContain("Graph Enterprise");
  }

  @Test
  void withdrawnConsentStopsActions() {
    String draft = actions.nextActions("con_fine").get(0).id();
    graphQl.documentName("actions").operationName("consent").variable("id", "con_fine").variable("granted", false).execute()
        .path("setConsent.__typename").entity(String.class).isEqualTo("ActionDone");

    graphQl.documentName("actions").operationName("approve").variable("id", draft).execute()
        .path("approveAction.code").entity(String.class).isEqualTo("SUPPRESSED")
        .path("approveAction.suppressions[*].code").entityList(String.class).containsExactly("NO_CONSENT");
    assertThat(actions.nextActions("con_fine")).allSatisfy(a -> {
      assertThat(a.status()).isEqualTo(Action.Status.SUPPRESSED);
      assertThat(a.suppressions()).extracting(Suppression::code).contains("NO_CONSENT");
    });
    actions.setDoNotContact("con_fine", true);
    actions.setConsent("con_fine", "marketing", true);
    assertThat(actions.suppressions("con_fine")).extracting(Suppression::code).containsExactly("DO_NOT_CONTACT");
    actions.setDoNotContact("con_fine", false);
    // Consent given again: the suggestion is a draft again, and the audit shows each step.
    Action again = actions.nextActions("con_fine").get(0);
    assertThat(again.status()).isEqualTo(Action.Status.DRAFT);
    assertThat(actions.audit(again.id())).extracting(Action.Change::change)
        .containsExactly("suggested DRAFT", "suppressed", "released");
  }

  @Test
  void theFrequencyCapHolds() {
    cypher("""
        MATCH (c:Contact {id: 'con_fine'})
        UNWIND range(1, 3) AS i
        CREATE (:Action {id: 'nac_earlier' + i, status: 'DISPATCHED', dispatchedAt: datetime() - duration({days: i})})-[:ADDRESSED_TO]->(c)""");
    List<Action> capped = actions.nextActions("con_fine");
    assertThat(capped).allSatisfy(a -> assertThat(a.status()).isEqualTo(Action.Status.SUPPRESSED));
    Suppression cap = capped.get(0).suppressions().stream().filter(s -> s.code().equals("FREQUENCY_CAP")).findFirst().orElseThrow();
    assertThat(cap.evidenceIds()).containsExactly("nac_earlier1", "nac_earlier2", "nac_earlier3");
    // It lifts when the oldest of the three leaves the window.
    assertThat(cap.until()).isBetween(Instant.now().plus(Duration.ofDays(3)), Instant.now().plus(Duration.ofDays(5)));
    // Two in the window are under the cap.
    cypher("MATCH (a:Action {id: 'nac_earlier3'}) SET a.dispatchedAt = datetime() - duration('P30D')");
    assertThat(actions.suppressions("con_fine")).extracting(Suppression::code).doesNotContain("FREQUENCY_CAP");
  }

  @Test
  void quietHoursFollowTheContactsTimeZone() {
    // 02:00 in New York (07:00 UTC in winter) is quiet until 08:00 there; 15:00 is not.
    Instant night = Instant.parse("2026-11-20T07:00:00Z");
    assertThat(guardrails.quietUntil("America/New_York", night)).isEqualTo(Instant.parse("2026-11-20T13:00:00Z"));
    assertThat(guardrails.quietUntil("America/New_York", Instant.parse("2026-11-20T20:00:00Z"))).isNull();
    assertThat(guardrails.quietUntil(null, night)).isNull();
    assertThat(properties.quietStart()).isEqualTo(LocalTime.of(20, 0));
  }

  @Test
  void onlyApprovedActionsAreDispatchedSignedToTheWebhook() {
    graphQl.documentName("actions").operationName("createWebhook").variable("url", hookUrl()).variable("secret", SECRET)
        .variable("events", List.of("ACTION_APPROVED")).execute()
        .path("createWebhook.webhook.active").entity(Boolean.class).isEqualTo(true);
    List<Action> drafts = actions.nextActions("con_fine");
    Action approved = drafts.get(0);
    Action rejected = drafts.get(1);

    graphQl.documentName("actions").operationName("approve").variable("id", approved.id()).execute()
        .path("approveAction.action.status").entity(String.class).isEqualTo("DISPATCHED");
    graphQl.documentName("actions").operationName("reject").variable("id", rejected.id()).variable("reason", "Already talking to them").execute()
        .path("rejectAction.action.status").entity(String.class).isEqualTo("REJECTED");
    webhooks.deliverDue(Instant.now());

    assertThat(received).singleElement().satisfies(r -> {
      assertThat(r.verified()).as("signature verifies with the shared secret").isTrue();
      assertThat(r.event()).isEqualTo("ACTION_APPROVED");
      assertThat(r.body()).contains(approved.id()).doesNotContain(rejected.id());
    });
    assertThat(actions.audit(approved.id())).extracting(Action.Change::change).containsExactly("suggested DRAFT", "approved", "dispatched");
    assertThat(actions.audit(rejected.id())).extracting(Action.Change::detail).contains("Already talking to them");
    // The rejection said the score was too high: it is learnt from as an override.
    assertThat(count("MATCH (o:ScoreOverride {entityId: 'con_fine', value: 0.25}) RETURN count(o)")).isEqualTo(1);
    // A dispatched action cannot be approved twice.
    assertThatThrownBy(() -> actions.approve(approved.id(), "rep")).hasMessageContaining("Only a draft");
  }

  @Test
  void aFailedDeliveryIsRetriedWithBackoffThenDeadLetteredAndReplayed() {
    webhooks.subscribe(hookUrl(), List.of(Webhooks.Event.BAND_CHANGED), Webhooks.Format.SLACK, SECRET);
    answers = List.of(500, 200);
    webhooks.publish(Webhooks.Event.BAND_CHANGED, "lead priority of con_fine: C → A", Map.of("entityId", "con_fine"));
    Instant t = Instant.now();
    webhooks.deliverDue(t);
    Webhooks.Delivery first = webhooks.deliveries(null, null, 10).get(0);
    assertThat(first.status()).isEqualTo("PENDING");
    assertThat(first.lastStatusCode()).isEqualTo(500);
    assertThat(first.nextAttemptAt()).isAfter(t);
    // Not due yet: nothing is sent.
    assertThat(webhooks.deliverDue(t)).isZero();
    webhooks.deliverDue(first.nextAttemptAt());
    assertThat(webhooks.deliveries("DELIVERED", null, 10)).singleElement().satisfies(d -> assertThat(d.attempts()).isEqualTo(2));
    assertThat(received).hasSize(2).allSatisfy(r -> assertThat(r.verified()).isTrue());
    // The same delivery id on the retry, so the receiver can de-duplicate; Slack's {"text": …} shape.
    assertThat(received).extracting(Received::delivery).containsOnly(first.id());
    assertThat(received.get(0).body()).startsWith("{\"text\":\"lead priority of con_fine: C → A\"");

    // A receiver that always fails: after the last attempt the delivery is dead-lettered, then replayed.
    answers = List.of(500);
    received.clear();
    requests.set(0);
    webhooks.publish(Webhooks.Event.BAND_CHANGED, "again", Map.of());
    Instant at = Instant.now();
    for (int i = 0; i < properties.webhookAttempts(); i++) {
      webhooks.deliverDue(at);
      at = at.plus(properties.webhookMaxDelay());
    }
    Webhooks.Delivery dead = webhooks.deliveries("DEAD", null, 10).stream().findFirst().orElseThrow();
    assertThat(dead.attempts()).isEqualTo(properties.webhookAttempts());
    assertThat(dead.log()).hasSize(properties.webhookAttempts());
    assertThat(received).hasSize(properties.webhookAttempts());
    assertThat(webhooks.replay(dead.id()).status()).isEqualTo("PENDING");
    answers = List.of(200);
    webhooks.deliverDue(at);
    assertThat(webhooks.deliveries("DEAD", null, 10)).isEmpty();
  }

  @Test
  void retriesBackOffExponentiallyWithJitter() {
    for (int attempt = 1; attempt <= 4; attempt++) {
      long full = properties.webhookBaseDelay().toMillis() << (attempt - 1);
      assertThat(webhooks.backoff(attempt).toMillis()).isBetween(full / 2, full);
    }
    assertThat(webhooks.backoff(30)).isLessThanOrEqualTo(properties.webhookMaxDelay());
  }

  @Test
  void secretsAreNeverReturnedAndBadSubscriptionsAreRefused() {
    graphQl.documentName("actions").operationName("createWebhook").variable("url", hookUrl()).variable("secret", SECRET)
        .variable("events", List.of("REVIEW_NEEDED")).execute();
    String everything = graphQl.documentName("actions").operationName("webhooks").execute().returnResponse().toString();
    assertThat(everything).contains(hookUrl()).doesNotContain(SECRET);
    graphQl.documentName("actions").operationName("createWebhook").variable("url", hookUrl()).variable("secret", "short")
        .variable("events", List.of("REVIEW_NEEDED")).execute()
        .path("createWebhook.code").entity(String.class).isEqualTo("WEAK_SECRET");
    graphQl.documentName("actions").operationName("createWebhook").variable("url", "ftp://x").variable("secret", SECRET)
        .variable("events", List.of("REVIEW_NEEDED")).execute()
        .path("createWebhook.code").entity(String.class).isEqualTo("BAD_URL");
  }

  @Test
  void aBandChangeAndAnAccountAtRiskBecomeWebhookEvents() {
    webhooks.subscribe(hookUrl(), List.of(Webhooks.Event.BAND_CHANGED, Webhooks.Event.ACCOUNT_AT_RISK), Webhooks.Format.JSON, SECRET);
    scorer.rescore(io.customergraph.score.ScoreKind.CHURN_RISK, List.of("acc_fine"));
    // Fine turns bad: urgent tickets that sound frustrated, disputed invoices, talk of a competitor.
    cypher("""
        MATCH (a:Account {id: 'acc_fine'}), (c:Contact {id: 'con_fine'})
        UNWIND range(1, 3) AS i
        CREATE (t:Ticket {id: 'tkt_bad' + i, subject: 'Broken', priority: 'URGENT', status: 'OPEN', occurredAt: datetime() - duration({days: 2 * i})})-[:FOR]->(a)
        CREATE (t)-[:TAGGED]->(:Tag {id: 'tag_f' + i, name: 'FRUSTRATION'})
        CREATE (:Invoice {id: 'inv_d' + i, number: 'D' + i, status: 'DISPUTED', occurredAt: datetime() - duration('P60D'), dueAt: datetime() - duration('P30D')})-[:FOR]->(a)
        CREATE (c)-[:SENT]->(e:Email {id: 'eml_rival' + i, subject: 'Rival', direction: 'INBOUND', occurredAt: datetime() - duration({hours: i})})
        MERGE (r:Competitor {id: 'cmp_rival', name: 'Rival'})
        CREATE (e)-[:MENTIONS]->(r)""");
    scorer.rescore(io.customergraph.score.ScoreKind.CHURN_RISK, List.of("acc_fine"));
    assertThat(scorer.score(io.customergraph.score.ScoreKind.CHURN_RISK, "acc_fine").orElseThrow().probability())
        .as("precondition: the churn risk crossed one half").isGreaterThanOrEqualTo(0.5);
    webhooks.deliverDue(Instant.now());
    assertThat(received).extracting(Received::event).containsExactlyInAnyOrder("BAND_CHANGED", "ACCOUNT_AT_RISK");
    assertThat(received).allSatisfy(r -> assertThat(r.body()).contains("acc_fine"));
  }

  /**
   * Two instances on one database poll the same due deliveries at once (issue #23): each delivery is claimed under
   * its node's write lock, so the receiver gets each of 100 exactly once.
   */
  @Test
  void twoInstancesPollingOneDatabaseSendEachDeliveryOnce() throws Exception {
    webhooks.subscribe(hookUrl(), List.of(Webhooks.Event.BAND_CHANGED), Webhooks.Format.JSON, SECRET);
    for (int i = 0; i < 100; i++) {
      webhooks.publish(Webhooks.Event.BAND_CHANGED, "event " + i, java.util.Map.of("i", i));
    }
    Webhooks other = new Webhooks(neo4j, properties, java.time.Clock.systemUTC(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<Thread> instances = new java.util.ArrayList<>();
    for (Webhooks w : List.of(webhooks, other)) {
      instances.add(Thread.ofPlatform().start(() -> {
        try {
          start.await();
          while (w.deliverDue(java.time.Instant.now()) > 0 || count("MATCH (d:WebhookDelivery {status: 'PENDING'}) RETURN count(d)") > 0) {
            Thread.sleep(5);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    start.countDown();
    for (Thread t : instances) {
      t.join(120_000);
    }
    List<String> ids = received.stream().map(Received::delivery).toList();
    assertThat(ids).hasSize(100).doesNotHaveDuplicates();
    assertThat(count("MATCH (d:WebhookDelivery {status: 'DELIVERED'}) WHERE d.leasedBy IS NULL RETURN count(d)")).isEqualTo(100);
  }

  /** Two instances dispatching the same approved actions at once: each is dispatched, and announced, once. */
  @Test
  void approvedActionsAreDispatchedOnceWhenTwoInstancesPoll() throws Exception {
    webhooks.subscribe(hookUrl(), List.of(Webhooks.Event.ACTION_APPROVED), Webhooks.Format.JSON, SECRET);
    cypher("""
        WITH datetime() AS now
        UNWIND range(1, 40) AS i
        CREATE (:Action {id: 'act_approved_' + i, type: 'FOLLOW_UP_EMAIL', status: 'APPROVED', entityId: 'con_fine', title: 'Follow up ' + i,
                         reason: 'test', reasons: '[]', sources: [], suppressions: '[]', createdAt: now, updatedAt: now,
                         dispatchAfter: now - duration('PT1M')})""");
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<Thread> instances = new java.util.ArrayList<>();
    for (int n = 0; n < 2; n++) {
      instances.add(Thread.ofPlatform().start(() -> {
        try {
          start.await();
          actions.dispatchDue();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    start.countDown();
    for (Thread t : instances) {
      t.join(120_000);
    }
    assertThat(count("MATCH (a:Action {status: 'DISPATCHED'}) WHERE a.id STARTS WITH 'act_approved_' RETURN count(a)")).isEqualTo(40);
    assertThat(count("MATCH (:Action)-[:HAD_EVENT]->(e:ActionEvent {change: 'dispatched'}) RETURN count(e)")).isEqualTo(40);
    assertThat(count("MATCH (d:WebhookDelivery {event: 'ACTION_APPROVED'}) RETURN count(d)")).as("announced once each").isEqualTo(40);
  }
}
