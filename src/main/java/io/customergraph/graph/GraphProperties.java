package io.customergraph.graph;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the graph lives.
 *
 * @param uri an external Neo4j ({@code bolt://}, {@code neo4j://} routing or {@code +s} variants); when blank an
 *     embedded Neo4j is started in-process
 * @param username user for the external server (ignored when embedded: the embedded server runs without auth on
 *     loopback only)
 * @param password password for the external server
 * @param boltHost address the embedded Bolt connector listens on; loopback by default so nothing is exposed
 * @param boltPort port of the embedded Bolt connector
 * @param dataDirectory where the embedded database and other derived files are kept
 * @param pageCache page cache size of the embedded database (e.g. {@code 512MB})
 */
@ConfigurationProperties("customer-graph.neo4j")
public record GraphProperties(
    @Nullable String uri,
    @DefaultValue("neo4j") String username,
    @Nullable String password,
    @DefaultValue("127.0.0.1") String boltHost,
    @DefaultValue("7687") int boltPort,
    @DefaultValue("data") Path dataDirectory,
    @DefaultValue("256MB") DataSize pageCache) {

  /** True when no external server is configured and the service must start its own. */
  public boolean embedded() {
    return uri == null || uri.isBlank();
  }
}
