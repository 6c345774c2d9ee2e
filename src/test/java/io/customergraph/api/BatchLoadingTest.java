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

    assertThat(large).as("statements for 30 accounts vs 15").isEqualTo(medium);
    // accounts, contacts, deals, contact.account, 2 timelines, deal.account and one per interaction relation.
    assertThat(large).isLessThanOrEqualTo(16);
  }

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
    assertThat(queries.count()).as("statements for 30 accounts with scores vs 15").isEqualTo(medium);

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
