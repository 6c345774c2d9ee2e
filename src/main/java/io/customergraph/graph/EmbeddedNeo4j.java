package io.customergraph.graph;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Neo4j Community running inside this process, reachable over Bolt on a loopback address so that the driver, Neo4j
 * Browser and cypher-shell all talk to it the same way they would talk to a server.
 */
public final class EmbeddedNeo4j implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedNeo4j.class);

  private final DatabaseManagementService service;
  private final URI boltUri;
  private final Path databaseDirectory;

  private EmbeddedNeo4j(DatabaseManagementService service, URI boltUri, Path databaseDirectory) {
    this.service = service;
    this.boltUri = boltUri;
    this.databaseDirectory = databaseDirectory;
  }

  /**
   * Starts the database under {@code dataDirectory/neo4j}.
   *
   * @throws BoltPortInUseException when the Bolt port is taken, before anything is written
   */
  public static EmbeddedNeo4j start(Path dataDirectory, String host, int port, long pageCacheBytes) {
    ensurePortFree(host, port);
    Path home = dataDirectory.resolve("neo4j").toAbsolutePath();
    long started = System.nanoTime();
    DatabaseManagementService service =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
            .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
            .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
            // Netty's default 2 s quiet period (x several event loops) makes shutdown take ~10 s.
            .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ZERO)
            // No usage reporting from an embedded service.
            .setConfig(GraphDatabaseSettings.udc_enabled, false)
            .build();
    URI uri = URI.create("bolt://" + host + ":" + port);
    log.info(
        "Embedded Neo4j started in {} ms at {}; Neo4j Browser or cypher-shell can connect to {} (no auth, loopback only)",
        Duration.ofNanos(System.nanoTime() - started).toMillis(),
        home,
        uri);
    return new EmbeddedNeo4j(service, uri, home);
  }

  private static void ensurePortFree(String host, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new BoltPortInUseException(host, port, e);
    }
  }

  /** The Bolt address the embedded server listens on. */
  public URI boltUri() {
    return boltUri;
  }

  /** Directory holding the embedded database files. */
  public Path databaseDirectory() {
    return databaseDirectory;
  }

  @Override
  public void close() {
    long started = System.nanoTime();
    service.shutdown();
    log.info("Embedded Neo4j stopped in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
  }

  /** The configured Bolt port is already taken by another process. */
  public static final class BoltPortInUseException extends IllegalStateException {
    BoltPortInUseException(String host, int port, Throwable cause) {
      super(
          "Cannot start the embedded Neo4j: Bolt port %d on %s is already in use. Stop the other process or choose a free port with CUSTOMER_GRAPH_BOLT_PORT (property customer-graph.neo4j.bolt-port), or set NEO4J_URI to use an existing Neo4j server."
              .formatted(port, host),
          cause);
    }
  }
}
