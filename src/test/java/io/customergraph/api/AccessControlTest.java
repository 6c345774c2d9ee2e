package io.customergraph.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import io.customergraph.security.Audit;
import io.customergraph.security.Caller;
import io.customergraph.security.Role;
import io.customergraph.security.Visibility;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.ExecutionGraphQlServiceTester;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * Roles, a rep's reach, an analyst's pseudonyms and the audit, through the real GraphQL service.
 *
 * <p>Fixture: team East is Dana Whitfield and Helen Park, team West is Marcus Ojo. Dana owns Initech (Peter Gibbons),
 * Helen owns Globex, Marcus owns Umbrella (Alice Wesker, a deal). Peter emailed Alice.
 */
class AccessControlTest extends GraphSupport {

  private static final Caller DANA = new Caller("key_dana", "Dana", Set.of(Role.REP), "Dana Whitfield", "East", false);
  private static final Caller DANA_ALONE = new Caller("key_dana_alone", "Dana", Set.of(Role.REP), "Dana Whitfield", null, false);
  private static final Caller ANALYST = new Caller("key_analyst", "analyst", Set.of(Role.ANALYST), null, null, false);
  private static final Caller GRANTED_ANALYST = new Caller("key_granted", "analyst+", Set.of(Role.ANALYST), null, null, true);
  private static final Caller INGEST = new Caller("key_ingest", "loader", Set.of(Role.INGEST), null, null, false);

  @Autowired Visibility visibility;
  @Autowired io.customergraph.score.Scorer scorer;
  @Autowired org.springframework.graphql.ExecutionGraphQlService service;

  @BeforeEach
  void fixture() {
    visibility.forget();
    cypher("""
        CREATE (:Rep {id: 'rep_dana', name: 'Dana Whitfield', team: 'East'}), (:Rep {id: 'rep_helen', name: 'Helen Park', team: 'East'}),
               (:Rep {id: 'rep_marcus', name: 'Marcus Ojo', team: 'West'})
        CREATE (initech:Account {id: 'acc_initech', name: 'Initech', nameSort: 'initech', owner: 'Dana Whitfield', status: 'CUSTOMER', createdAt: datetime(), updatedAt: datetime()})
        CREATE (globex:Account {id: 'acc_globex', name: 'Globex', nameSort: 'globex', owner: 'Helen Park', status: 'CUSTOMER', createdAt: datetime(), updatedAt: datetime()})
        CREATE (umbrella:Account {id: 'acc_umbrella', name: 'Umbrella', nameSort: 'umbrella', owner: 'Marcus Ojo', status: 'CUSTOMER', createdAt: datetime(), updatedAt: datetime()})
        CREATE (peter:Contact {id: 'con_peter', name: 'Peter Gibbons', nameSort: 'peter gibbons', email: 'peter@initech.invalid', emails: ['peter@initech.invalid'], createdAt: datetime(), updatedAt: datetime()})-[:WORKS_AT]->(initech)
        CREATE (alice:Contact {id: 'con_alice', name: 'Alice Wesker', nameSort: 'alice wesker', email: 'alice@umbrella.invalid', emails: ['alice@umbrella.invalid'], phone: '+12025550123', createdAt: datetime(), updatedAt: datetime()})-[:WORKS_AT]->(umbrella)
        CREATE (peter)-[:SENT]->(:Email {id: 'eml_intro', subject: 'Intro for Alice', body: 'Hi Alice, Peter here: call me on +1 202 555 0199 or write to peter@initech.invalid.', direction: 'OUTBOUND', occurredAt: datetime()})-[:TO]->(alice)
        CREATE (:Deal {id: 'dea_umbrella', name: 'Umbrella renewal', stage: 'PROPOSAL', outcome: 'OPEN', currency: 'USD', owner: 'Marcus Ojo', occurredAt: datetime(), stageNames: [], stageEnteredAt: []})-[:FOR]->(umbrella)
        """);
  }

  /**
   * Issue #18: an analyst without the grant recovered real names through a name filter (one letter at a time), search,
   * an action's reason and an email's folder path. Filters and searches on masked values are refused; every property
   * of every node the analyst can reach is masked by its content, wherever a known person's name stands.
   */
  @Test
  void anAnalystFindsNoRealNameAnywhereAndNoOracleToGuessOne() {
    cypher("""
        MATCH (alice:Contact {id: 'con_alice'}), (e:Email {id: 'eml_intro'})
        SET e.folders = ['\\\\Wesker, Alice\\\\Deleted Items']
        CREATE (:Action {id: 'act_1', type: 'FOLLOW_UP', status: 'SUGGESTED', reason: 'Alice Wesker clicked a link in the pricing email',
                         note: 'ask Peter Gibbons for an intro', createdAt: datetime()})-[:ABOUT]->(alice)""");
    List<String> real = List.of("Alice", "Wesker", "Peter", "Gibbons", "alice@", "peter@");

    StringBuilder seen = new StringBuilder();
    for (String start : List.of("acc_umbrella", "acc_initech", "con_alice", "eml_intro")) {
      seen.append(as(ANALYST).document("{ neighborhood(id: \"" + start + "\", depth: 3) { nodes { id label displayName properties } relationships { type properties } } }")
          .execute().path("neighborhood").entity(Object.class).get());
    }
    seen.append(as(ANALYST).document("{ node(id: \"eml_intro\") { ... on Email { folders subject body } } }").execute().path("node").entity(Object.class).get());
    assertThat(seen.toString()).contains("act_1").contains("FOLLOW_UP");
    for (String name : real) {
      assertThat(seen.toString()).as("no '%s' anywhere an analyst can walk", name).doesNotContain(name);
    }

    as(ANALYST).document("{ contacts(filter: {nameContains: \"Ali\"}) { edges { node { id } } } }").execute().errors()
        .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getMessage() != null && e.getMessage().contains("Filtering people by name")).verify();
    as(ANALYST).document("{ contacts(filter: {email: \"alice@umbrella.invalid\"}) { edges { node { id } } } }").execute().errors()
        .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN).verify();
    as(ANALYST).document("{ search(text: \"Alice Wesker\") { score } }").execute().errors()
        .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getMessage() != null && e.getMessage().contains("types: [ACCOUNT]")).verify();
    as(ANALYST).document("{ search(text: \"Umbrella\", types: [ACCOUNT]) { node { id } } }").execute().errors().verify();
    // With the grant, the same questions are answered.
    as(GRANTED_ANALYST).document("{ contacts(filter: {nameContains: \"Ali\"}) { edges { node { id } } } }").execute()
        .path("contacts.edges[*].node.id").entityList(String.class).containsExactly("con_alice");
  }

  @Test
  void everyRoleMayReadTheSchemaAsGraphiqlDoes() {
    for (Caller caller : List.of(ANALYST, new Caller("key_ingest", "importer", Set.of(Role.INGEST), null, null, false))) {
      var answer = as(caller).document("{ __schema { queryType { name } types { name } } __type(name: \"Contact\") { fields { name } } }").execute();
      answer.errors().verify();
      answer.path("__schema.queryType.name").entity(String.class).isEqualTo("Query");
      answer.path("__type.fields[*].name").entityList(String.class).contains("name", "score");
    }
  }

  @Test
  void everyRootFieldOfTheSchemaHasADecidedPolicy() throws Exception {
    Set<String> roots = new TreeSet<>();
    for (var file : java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("graphql-schema"), "*.graphqls")) {
      String s = java.nio.file.Files.readString(file).replaceAll("\"\"\"[\\s\\S]*?\"\"\"", "").replaceAll("\"[^\"\\n]*\"", "");
      Matcher type = Pattern.compile("(?:extend )?type (Query|Mutation|Subscription)\\s*\\{([\\s\\S]*?)\\n}").matcher(s);
      while (type.find()) {
        int depth = 0;
        for (String line : type.group(2).split("\n")) {
          Matcher field = Pattern.compile("^\\s*(\\w+)\\s*[(:]").matcher(line);
          if (depth == 0 && field.find()) {
            roots.add(type.group(1) + "." + field.group(1));
          }
          depth += line.chars().filter(c -> c == '(').count() - line.chars().filter(c -> c == ')').count();
        }
      }
    }
    assertThat(roots).hasSizeGreaterThan(60);
    assertThat(AccessControl.POLICY.keySet()).as("root fields with a decided policy").containsAll(roots);
    assertThat(roots).as("no policy for a field that does not exist").containsAll(AccessControl.POLICY.keySet());
  }

  @Test
  void noCallerIsUnauthenticatedAndAWrongRoleIsDeniedPerField() {
    GraphQlTester anonymous = ExecutionGraphQlServiceTester.create(service);
    anonymous.document("{ accounts { totalCount } }").execute().errors()
        .expect(e -> e.getErrorType() == ErrorType.UNAUTHORIZED && e.getExtensions().get("code").equals("UNAUTHENTICATED"));

    // One request, two fields: the permitted one answers, the other is denied with a FORBIDDEN error on its path.
    var response = as(ANALYST).document("{ accounts { totalCount } apiKeys { id } }").execute();
    response.errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getPath().equals("apiKeys")
        && e.getMessage().contains("needs one of the roles [ADMIN]") && e.getMessage().contains("this key has ANALYST"));
    response.path("accounts.totalCount").entity(Long.class).isEqualTo(3L);

    as(ANALYST).document("mutation { trainModel(kind: CHURN_RISK) { published } }").execute().errors()
        .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getPath().equals("trainModel"));
    as(INGEST).document("{ contact(id: \"con_peter\") { name } }").execute().errors()
        .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getPath().equals("contact"));
    as(INGEST).document("{ me { roles scoped masked } }").execute().path("me.roles").entityList(String.class).containsExactly("INGEST");
  }

  @Test
  void aRepSeesTheirTeamsAccountsOnlyAndPagesCountOnlyThose() {
    as(DANA).document("{ accounts { totalCount edges { node { id } } } }").execute()
        .path("accounts.totalCount").entity(Long.class).isEqualTo(2L)
        .path("accounts.edges[*].node.id").entityList(String.class).containsExactly("acc_globex", "acc_initech");
    as(DANA_ALONE).document("{ accounts { edges { node { id } } } }").execute()
        .path("accounts.edges[*].node.id").entityList(String.class).containsExactly("acc_initech");
    as(DANA).document("{ contacts { totalCount edges { node { id } } } deals { totalCount } }").execute()
        .path("contacts.edges[*].node.id").entityList(String.class).containsExactly("con_peter")
        .path("contacts.totalCount").entity(Long.class).isEqualTo(1L)
        .path("deals.totalCount").entity(Long.class).isEqualTo(0L);
    as(DANA).document("{ me { scoped masked owner team } }").execute().path("me.scoped").entity(Boolean.class).isEqualTo(true);
  }

  @Test
  void aRepCannotReachAnotherTeamsAccountByAnyPath() {
    for (String query : List.of("{ account(id: \"acc_umbrella\") { name } }", "{ node(id: \"acc_umbrella\") { id } }",
        "{ contact(id: \"con_alice\") { name } }", "{ deal(id: \"dea_umbrella\") { name } }",
        "{ neighborhood(id: \"con_alice\") { nodes { id } } }", "{ path(fromId: \"acc_initech\", toId: \"acc_umbrella\") { length } }")) {
      as(DANA).document(query).execute().errors()
          .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getMessage().contains("not within your reach"));
    }
    // From their own account, the graph stops where their reach ends: the email to Alice shows, Alice and Umbrella do not.
    var around = as(DANA).document("{ neighborhood(id: \"acc_initech\", depth: 3) { nodes { id } relationships { startId endId } } }").execute();
    around.path("neighborhood.nodes[*].id").entityList(String.class).containsExactly("acc_initech", "con_peter", "eml_intro");
    around.path("neighborhood.relationships[*].endId").entityList(String.class).doesNotContain("con_alice", "acc_umbrella");
    as(DANA).document("{ contact(id: \"con_peter\") { timeline { edges { node { ... on Email { id to { id } } } } } } }").execute()
        .path("contact.timeline.edges[0].node.id").entity(String.class).isEqualTo("eml_intro")
        .path("contact.timeline.edges[0].node.to").entityList(Object.class).hasSize(0);
    as(DANA).document("{ search(text: \"Alice Wesker\") { node { id } } }").execute()
        .path("search[*].node.id").entityList(String.class).doesNotContain("con_alice");
    // Ranked lists are limited in the query: a rep's page is full of what they may see, never padded with gaps.
    scorer.rescore(io.customergraph.score.ScoreKind.CHURN_RISK, List.of("acc_initech", "acc_globex", "acc_umbrella"));
    as(DANA).document("{ topScored(kind: CHURN_RISK, first: 2) { edges { node { entityId } } pageInfo { hasNextPage } } }").execute()
        .path("topScored.edges[*].node.entityId").entityList(String.class).hasSize(2).contains("acc_initech", "acc_globex")
        .path("topScored.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
    graphQl.document("{ topScored(kind: CHURN_RISK, first: 3) { edges { node { entityId } } } }").execute()
        .path("topScored.edges[*].node.entityId").entityList(String.class).hasSize(3);
    // A mutation on someone else's contact is refused before it runs.
    as(DANA).document("mutation { setDoNotContact(contactId: \"con_alice\", value: true) { __typename } }").execute()
        .errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN);
    assertThat(count("MATCH (c:Contact {id: 'con_alice'}) WHERE c.doNotContact = true RETURN count(c)")).isZero();
    // A manager sees everything.
    as(new Caller("key_m", "manager", Set.of(Role.MANAGER), null, null, false)).document("{ accounts { totalCount } }").execute()
        .path("accounts.totalCount").entity(Long.class).isEqualTo(3L);
  }

  @Test
  void anAnalystSeesConsistentPseudonymsUnlessGranted() {
    var masked = as(ANALYST).document("""
        { contact(id: "con_alice") { name email phone emails }
          neighborhood(id: "con_alice") { nodes { id displayName properties } }
          email: node(id: "eml_intro") { ... on Email { subject body } } }""").execute();
    String name = masked.path("contact.name").entity(String.class).get();
    assertThat(name).startsWith("Person ").doesNotContain("Alice");
    masked.path("contact.email").entity(String.class).satisfies(e -> assertThat(e).endsWith("@umbrella.invalid").doesNotContain("alice"));
    masked.path("contact.phone").entity(String.class).satisfies(p -> assertThat(p).startsWith("phone-").doesNotContain("2025550123", "555-0123", "555 0123"));
    masked.path("neighborhood.nodes[?(@.id == 'con_alice')].displayName").entityList(String.class).containsExactly(name);
    masked.path("neighborhood.nodes[?(@.id == 'con_alice')].properties").entityList(Map.class)
        .satisfies(list -> assertThat(list.get(0).toString()).doesNotContain("Alice", "alice@", "2025550123").contains(name));
    masked.path("neighborhood.nodes[?(@.id == 'acc_umbrella')].displayName").entityList(String.class).containsExactly("Umbrella");
    masked.path("email.body").entity(String.class).satisfies(b -> assertThat(b).doesNotContain("Alice", "Peter", "peter@", "202 555 0199", "555 0199", "2025550199").contains("[name]"));
    // The same person gets the same pseudonym in another request.
    as(ANALYST).document("{ contacts(filter: {accountId: \"acc_umbrella\"}) { edges { node { name } } } }").execute()
        .path("contacts.edges[0].node.name").entity(String.class).isEqualTo(name);
    as(GRANTED_ANALYST).document("{ contact(id: \"con_alice\") { name email } }").execute()
        .path("contact.name").entity(String.class).isEqualTo("Alice Wesker");
    // Analysts change nothing.
    as(ANALYST).document("mutation { setConsent(contactId: \"con_alice\", purpose: \"marketing\", granted: false) { __typename } }").execute()
        .errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN);
  }

  @Test
  void readsAndChangesOfPersonalDataAreAudited() {
    as(DANA).document("{ contact(id: \"con_peter\") { name email } }").execute().path("contact.name").entity(String.class).isEqualTo("Peter Gibbons");
    graphQl.document("mutation { setDoNotContact(contactId: \"con_alice\", value: true) { __typename } }")
        .execute().errors().verify();
    audit.flush();
    List<Audit.Event> aboutPeter = audit.events("con_peter", null, 10, null);
    assertThat(aboutPeter).singleElement().satisfies(e -> {
      assertThat(e.callerId()).isEqualTo("key_dana");
      assertThat(e.access()).isEqualTo(Audit.Access.READ);
      assertThat(e.fields()).contains("Contact.name", "Contact.email");
    });
    assertThat(audit.events("con_alice", null, 10, null)).singleElement().satisfies(e -> {
      assertThat(e.callerId()).isEqualTo(ADMIN.id());
      assertThat(e.access()).isEqualTo(Audit.Access.CHANGE);
      assertThat(e.fields()).contains("Mutation.setDoNotContact");
    });
    graphQl.document("{ auditLog(callerId: \"key_dana\") { callerName access subjects } }").execute()
        .path("auditLog[0].subjects").entityList(String.class).containsExactly("con_peter");
    as(DANA).document("{ auditLog { id } }").execute().errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN);
  }

  /** Issue #25: a node per read made the audit the biggest thing in the database; a caller's minute is one event. */
  @Test
  void aCallersReadsWithinAMinuteAreOneEventCountingThem() {
    long before = count("MATCH (e:AuditEvent) RETURN count(e)");
    for (int i = 0; i < 40; i++) {
      as(DANA).document("query Peter { contact(id: \"con_peter\") { name } }").execute().path("contact.name").hasValue();
      if (i == 20) {
        audit.flush(); // an open minute's event is rewritten as it grows, not written again
      }
    }
    as(DANA).document("query Peter { contact(id: \"con_peter\") { email } }").execute().path("contact.email").hasValue();
    audit.flush();
    List<Audit.Event> events = audit.events("con_peter", "key_dana", 10, null);
    // Forty-one reads: one event, or two when a minute ended between them.
    assertThat(events).hasSizeBetween(1, 2);
    assertThat(events.stream().mapToInt(Audit.Event::requests).sum()).isEqualTo(41);
    assertThat(count("MATCH (e:AuditEvent) RETURN count(e)") - before).isEqualTo(events.size());
    assertThat(events).allSatisfy(e -> {
      assertThat(e.operation()).isEqualTo("Query.contact");
      assertThat(e.subjects()).containsExactly("con_peter");
      assertThat(e.lastAt()).isAfterOrEqualTo(e.at());
    });
    assertThat(events.stream().flatMap(e -> e.fields().stream()).distinct()).contains("Contact.email", "Contact.name");
    graphQl.document("{ auditLog(callerId: \"key_dana\") { requests at lastAt } }").execute()
        .path("auditLog[0].requests").entity(Integer.class).satisfies(n -> assertThat(n).isPositive());
  }
}
