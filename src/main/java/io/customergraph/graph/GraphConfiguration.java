package io.customergraph.graph;

import java.net.URI;
import java.time.Clock;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.neo4j.autoconfigure.Neo4jConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Chooses the Neo4j the service talks to: an external server when {@code NEO4J_URI} is set, otherwise one started
 * in-process. Either way everything else sees a plain driver and {@code Neo4jClient}.
 */
@Configuration(proxyBeanMethods = false)
class GraphConfiguration {

  @Bean(destroyMethod = "close")
  @Conditional(EmbeddedWanted.class)
  EmbeddedNeo4j embeddedNeo4j(GraphProperties properties) {
    return EmbeddedNeo4j.start(
        properties.dataDirectory(),
        properties.boltHost(),
        properties.boltPort(),
        properties.pageCache().toBytes());
  }

  /** Connection details Boot's driver auto-configuration uses; the embedded server, if any, starts first. */
  @Bean
  Neo4jConnectionDetails neo4jConnectionDetails(
      GraphProperties properties, org.springframework.beans.factory.ObjectProvider<EmbeddedNeo4j> embedded) {
    EmbeddedNeo4j local = embedded.getIfAvailable();
    if (local != null) {
      URI uri = local.boltUri();
      return new Details(uri, local.authToken());
    }
    String uri = properties.uri();
    AuthToken auth =
        properties.password() == null || properties.password().isBlank()
            ? AuthTokens.none()
            : AuthTokens.basic(properties.username(), properties.password());
    return new Details(URI.create(uri == null ? "" : uri.trim()), auth);
  }

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  private record Details(URI uri, AuthToken token) implements Neo4jConnectionDetails {
    @Override
    public URI getUri() {
      return uri;
    }

    @Override
    public AuthToken getAuthToken() {
      return token;
    }
  }

  /** Embedded Neo4j is wanted exactly when no external URI is configured. */
  static final class EmbeddedWanted implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String uri = context.getEnvironment().getProperty("customer-graph.neo4j.uri", "");
      return uri.isBlank();
    }
  }
}
