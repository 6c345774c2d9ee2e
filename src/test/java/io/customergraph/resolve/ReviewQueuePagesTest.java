package io.customergraph.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.summary.ProfiledPlan;

/**
 * A page of the review queue reads about a page of reviews, however many are open (a large import opens thousands):
 * the review_queue index is read in order from the cursor. Checked with Neo4j's own profile, not a clock.
 */
class ReviewQueuePagesTest extends GraphSupport {

  private static final int OPEN = 600;

  @BeforeEach
  void sixHundredOpenReviews() {
    emptyGraph();
    cypher(
        """
        UNWIND range(0, %d) AS i
        CREATE (:Review {id: 'rev_' + right('00' + toString(i), 3), status: CASE WHEN i %% 7 = 0 THEN 'MERGED' ELSE 'OPEN' END,
                         uncertainty: toFloat((i * 37) %% 250) / 500.0, kind: 'CONTACT', aId: 'con_a' + i, bId: 'con_b' + i,
                         probability: 0.5, weight: 0.0, createdAt: datetime()})
        """
            .formatted(OPEN - 1));
  }

  @Test
  void aPageReadsAboutAPageOfReviewsAndPagesContinueInOrder() {
    ProfiledPlan plan = neo4j.query("PROFILE " + Resolver.REVIEW_PAGE).bindAll(Map.of("u", -1.0, "id", "", "limit", 21)).run().profile();
    ProfiledPlan leaf = plan;
    while (!leaf.children().isEmpty()) {
      leaf = leaf.children().get(0);
    }
    assertThat(leaf.operatorType()).startsWith("NodeIndexSeek");
    assertThat(leaf.records()).isLessThanOrEqualTo(25);

    List<String> seen = new ArrayList<>();
    List<Double> uncertainties = new ArrayList<>();
    double u = -1;
    String id = "";
    while (true) {
      List<Map<String, Object>> rows = List.copyOf(neo4j.query(Resolver.REVIEW_PAGE.replace("RETURN r", "RETURN r.id AS id, r.uncertainty AS u"))
          .bindAll(Map.of("u", u, "id", id, "limit", 21)).fetch().all());
      rows.stream().limit(20).forEach(r -> {
        seen.add((String) r.get("id"));
        uncertainties.add((Double) r.get("u"));
      });
      if (rows.size() <= 20) {
        break;
      }
      u = (Double) rows.get(19).get("u");
      id = (String) rows.get(19).get("id");
    }
    assertThat(seen).hasSize((int) count("MATCH (r:Review {status: 'OPEN'}) RETURN count(r)")).doesNotHaveDuplicates();
    assertThat(uncertainties).isSorted();
  }
}
