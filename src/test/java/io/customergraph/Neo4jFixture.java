package io.customergraph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.neo4j.Neo4jContainer;

/**
 * Where tests find a real Neo4j: a Testcontainers Neo4j when Docker is available, otherwise the service's own
 * embedded Neo4j on a free port with its files under {@code target/test-neo4j}.
 */
public final class Neo4jFixture {

  /** Same version as the embedded database, so tests mean the same thing either way. */
  static final String IMAGE = "neo4j:2026.08.1-community";

  private static Neo4jContainer container;

  private Neo4jFixture() {}

  /** Registers the connection properties of a fresh (or the shared containerised) database. */
  public static void register(DynamicPropertyRegistry registry) {
    if (dockerAvailable()) {
      Neo4jContainer c = container();
      registry.add("customer-graph.neo4j.uri", c::getBoltUrl);
      registry.add("customer-graph.neo4j.password", c::getAdminPassword);
    } else {
      Path dir = freshDirectory();
      int port = freePort();
      registry.add("customer-graph.neo4j.data-directory", dir::toString);
      registry.add("customer-graph.neo4j.bolt-port", () -> port);
      registry.add("customer-graph.neo4j.page-cache", () -> "64MB");
    }
  }

  private static boolean swept;

  /**
   * A new empty directory under target/, removed by {@code mvn clean}. The first call of a test run deletes what
   * earlier runs left there: each embedded database preallocates its transaction logs, and runs without a clean
   * otherwise pile up tens of gigabytes.
   */
  public static synchronized Path freshDirectory() {
    try {
      Path base = Path.of("target", "test-neo4j");
      if (!swept && Files.isDirectory(base)) {
        try (java.util.stream.Stream<Path> old = Files.walk(base)) {
          old.sorted(java.util.Comparator.reverseOrder()).filter(x -> !x.equals(base)).forEach(x -> x.toFile().delete());
        }
      }
      swept = true;
      Files.createDirectories(base);
      return Files.createTempDirectory(base, "db-").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A TCP port free on loopback right now. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static synchronized Neo4jContainer container() {
    if (container == null) {
      container = new Neo4jContainer(IMAGE).withAdminPassword("test-password-123");
      container.start();
    }
    return container;
  }
}
