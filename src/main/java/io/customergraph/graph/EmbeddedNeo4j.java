package io.customergraph.graph;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
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

  private final String password;

  private EmbeddedNeo4j(DatabaseManagementService service, URI boltUri, Path databaseDirectory, String password) {
    this.password = password;
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
    String password = password(home);
    DatabaseManagementService service =
        new DatabaseManagementServiceBuilder(home)
            // Bolt needs a password even on loopback: the API's keys and roles must not be walked around.
            .setConfig(GraphDatabaseSettings.auth_enabled, true)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
            .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
            .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
            // Netty's default 2 s quiet period (x several event loops) makes shutdown take ~10 s.
            .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ZERO)
            // No usage reporting from an embedded service.
            .setConfig(GraphDatabaseSettings.udc_enabled, false)
            .build();
    // Embedded transactions run with full rights: set the password the driver (and an administrator's tools) use.
    try {
      service.database("system").executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
    } catch (RuntimeException e) {
      // Set at an earlier start: Neo4j refuses to "change" a password to itself, which is what we want anyway.
      if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
        service.shutdown();
        throw e;
      }
    }
    URI uri = URI.create("bolt://" + host + ":" + port);
    log.info(
        "Embedded Neo4j started in {} ms at {}; an administrator's Neo4j Browser or cypher-shell can connect to {} as neo4j with the password in {}",
        Duration.ofNanos(System.nanoTime() - started).toMillis(),
        home,
        uri,
        home.resolve(PASSWORD_FILE));
    return new EmbeddedNeo4j(service, uri, home, password);
  }

  /** Where the Bolt password is kept, readable by the service's user only. */
  public static final String PASSWORD_FILE = "bolt-password";

  /** The database's Bolt password: generated on the first start, kept in the database directory. */
  private static String password(Path home) {
    Path file = home.resolve(PASSWORD_FILE);
    try {
      if (Files.exists(file)) {
        return Files.readString(file).strip();
      }
      Files.createDirectories(home);
      byte[] bytes = new byte[24];
      new SecureRandom().nextBytes(bytes);
      String password = HexFormat.of().formatHex(bytes);
      Files.writeString(file, password);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the directory's own permissions apply.
      }
      return password;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write the Bolt password file " + file, e);
    }
  }

  /** The credentials of the embedded server (user neo4j). */
  public AuthToken authToken() {
    return AuthTokens.basic("neo4j", password);
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

  /** The default database, for reads run in this process ({@link Reads}) without a round trip over Bolt. */
  public org.neo4j.graphdb.GraphDatabaseService database() {
    return service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
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
