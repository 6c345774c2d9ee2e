package io.customergraph.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Writes made by another process on the same database (another service instance, the CLI) reach this one's candidate
 * index through the change feed (issue #23): here they are written with plain Cypher, publishing nothing.
 */
class ChangeFeedTest extends GraphSupport {

  @Autowired ChangeFeed feed;
  @Autowired org.springframework.context.support.AbstractApplicationContext context;

  @BeforeEach
  void fresh() {
    emptyGraph();
    feed.poll();
  }

  private List<String> found(String text) {
    return graphQl.document("query($t: String!) { search(text: $t, types: [CONTACT]) { node { id } } }").variable("t", text).execute()
        .path("search[*].node.id").entityList(String.class).get();
  }

  @Test
  void aContactWrittenElsewhereIsFoundAfterTheFeedAndAnIdMergedAwayElsewhereIsGone() {
    cypher("""
        CREATE (:Contact {id: 'con_elsewhere', name: 'Zelda Quartermaine', nameSort: 'zelda quartermaine', email: 'zelda@quarter.example',
                          emails: ['zelda@quarter.example'], nameVariants: [], createdAt: datetime()})""");
    assertThat(found("Zelda Quartermaine")).as("not yet: another process wrote it").doesNotContain("con_elsewhere");

    assertThat(feed.poll()).isGreaterThanOrEqualTo(1);
    assertThat(found("Zelda Quartermaine")).contains("con_elsewhere");
    assertThat(feed.lagSeconds()).isLessThan(5);

    // Merged away by another instance: the node is gone and an id: alias says where it went.
    cypher("""
        MATCH (c:Contact {id: 'con_elsewhere'}) DETACH DELETE c
        CREATE (:Alias {key: 'id:con_elsewhere', createdAt: datetime(), decision: 'merge'})""");
    feed.poll();
    assertThat(found("Zelda Quartermaine")).doesNotContain("con_elsewhere");
  }

  @Test
  void anEntityRestoredByASplitElsewhereIsFoundAfterTheFeed() {
    // A split restores the merged-away record with its old createdAt (and the survivor with its old updatedAt): only
    // the retracted link carries the time of the change (a restored contact stayed unsearchable before).
    cypher("""
        CREATE (:MergedContact {id: 'con_restored', name: 'Yorick Brackenbury', nameSort: 'yorick brackenbury', email: 'yorick@bracken.example',
                                emails: ['yorick@bracken.example'], nameVariants: [], createdAt: datetime('2020-01-01T00:00:00Z')})
               -[:SAME_AS {status: 'INFERRED'}]->
               (:Contact {id: 'con_survivor', name: 'Y. Brackenbury', nameSort: 'y. brackenbury', email: 'y.b@bracken.example',
                          emails: ['y.b@bracken.example'], nameVariants: [], createdAt: datetime('2020-01-01T00:00:00Z'),
                          updatedAt: datetime('2020-01-01T00:00:00Z')})""");
    feed.poll();
    assertThat(found("Yorick Brackenbury")).doesNotContain("con_restored");

    cypher("""
        MATCH (l:MergedContact {id: 'con_restored'})-[r:SAME_AS]->()
        SET r.status = 'RETRACTED', r.retractedAt = datetime() REMOVE l:MergedContact SET l:Contact""");
    assertThat(feed.poll()).isGreaterThanOrEqualTo(2);
    assertThat(found("Yorick Brackenbury")).contains("con_restored");
  }

  /**
   * More changes at one moment than a page holds (an import writes thousands with one timestamp): the feed went back
   * to the last change less the overlap, read the same full page again and never got past it — A's lag reached 480 s
   * under a 10,000-contact import through instance B (scale-benchmark).
   */
  @Test
  void moreChangesAtOneMomentThanAPageHoldsAreAllReadAndTheFeedCatchesUp() {
    feed.limit = 5;
    try {
      cypher("""
          WITH datetime() AS now
          UNWIND range(1, 23) AS i
          CREATE (:Contact {id: 'con_page_' + i, name: 'Paged Person ' + i, nameSort: 'paged person ' + i, email: 'paged' + i + '@page.example',
                            emails: ['paged' + i + '@page.example'], nameVariants: [], createdAt: now})""");
      java.util.Set<String> seen = new java.util.HashSet<>();
      org.springframework.context.ApplicationListener<org.springframework.context.PayloadApplicationEvent<?>> listener = e -> {
        if (e.getPayload() instanceof GraphChanged changed) {
          seen.addAll(changed.ids());
        }
      };
      context.addApplicationListener(listener);
      try {
        feed.poll();
      } finally {
        context.removeApplicationListener(listener);
      }
      assertThat(seen).as("every one of the 23, in pages of 5").containsAll(
          java.util.stream.IntStream.rangeClosed(1, 23).mapToObj(i -> "con_page_" + i).toList());
      assertThat(feed.lagSeconds()).as("caught up").isLessThan(5);
    } finally {
      feed.limit = ChangeFeed.LIMIT;
    }
  }
}
