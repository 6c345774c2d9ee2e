package io.customergraph.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import io.customergraph.TestData;
import io.customergraph.ingest.Importer;
import io.customergraph.ingest.IngestKind;
import io.customergraph.security.Caller;
import io.customergraph.security.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;

/** {@code stats} answers "what did my import give?" without walking timelines. */
class StatsQueryTest extends GraphSupport {

  private static final String STATS = """
      { stats { nodes { name count } interactions { name count } tags { name count } competitorMentions quarantined
                quarantineReasons { name count } openReviews scored { name count } lastImport { kind source records at } } }""";

  @Autowired Importer importer;

  @Test
  void anEmptyGraphCountsNothing() {
    var stats = graphQl.document(STATS).execute();
    stats.path("stats.nodes").entityList(Object.class).hasSize(0);
    stats.path("stats.interactions[*].count").entityList(Long.class).containsExactly(0L, 0L, 0L, 0L, 0L, 0L);
    stats.path("stats.interactions[*].name").entityList(String.class).containsExactly("EMAIL", "CALL", "TICKET", "INVOICE", "ACTIVITY", "DEAL");
    stats.path("stats.lastImport").valueIsNull();
  }

  @Test
  void countsWhatAMailboxImportAndTheQuarantineGave() {
    importer.importFiles(IngestKind.EMAIL, List.of(TestData.path("email/maildir/allen-p")), Map.of(), p -> {});
    for (String row : List.of("Acme,retail,120,surplus", "Globex,energy,80,extra")) {
      graphQl.document("mutation($p: String!) { ingestRecord(kind: ACCOUNT, payload: $p, metadata: \"account,sector,employees\") { outcome } }")
          .variable("p", row).execute().path("ingestRecord.outcome").entity(String.class).isEqualTo("QUARANTINED");
    }
    long reviewsOfTheImport = count("MATCH (r:Review {status: 'OPEN'}) RETURN count(r)");
    cypher("""
        CREATE (:Review {id: 'rev_1', status: 'OPEN'}), (:Review {id: 'rev_2', status: 'OPEN'}), (:Review {id: 'rev_3', status: 'CONFIRMED'})
        CREATE (:Score {id: 'LEAD_PRIORITY:a', kind: 'LEAD_PRIORITY', probability: 0.4}), (:Score {id: 'LEAD_PRIORITY:b', kind: 'LEAD_PRIORITY', probability: 0.6}),
               (:Score {id: 'CHURN_RISK:c', kind: 'CHURN_RISK', probability: 0.1})""");

    var stats = graphQl.document(STATS).execute();
    stats.path("stats.interactions[?(@.name == 'EMAIL')].count").entityList(Long.class).containsExactly(309L);
    stats.path("stats.nodes[?(@.name == 'Email')].count").entityList(Long.class).containsExactly(309L);
    stats.path("stats.nodes[?(@.name == 'Contact')].count").entityList(Long.class)
        .containsExactly(count("MATCH (c:Contact) RETURN count(c)"));
    stats.path("stats.nodes[*].name").entityList(String.class).doesNotContain("__Migration");
    // Each tag's count is the number of interactions carrying it.
    var tagged = neo4j.query("MATCH (t:Tag) RETURN t.name AS name, COUNT { (t)<-[:TAGGED]-() } AS count ORDER BY count DESC, name").fetch().all();
    assertThat(tagged).isNotEmpty();
    stats.path("stats.tags").entityList(Map.class).satisfies(tags -> assertThat(tags.toString()).isEqualTo(tagged.toString()));
    stats.path("stats.quarantined").entity(Long.class).isEqualTo(2L);
    stats.path("stats.quarantineReasons[*].count").entityList(Long.class).containsExactly(2L);
    stats.path("stats.quarantineReasons[0].name").entity(String.class).satisfies(r -> assertThat(r).startsWith("row has 4 columns but the header has 3"));
    stats.path("stats.openReviews").entity(Long.class).isEqualTo(reviewsOfTheImport + 2);
    stats.path("stats.scored").entityList(Map.class)
        .satisfies(s -> assertThat(s.toString()).isEqualTo("[{name=CHURN_RISK, count=1}, {name=LEAD_PRIORITY, count=2}]"));
    stats.path("stats.lastImport.kind").entity(String.class).isEqualTo("account");
    stats.path("stats.lastImport.source").entity(String.class).isEqualTo("graphql");
    stats.path("stats.lastImport.records").entity(Long.class).isEqualTo(2L);
  }

  @Test
  void aRepMayNotCountTheWholeCompany() {
    Caller rep = new Caller("key_rep", "Dana", Set.of(Role.REP), "Dana Whitfield", "East", false);
    as(rep).document("{ stats { quarantined } }").execute().errors()
        .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getPath().equals("stats")).verify();
  }
}
