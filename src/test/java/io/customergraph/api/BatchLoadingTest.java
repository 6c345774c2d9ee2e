package io.customergraph.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import io.customergraph.demo.DemoLoader;
import io.customergraph.demo.DemoWorldGenerator;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A page of accounts with contacts, deals and timelines costs the same few queries whatever its size: one per
 * relation field that occurs on the page, never one per row. Both pages hold every interaction kind, so the same
 * relation fields are resolved for both.
 */
class BatchLoadingTest extends GraphSupport {

  @Autowired DemoLoader loader;
  @Autowired io.customergraph.score.Scorer scorer;

  @Test
  void queryCountDoesNotGrowWithPageSize() {
    loader.load(DemoWorldGenerator.generate(7, 40, LocalDate.of(2026, 6, 1)));

    queries.reset();
    graphQl.documentName("accountsWithEverything").variable("first", 15).execute()
        .path("accounts.edges").entityList(Object.class).hasSize(15);
    int medium = queries.count();

    queries.reset();
    graphQl.documentName("accountsWithEverything").variable("first", 30).execute()
        .path("accounts.edges").entityList(Object.class).hasSize(30);
    int large = queries.count();

    // accounts, contacts, deals, contact.account, 2 timelines, deal.account and one per interaction relation (14); a
    // loader dispatched before its last key arrived (fields resolve on worker threads) may add one now and then — 17
    // was seen once in a clean CI run — never one per row: 15 more accounts may not add 15 statements, or even 5.
    assertThat(medium).as("statements for 15 accounts").isLessThanOrEqualTo(20);
    assertThat(large).as("statements for 30 accounts").isLessThanOrEqualTo(20);
    assertThat(large - medium).as("statements added by 15 more accounts").isLessThanOrEqualTo(4);
  }

  /**
   * Issue #25: a page of accounts with their contacts and deals was three statements (the page, then a batch of
   * contacts and one of deals); it is one now, and answers what the accounts' own relation fields answer.
   */
  @Test
  void aPageWithContactsAndDealsIsOneStatementAndAgreesWithEachAccount() {
    loader.load(DemoWorldGenerator.generate(7, 40, LocalDate.of(2026, 6, 1)));
    queries.reset();
    graphQl.document("{ accounts(first: 25) { edges { node { id name contacts { id name title } deals { id name stage amount } } } } }")
        .execute().path("accounts.edges[*].node.contacts[*].name").entityList(String.class).hasSizeGreaterThan(25);
    assertThat(queries.count()).as("statements for a page with its contacts and deals").isEqualTo(1);

    List<java.util.Map<String, Object>> page = graphQl
        .document("{ accounts(first: 25) { edges { node { id contacts { id name account { id } } deals { id stage amount } } } } }")
        .execute().path("accounts.edges[*].node").entityList(new org.springframework.core.ParameterizedTypeReference<java.util.Map<String, Object>>() {}).get();
    assertThat(page).hasSize(25);
    assertThat(page.stream().mapToInt(n -> ((List<?>) n.get("contacts")).size()).sum()).isGreaterThan(25);
    assertThat(page.stream().mapToInt(n -> ((List<?>) n.get("deals")).size()).sum()).isGreaterThan(0);
    for (java.util.Map<String, Object> node : page) {
      // one account at a time goes through the batch loaders, not the page's statement
      java.util.Map<String, Object> alone = graphQl
          .document("query($id: ID!) { account(id: $id) { id contacts { id name account { id } } deals { id stage amount } } }")
          .variable("id", node.get("id")).execute().path("account")
          .entity(new org.springframework.core.ParameterizedTypeReference<java.util.Map<String, Object>>() {}).get();
      assertThat(alone).isEqualTo(node);
    }
  }

  /** accounts, contacts, deals, consent, three score kinds: seven when every loader is dispatched once. */
  private static final int SCORE_PAGE_BOUND = 12;

  private static final String PAGE_WITH_SCORES =
      "query($first: Int) { accounts(first: $first) { edges { node { id name score { probability } contacts { name title score { probability } } deals { name stage amount score { probability } } } } } }";

  /**
   * Issue #18: a page of accounts with their contacts' scores read one score per contact; two such requests at once
   * emptied the driver's connection pool and came back damaged. Scores of a page are now read together, and several
   * requests at once all answer in full.
   */
  @Test
  void scoresOfAPageAreReadTogetherAndConcurrentPagesAnswerInFull() throws Exception {
    loader.load(DemoWorldGenerator.generate(7, 40, LocalDate.of(2026, 6, 1)));
    for (io.customergraph.score.ScoreKind kind : io.customergraph.score.ScoreKind.values()) {
      scorer.rescoreAll(kind); // as the service does in the background after a load
    }

    queries.reset();
    graphQl.document(PAGE_WITH_SCORES).variable("first", 15).execute().path("accounts.edges[*].node.contacts[*].score.probability")
        .entityList(Double.class).hasSizeGreaterThan(15);
    int medium = queries.count();
    queries.reset();
    graphQl.document(PAGE_WITH_SCORES).variable("first", 30).execute().path("accounts.edges[*].node.contacts[*].score.probability")
        .entityList(Double.class).hasSizeGreaterThan(30);
    int large = queries.count();
    // Contacts and deals are fetched on worker threads, so a kind's score loader is sometimes dispatched before the
    // last contact list arrived and reads its scores in two statements (a CI run counted 9 against 7). What must hold
    // is that the count follows the relation fields, never the rows: 30 accounts with ~100 contacts and deals would
    // cost over a hundred statements one score at a time; a page costs at most two per relation field here.
    assertThat(medium).as("statements for 15 accounts with scores").isLessThanOrEqualTo(SCORE_PAGE_BOUND);
    assertThat(large).as("statements for 30 accounts with scores").isLessThanOrEqualTo(SCORE_PAGE_BOUND);

    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 16; i++) {
        answers.add(pool.submit(() -> {
          var response = graphQl.document(PAGE_WITH_SCORES).variable("first", 40).execute();
          response.errors().verify(); // fails on any error
          return response.path("accounts.edges[*].node.contacts[*].score.probability").entityList(Double.class).get().size();
        }));
      }
      int expected = answers.getFirst().get();
      for (var a : answers) {
        assertThat(a.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
