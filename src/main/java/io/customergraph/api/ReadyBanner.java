package io.customergraph.api;

import io.customergraph.graph.EmbeddedNeo4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the person who just started the service where to point their browser, GraphQL client and Neo4j tools. */
@Component
class ReadyBanner {

  private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);

  private final ObjectProvider<EmbeddedNeo4j> embedded;

  ReadyBanner(ObjectProvider<EmbeddedNeo4j> embedded) {
    this.embedded = embedded;
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
      return;
    }
    String base = "http://localhost:" + web.getWebServer().getPort();
    EmbeddedNeo4j db = embedded.getIfAvailable();
    log.info(
        "Customer Graph is answering: GraphiQL {}/graphiql · GraphQL {}/graphql · health {}/actuator/health{}; "
            + "ready once {}/actuator/health/readiness is UP (it names the start-up steps still running)",
        base, base, base, db == null ? "" : " · Neo4j " + db.boltUri() + " (user neo4j, password in the data directory's neo4j/bolt-password)", base);
  }
}
