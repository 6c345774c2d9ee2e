package io.customergraph.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import io.customergraph.demo.DemoLoader;
import io.customergraph.demo.DemoWorldGenerator;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A page of accounts with contacts, deals and timelines costs the same few queries whatever its size: one per
 * relation field that occurs on the page, never one per row. Both pages hold every interaction kind, so the same
 * relation fields are resolved for both.
 */
class BatchLoadingTest extends GraphSupport {

  @Autowired DemoLoader loader;

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
}
