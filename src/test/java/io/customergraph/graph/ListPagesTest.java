package io.customergraph.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.summary.ProfiledPlan;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A page of a list reads about a page of nodes, whatever the graph's size: the statements walk their sort index in
 * order and stop (before, every page read and sorted every account). Checked with Neo4j's own profile, not a clock.
 */
class ListPagesTest extends GraphSupport {

  private static final int NODES = 600;

  @Autowired GraphReader reader;

  @BeforeEach
  void sixHundredOfEach() {
    emptyGraph();
    cypher(
        """
        UNWIND range(0, %d) AS i
        WITH i, (i * 37) %% %d AS j
        CREATE (a:Account {id: 'acc_' + j, name: 'Company ' + right('00' + toString(j), 3),
                           nameSort: 'company ' + right('00' + toString(j), 3), status: 'PROSPECT', createdAt: datetime(), updatedAt: datetime()})
        CREATE (c:Contact {id: 'con_' + j, name: 'Person ' + right('00' + toString(j), 3), nameSort: 'person ' + right('00' + toString(j), 3),
                           createdAt: datetime(), updatedAt: datetime()})-[:WORKS_AT]->(a)
        CREATE (:Deal {id: 'deal_' + right('00' + toString(j), 3), name: 'Deal ' + j, nameSort: 'deal ' + j, stage: 'PROSPECTING',
                       occurredAt: datetime('2026-01-01T00:00:00Z') + duration({hours: j}), createdAt: datetime(), updatedAt: datetime()})-[:FOR]->(a)
        """
            .formatted(NODES - 1, NODES));
  }

  @Test
  void eachListReadsItsIndexInOrderAndStopsAtThePageEnd() {
    for (String statement : List.of(GraphReader.ACCOUNT_PAGE, GraphReader.CONTACT_PAGE, GraphReader.DEAL_PAGE)) {
      ProfiledPlan plan = neo4j.query("PROFILE " + statement).bindAll(params(null, null)).run().profile();
      ProfiledPlan leaf = leaf(plan);
      // A seek from the cursor or a scan in index order: either way it stops once the page is full.
      assertThat(leaf.operatorType()).as(describe(plan)).startsWith("NodeIndex");
      assertThat(leaf.records()).as(describe(plan)).isLessThanOrEqualTo(25);
    }
  }

  @Test
  void laterPagesSeekFromTheCursorAndTheOrderHolds() {
    List<String> names = new ArrayList<>();
    Cursor after = null;
    do {
      Page<Account> page = reader.accounts(Filters.AccountFilter.NONE, 100, after);
      page.edges().forEach(e -> names.add(e.node().name()));
      after = page.hasNextPage() ? Cursor.decode(page.edges().getLast().cursor()) : null;
    } while (after != null);
    assertThat(names).hasSize(NODES).doesNotHaveDuplicates().isSorted();

    List<String> deals = new ArrayList<>();
    Cursor afterDeal = null;
    do {
      Page<Deal> page = reader.deals(Filters.DealFilter.NONE, 100, afterDeal);
      page.edges().forEach(e -> deals.add(e.node().id()));
      afterDeal = page.hasNextPage() ? Cursor.decode(page.edges().getLast().cursor()) : null;
    } while (afterDeal != null);
    assertThat(deals).hasSize(NODES).doesNotHaveDuplicates().isSortedAccordingTo(java.util.Comparator.reverseOrder());

    ProfiledPlan plan = neo4j.query("PROFILE " + GraphReader.ACCOUNT_PAGE).bindAll(params("company 500", "acc_500")).run().profile();
    assertThat(leaf(plan).records()).as(describe(plan)).isLessThanOrEqualTo(25);
  }

  private static Map<String, Object> params(String afterKey, String afterId) {
    Map<String, Object> p = new HashMap<>();
    for (String k : List.of("nameContains", "domain", "industry", "owner", "status", "scope", "email", "domainSuffix", "accountId",
        "titleContains", "stage", "stages", "afterTime")) {
      p.put(k, null);
    }
    p.put("afterKey", afterKey);
    p.put("afterId", afterId);
    p.put("from", afterKey == null ? "" : afterKey);
    p.put("upTo", ZonedDateTime.of(9999, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC));
    p.put("limit", 21);
    p.put("withContacts", true);
    p.put("withDeals", true);
    return p;
  }

  private static String describe(ProfiledPlan plan) {
    StringBuilder out = new StringBuilder();
    for (ProfiledPlan p = plan; p != null; p = p.children().isEmpty() ? null : p.children().get(0)) {
      out.append(p.operatorType()).append(" rows=").append(p.records()).append(' ').append(p.arguments().get("Details")).append('\n');
    }
    return out.toString();
  }

  private static ProfiledPlan leaf(ProfiledPlan plan) {
    ProfiledPlan p = plan;
    while (!p.children().isEmpty()) {
      p = p.children().get(0);
    }
    return p;
  }
}
