package io.customergraph.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customergraph.Neo4jFixture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmbeddedNeo4jTest {

  @Test
  void takenBoltPortGivesAnErrorNamingTheSettingAndWritesNothing() throws IOException {
    Path dir = Neo4jFixture.freshDirectory();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> EmbeddedNeo4j.start(dir, "127.0.0.1", taken.getLocalPort(), 16 << 20))
          .isInstanceOf(EmbeddedNeo4j.BoltPortInUseException.class)
          .hasMessageContaining("port " + taken.getLocalPort())
          .hasMessageContaining("CUSTOMER_GRAPH_BOLT_PORT")
          .hasMessageContaining("customer-graph.neo4j.bolt-port");
    }
    assertThat(Files.exists(dir.resolve("neo4j"))).as("no database files created").isFalse();
  }

  @Test
  void shutdownReleasesThePortAndTheFilesForTheNextStart() throws IOException {
    Path dir = Neo4jFixture.freshDirectory();
    int port = Neo4jFixture.freePort();
    EmbeddedNeo4j first = EmbeddedNeo4j.start(dir, "127.0.0.1", port, 16 << 20);
    assertThat(first.boltUri().toString()).isEqualTo("bolt://127.0.0.1:" + port);
    first.close();
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(again.isBound()).as("Bolt port free after shutdown").isTrue();
    }
    EmbeddedNeo4j second = EmbeddedNeo4j.start(dir, "127.0.0.1", port, 16 << 20);
    // Bolt asks for the password even on loopback (the API's keys and roles cannot be walked around); it survives restarts.
    try (org.neo4j.driver.Driver anonymous = org.neo4j.driver.GraphDatabase.driver(second.boltUri(), org.neo4j.driver.AuthTokens.none())) {
      assertThatThrownBy(() -> anonymous.executableQuery("RETURN 1").execute()).isInstanceOf(org.neo4j.driver.exceptions.AuthenticationException.class);
    }
    try (org.neo4j.driver.Driver admin = org.neo4j.driver.GraphDatabase.driver(second.boltUri(), second.authToken())) {
      assertThat(admin.executableQuery("RETURN 1 AS one").execute().records().get(0).get("one").asInt()).isEqualTo(1);
    }
    second.close();
    assertThat(Files.isDirectory(dir.resolve("neo4j"))).isTrue();
  }
}
