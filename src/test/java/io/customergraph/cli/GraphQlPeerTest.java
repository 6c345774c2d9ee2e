package io.customergraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * benchmark-real's GraphQL part compares the service with @neo4j/graphql only after both returned the same accounts,
 * contacts and deals (in any order); the peer's files travel in the jar.
 */
class GraphQlPeerTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void theSameDataInAnotherOrderIsTheSameAndAMissingContactIsNot() {
    JsonNode ours = JSON.readTree("""
        [{"id":"acc_1","name":"Acme","contacts":[{"id":"con_1","name":"Ann"},{"id":"con_2","name":"Bo"}],"deals":[{"id":"dea_1","stage":"WON","amount":10}]},
         {"id":"acc_2","name":"Initech","contacts":[],"deals":[]}]""");
    JsonNode theirs = JSON.readTree("""
        [{"id":"acc_2","name":"Initech","contacts":[],"deals":[]},
         {"id":"acc_1","name":"Acme","contacts":[{"id":"con_2","name":"Bo"},{"id":"con_1","name":"Ann"}],"deals":[{"id":"dea_1","stage":"WON","amount":10.0}]}]""");
    assertThat(GraphQlPeer.shape(ours)).isEqualTo(GraphQlPeer.shape(theirs));
    JsonNode missing = JSON.readTree("""
        [{"id":"acc_2","name":"Initech","contacts":[],"deals":[]},
         {"id":"acc_1","name":"Acme","contacts":[{"id":"con_1","name":"Ann"}],"deals":[{"id":"dea_1","stage":"WON","amount":10}]}]""");
    assertThat(GraphQlPeer.shape(ours)).isNotEqualTo(GraphQlPeer.shape(missing));
  }

  @Test
  void mediansAndThePeersFiles() {
    assertThat(GraphQlPeer.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(GraphQlPeer.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
    for (String f : List.of("package.json", "server.mjs", "typeDefs.graphql")) {
      assertThat(GraphQlPeer.class.getClassLoader().getResource("peer/neo4j-graphql/" + f)).as(f).isNotNull();
    }
  }
}
