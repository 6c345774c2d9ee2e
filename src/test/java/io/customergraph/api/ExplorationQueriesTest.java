package io.customergraph.api;

import io.customergraph.GraphSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;

/**
 * Fixture: Acme ← Jane, Joe (WORKS_AT); Jane SENT an email TO Bob; Bob WORKS_AT Globex. The email's provenance
 * record hangs off it. Shortest Acme–Globex path: Acme–Jane–Email–Bob–Globex (4 hops).
 */
class ExplorationQueriesTest extends GraphSupport {

  @BeforeEach
  void fixture() {
    cypher(
        """
        CREATE (acme:Account {id: 'acc_acme', name: 'Acme', nameSort: 'acme', status: 'CUSTOMER'})
        CREATE (globex:Account {id: 'acc_globex', name: 'Globex', nameSort: 'globex', status: 'PROSPECT'})
        CREATE (jane:Contact {id: 'con_jane', name: 'Jane', nameSort: 'jane'})-[:WORKS_AT]->(acme)
        CREATE (joe:Contact {id: 'con_joe', name: 'Joe', nameSort: 'joe'})-[:WORKS_AT]->(acme)
        CREATE (bob:Contact {id: 'con_bob', name: 'Bob', nameSort: 'bob'})-[:WORKS_AT]->(globex)
        CREATE (jane)-[:SENT]->(e:Email {id: 'eml_1', subject: 'Intro', body: '', direction: 'OUTBOUND', occurredAt: datetime()})-[:TO]->(bob)
        CREATE (:SourceRecord {id: 'src_1', key: 'mbox:1', source: 'mbox', sourceId: '1', contentHash: 'x', ingestedAt: datetime()})-[:PRODUCED]->(e)
        """);
  }

  @Test
  void neighborhoodGrowsHopByHop() {
    graphQl.documentName("neighborhood").variable("id", "acc_acme").variable("depth", 1).execute()
        .path("neighborhood.nodes[*].id").entityList(String.class).containsExactly("acc_acme", "con_jane", "con_joe")
        .path("neighborhood.relationships[*].type").entityList(String.class).containsExactly("WORKS_AT", "WORKS_AT")
        .path("neighborhood.truncated").entity(Boolean.class).isEqualTo(false);
    graphQl.documentName("neighborhood").variable("id", "acc_acme").variable("depth", 2).execute()
        .path("neighborhood.nodes[*].id").entityList(String.class).containsExactly("acc_acme", "con_jane", "con_joe", "eml_1");
    graphQl.documentName("neighborhood").variable("id", "acc_acme").variable("depth", 3).execute()
        .path("neighborhood.nodes[*].id").entityList(String.class).containsExactly("acc_acme", "con_jane", "con_joe", "eml_1", "con_bob")
        .path("neighborhood.nodes[*].depth").entityList(Integer.class).containsExactly(0, 1, 1, 2, 3)
        .path("neighborhood.relationships[?(@.type == 'TO')].startId").entityList(String.class).containsExactly("eml_1");
  }

  @Test
  void provenanceIsShownOnlyWhenAskedFor() {
    graphQl.documentName("neighborhood").variable("id", "eml_1").execute()
        .path("neighborhood.nodes[*].label").entityList(String.class).doesNotContain("SourceRecord");
    graphQl.documentName("neighborhood").variable("id", "eml_1").variable("includeProvenance", true).execute()
        .path("neighborhood.nodes[*].label").entityList(String.class).contains("SourceRecord");
  }

  @Test
  void limitTruncatesAndSaysSo() {
    graphQl.documentName("neighborhood").variable("id", "acc_acme").variable("depth", 3).variable("limit", 2).execute()
        .path("neighborhood.nodes[*].id").entityList(String.class).containsExactly("acc_acme", "con_jane")
        .path("neighborhood.relationships").entityList(Object.class).hasSize(1)
        .path("neighborhood.truncated").entity(Boolean.class).isEqualTo(true);
  }

  @Test
  void depthBeyondThreeIsABadRequestAndUnknownNodeIsNull() {
    graphQl.documentName("neighborhood").variable("id", "acc_acme").variable("depth", 4).execute()
        .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().contains("depth must be between 1 and 3"));
    graphQl.documentName("neighborhood").variable("id", "acc_nope").execute().path("neighborhood").valueIsNull();
  }

  @Test
  void pathFindsTheShortestRouteThroughTheEmail() {
    var response = graphQl.documentName("path").variable("from", "acc_acme").variable("to", "acc_globex").execute();
    response.path("path").entityList(Object.class).hasSize(1);
    response.path("path[0].length").entity(Integer.class).isEqualTo(4);
    response.path("path[0].nodes[*].id").entityList(String.class).containsExactly("acc_acme", "con_jane", "eml_1", "con_bob", "acc_globex");
    response.path("path[0].relationships[*].type").entityList(String.class).containsExactly("WORKS_AT", "SENT", "TO", "WORKS_AT");
  }

  /**
   * Issue #18.8: Bob was also copied on the email (TO and CC to the same person) and the Acme–Jane relationship was
   * recorded twice: the same route came back once per combination of parallel relationships. One route per sequence
   * of nodes now, through the first relationship of each step by type.
   */
  @Test
  void parallelRelationshipsGiveOneRouteNotOnePerCombination() {
    cypher("""
        MATCH (e:Email {id: 'eml_1'}), (bob:Contact {id: 'con_bob'}), (jane:Contact {id: 'con_jane'}), (acme:Account {id: 'acc_acme'})
        CREATE (e)-[:CC]->(bob)
        CREATE (jane)-[:WORKS_AT {since: date('2020-01-01')}]->(acme)""");
    var response = graphQl.documentName("path").variable("from", "acc_acme").variable("to", "acc_globex").execute();
    response.path("path").entityList(Object.class).hasSize(1);
    response.path("path[0].relationships[*].type").entityList(String.class).containsExactly("WORKS_AT", "SENT", "CC", "WORKS_AT");
  }

  @Test
  void pathLongerThanMaxHopsIsNotFound() {
    graphQl.documentName("path").variable("from", "acc_acme").variable("to", "acc_globex").variable("maxHops", 3).execute()
        .path("path").entityList(Object.class).hasSize(0);
  }
}
