package io.customergraph;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.graph.EmbeddedNeo4j;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** With NEO4J_URI set the service starts nothing embedded and works against that server. */
class ExternalNeo4jTest {

  @Test
  void usesTheConfiguredServerAndStartsNoEmbeddedDatabase() throws java.io.IOException {
    // A Neo4j started apart from the service plays the external server.
    Path serverDir = Neo4jFixture.freshDirectory();
    int serverPort = Neo4jFixture.freePort();
    Path serviceDir = Neo4jFixture.freshDirectory();
    try (EmbeddedNeo4j server = EmbeddedNeo4j.start(serverDir, "127.0.0.1", serverPort, 32 << 20)) {
      try (ConfigurableApplicationContext app =
          new SpringApplicationBuilder(CustomerGraphApplication.class)
              .web(WebApplicationType.NONE)
              .run(
                  "--customer-graph.neo4j.uri=" + server.boltUri(),
                  "--customer-graph.neo4j.username=neo4j",
                  "--customer-graph.neo4j.password=" + java.nio.file.Files.readString(serverDir.resolve("neo4j").resolve(EmbeddedNeo4j.PASSWORD_FILE)),
                  "--customer-graph.neo4j.data-directory=" + serviceDir,
                  "--customer-graph.demo.accounts=5",
                  "--customer-graph.demo.anchor=2026-11-01",
                  "--customer-graph.language.train-on-start=false")) {
        assertThat(app.getBeanProvider(EmbeddedNeo4j.class).getIfAvailable()).as("no embedded database").isNull();
      }
      assertThat(serviceDir.resolve("neo4j")).as("nothing written where an embedded database would live").doesNotExist();
      try (Driver driver = GraphDatabase.driver(server.boltUri(), server.authToken())) {
        long accounts = driver.executableQuery("MATCH (a:Account) RETURN count(a) AS n").execute().records().get(0).get("n").asLong();
        long migrations = driver.executableQuery("MATCH (m:__Migration) RETURN count(m) AS n").execute().records().get(0).get("n").asLong();
        assertThat(accounts).as("demo world loaded into the external server").isGreaterThanOrEqualTo(5);
        assertThat(migrations).isPositive();
      }
    }
  }
}
