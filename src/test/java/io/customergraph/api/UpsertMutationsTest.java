package io.customergraph.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpsertMutationsTest extends GraphSupport {

  private Map<String, Object> upsertAccount(Map<String, Object> input) {
    return graphQl.documentName("upsertAccount").variable("input", input).execute().path("upsertAccount").entity(Map.class).get();
  }

  @Test
  void createsThenUpdatesTheSameAccountWithoutDuplicates() {
    Map<String, Object> first = upsertAccount(Map.of("name", "Acme Corp", "domain", "ACME.com", "country", "us"));
    assertThat(first).containsEntry("__typename", "AccountUpserted").containsEntry("created", true);
    @SuppressWarnings("unchecked")
    Map<String, Object> account = (Map<String, Object>) first.get("account");
    assertThat(account).containsEntry("domain", "acme.com").containsEntry("country", "US").containsEntry("status", "PROSPECT");

    Map<String, Object> second = upsertAccount(Map.of("name", "Acme Corp", "domain", "acme.com", "industry", "Retail"));
    assertThat(second).containsEntry("created", false);
    @SuppressWarnings("unchecked")
    Map<String, Object> updated = (Map<String, Object>) second.get("account");
    assertThat(updated).containsEntry("id", account.get("id")).containsEntry("industry", "Retail").containsEntry("country", "US");

    assertThat(count("MATCH (a:Account) RETURN count(a)")).isEqualTo(1);
    assertThat(count("MATCH (s:SourceRecord {source: 'api'})-[:PRODUCED]->(:Account) RETURN count(s)"))
        .as("one provenance record per distinct input")
        .isEqualTo(2);
    upsertAccount(Map.of("name", "Acme Corp", "domain", "acme.com", "industry", "Retail"));
    assertThat(count("MATCH (s:SourceRecord) RETURN count(s)")).as("the same input again adds no record").isEqualTo(2);
  }

  @Test
  void refusedInputComesBackAsDataWithEveryProblemAndStoresNothing() {
    Map<String, Object> result =
        upsertAccount(Map.of("name", " ", "domain", "https://acme.com/", "country", "Atlantis", "employees", -3));
    assertThat(result).containsEntry("__typename", "ValidationFailed");
    @SuppressWarnings("unchecked")
    List<Map<String, String>> errors = (List<Map<String, String>>) result.get("errors");
    assertThat(errors).extracting(e -> e.get("field")).containsExactlyInAnyOrder("name", "domain", "country", "employees");
    assertThat(errors).extracting(e -> e.get("code")).contains("BLANK", "INVALID_DOMAIN", "INVALID_COUNTRY", "OUT_OF_RANGE");
    assertThat(count("MATCH (n) WHERE NOT n:__Migration AND NOT n:AuditEvent RETURN count(n)")).isZero();
  }

  @Test
  void contactIsMatchedByEmailAndMovesBetweenAccounts() {
    String a = accountId("Globex", "globex.com");
    String b = accountId("Initech", "initech.com");
    Map<String, Object> created =
        graphQl.documentName("upsertContact")
            .variable("input", Map.of("name", "Jane Doe", "email", "Jane.Doe@Globex.com", "accountId", a))
            .execute()
            .path("upsertContact.created").entity(Boolean.class).isEqualTo(true)
            .path("upsertContact.contact").entity(Map.class).get();
    graphQl.documentName("upsertContact")
        .variable("input", Map.of("email", "jane.doe@globex.com", "title", "CFO", "accountId", b))
        .execute()
        .path("upsertContact.created").entity(Boolean.class).isEqualTo(false)
        .path("upsertContact.contact.id").entity(String.class).isEqualTo((String) created.get("id"))
        .path("upsertContact.contact.title").entity(String.class).isEqualTo("CFO")
        .path("upsertContact.contact.account.name").entity(String.class).isEqualTo("Initech");
    assertThat(count("MATCH (c:Contact) RETURN count(c)")).isEqualTo(1);
    assertThat(count("MATCH (:Contact)-[w:WORKS_AT]->() RETURN count(w)")).as("moved, not added").isEqualTo(1);
    // Upserted people and companies join the candidate index at once: fuzzy search finds them (typo and all).
    graphQl.document("{ search(text: \"Jane Doo\") { node { id } } }").execute()
        .path("search[0].node.id").entity(String.class).isEqualTo((String) created.get("id"));
    graphQl.document("{ search(text: \"Initech\", types: [ACCOUNT]) { node { id } } }").execute()
        .path("search[0].node.id").entity(String.class).isEqualTo(b);
  }

  @Test
  void contactForAMissingAccountIsRefused() {
    assertThat(graphQl.documentName("upsertContact")
        .variable("input", Map.of("name", "Jane Doe", "email", "not-an-email", "accountId", "acc_missing", "timeZone", "Mars/Olympus"))
        .execute()
        .path("upsertContact.__typename").entity(String.class).isEqualTo("ValidationFailed")
        .path("upsertContact.errors[*].code").entityList(String.class).get()).containsExactlyInAnyOrder("INVALID_EMAIL", "NOT_FOUND", "INVALID_TIME_ZONE");
    assertThat(count("MATCH (c:Contact) RETURN count(c)")).isZero();
  }

  @Test
  void dealStageChangesAreAppendedToHistoryAndCloseTheDeal() {
    String account = accountId("Umbrella", "umbrella.com");
    Map<String, Object> input = Map.of("name", "Umbrella – Pro", "accountId", account, "stage", "PROSPECTING", "amount", 12000.0,
        "currency", "eur", "stageChangedAt", "2026-01-05T10:00:00Z");
    graphQl.documentName("upsertDeal").variable("input", input).execute()
        .path("upsertDeal.created").entity(Boolean.class).isEqualTo(true)
        .path("upsertDeal.deal.currency").entity(String.class).isEqualTo("EUR");
    graphQl.documentName("upsertDeal").variable("input", input).execute()
        .path("upsertDeal.created").entity(Boolean.class).isEqualTo(false)
        .path("upsertDeal.deal.stageHistory").entityList(Object.class).hasSize(1);
    graphQl.documentName("upsertDeal")
        .variable("input", Map.of("name", "Umbrella – Pro", "accountId", account, "stage", "WON", "stageChangedAt", "2026-02-01T09:00:00Z"))
        .execute()
        .path("upsertDeal.deal.outcome").entity(String.class).isEqualTo("WON")
        .path("upsertDeal.deal.closedAt").entity(String.class).isEqualTo("2026-02-01T09:00:00.000Z")
        .path("upsertDeal.deal.stageHistory[*].stage").entityList(String.class).containsExactly("PROSPECTING", "WON");
    assertThat(count("MATCH (d:Deal) RETURN count(d)")).isEqualTo(1);
  }

  @Test
  void dealNeedsNameAccountAndStageWhenCreated() {
    // One answer lists every problem (issue #18: the required fields only showed once the amount was fixed).
    assertThat(graphQl.documentName("upsertDeal").variable("input", Map.of("amount", -1.0)).execute()
        .path("upsertDeal.errors[*].field").entityList(String.class).get()).containsExactlyInAnyOrder("amount", "name", "accountId", "stage");
    // Amounts have a sane upper bound: 1e308 once broke the pipeline-amount panel.
    assertThat(graphQl.documentName("upsertDeal").variable("input", Map.of("amount", 1e308)).execute()
        .path("upsertDeal.errors[?(@.field == 'amount')].message").entityList(String.class).get()).singleElement().asString().contains("between 0 and");
    assertThat(graphQl.documentName("upsertDeal").variable("input", Map.of("amount", 5.0)).execute()
        .path("upsertDeal.errors[*].field").entityList(String.class).get()).containsExactlyInAnyOrder("name", "accountId", "stage");
    assertThat(count("MATCH (d:Deal) RETURN count(d)")).isZero();
  }

  @Test
  void sameActivityRecordedTwiceIsStoredOnce() {
    String account = accountId("Hooli", "hooli.com");
    graphQl.documentName("upsertContact")
        .variable("input", Map.of("name", "Gavin Belson", "email", "gavin@hooli.com", "accountId", account))
        .execute();
    Map<String, Object> event = Map.of("contactEmail", "GAVIN@hooli.com", "type", "PAGE_VIEWED", "occurredAt", "2026-03-01T12:00:00Z",
        "url", "https://example.invalid/pricing");
    graphQl.documentName("recordActivity").variable("input", event).execute()
        .path("recordActivity.created").entity(Boolean.class).isEqualTo(true);
    graphQl.documentName("recordActivity").variable("input", event).execute()
        .path("recordActivity.created").entity(Boolean.class).isEqualTo(false);
    assertThat(count("MATCH (:Contact)-[:PERFORMED]->(a:Activity) RETURN count(a)")).isEqualTo(1);
  }

  @Test
  void activityInTheFutureOrForAnUnknownContactIsRefused() {
    assertThat(graphQl.documentName("recordActivity")
        .variable("input", Map.of("contactEmail", "nobody@nowhere.invalid", "type", "EMAIL_OPENED", "occurredAt", "2999-01-01T00:00:00Z"))
        .execute()
        .path("recordActivity.errors[*].code").entityList(String.class).get()).containsExactlyInAnyOrder("NOT_FOUND", "IN_FUTURE");
    assertThat(count("MATCH (a:Activity) RETURN count(a)")).isZero();
  }

  @Test
  void anUpsertedContactIsResolvedAgainstTheOthersOnceItsTransactionHasCommitted() {
    fillerPeople();
    entityIndex.rebuild();
    String acme = accountId("Acme Corp", "acme.com");
    String robert = graphQl.documentName("upsertContact")
        .variable("input", Map.of("name", "Robert Lanyon", "email", "robert.lanyon@acme.com", "accountId", acme)).execute()
        .path("upsertContact.contact.id").entity(String.class).get();
    resolveLifecycle.awaitUpserts();
    assertThat(count("MATCH (c:Contact) RETURN count(c)")).as("nothing like Robert yet").isEqualTo(151);

    // Bob Lanyon at a mistyped domain, with a phone: the same person (ResolutionGraphTest merges the same pair).
    String bob = graphQl.documentName("upsertContact")
        .variable("input", Map.of("name", "Bob Lanyon", "email", "robert.lanyon@acme.co", "phone", "+44 20 7946 0000", "accountId", acme)).execute()
        .path("upsertContact.created").entity(Boolean.class).isEqualTo(true)
        .path("upsertContact.contact.id").entity(String.class).get();
    resolveLifecycle.awaitUpserts();
    assertThat(count("MATCH (:MergedContact {id: '%s'})-[:SAME_AS {status: 'INFERRED'}]->(:Contact {id: '%s'}) RETURN count(*)".formatted(bob, robert)))
        .isEqualTo(1);
    graphQl.document("query($id: ID!) { node(id: $id) { id } }").variable("id", bob).execute().path("node.id").entity(String.class).isEqualTo(robert);

    // Updating Robert (not a new contact) resolves nothing again.
    graphQl.documentName("upsertContact").variable("input", Map.of("email", "robert.lanyon@acme.com", "title", "CFO")).execute()
        .path("upsertContact.created").entity(Boolean.class).isEqualTo(false);
    resolveLifecycle.awaitUpserts();
    assertThat(count("MATCH (r:Review) RETURN count(r)")).isZero();
  }

  private String accountId(String name, String domain) {
    return graphQl.documentName("upsertAccount").variable("input", Map.of("name", name, "domain", domain)).execute()
        .path("upsertAccount.account.id").entity(String.class).get();
  }
}
