package io.customergraph.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.summary.ProfiledPlan;

/**
 * A page of a ranking (topScored) reads about a page of scores, whatever the graph's size: the score_rank index is
 * read in order from the cursor. Before, every page read all scores of the kind, looked each entity up and sorted
 * them. Checked with Neo4j's own profile, not a clock.
 */
class RankingPagesTest extends GraphSupport {

  private static final int PEOPLE = 600;

  @BeforeEach
  void sixHundredScoredPeople() {
    emptyGraph();
    cypher(
        """
        UNWIND range(0, %d) AS i
        CREATE (:Contact {id: 'con_' + right('00' + toString(i), 3), name: 'Person ' + i, nameSort: 'person ' + i, createdAt: datetime(), updatedAt: datetime()})
        CREATE (:Score {id: 'LEAD_PRIORITY:con_' + right('00' + toString(i), 3), kind: 'LEAD_PRIORITY', entityId: 'con_' + right('00' + toString(i), 3),
                        probability: toFloat((i * 37) %% 300) / 300.0, band: 'C'})
        """
            .formatted(PEOPLE - 1));
  }

  @Test
  void aRankingPageReadsAboutAPageOfScoresAndPagesContinueInOrder() {
    String statement = Scorer.topStatement(ScoreKind.LEAD_PRIORITY);
    ProfiledPlan plan = neo4j.query("PROFILE " + statement).bindAll(params(2.0, "")).run().profile();
    ProfiledPlan leaf = plan;
    while (!leaf.children().isEmpty()) {
      leaf = leaf.children().get(0);
    }
    assertThat(leaf.operatorType()).startsWith("NodeIndexSeek");
    // a page of 20 and the one that says there is more, plus the ties at the page's last probability (two each here)
    assertThat(leaf.records()).isLessThanOrEqualTo(25);

    // pages from the cursor continue where the last ended: highest first, ties by id, nothing twice, nothing left out
    List<String> seen = new ArrayList<>();
    double afterP = 2.0;
    String afterId = "";
    List<Double> probabilities = new ArrayList<>();
    while (true) {
      List<Map<String, Object>> rows = List.copyOf(neo4j.query(statement).bindAll(params(afterP, afterId)).fetch().all());
      rows.stream().limit(20).forEach(r -> {
        seen.add((String) r.get("id"));
        probabilities.add((Double) r.get("p"));
      });
      if (rows.size() <= 20) {
        break;
      }
      afterP = (Double) rows.get(19).get("p");
      afterId = (String) rows.get(19).get("id");
    }
    assertThat(seen).hasSize(PEOPLE).doesNotHaveDuplicates();
    assertThat(probabilities).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  private static Map<String, Object> params(double afterP, String afterId) {
    Map<String, Object> p = new HashMap<>();
    p.put("kind", ScoreKind.LEAD_PRIORITY.name());
    p.put("band", null);
    p.put("afterP", afterP);
    p.put("afterId", afterId);
    p.put("limit", 21);
    p.put("accounts", null);
    return p;
  }
}
