package io.customergraph.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.ClassPathResource;

/** Named Cypher queries kept as files under {@code cypher/} in the repository (and on the classpath). */
public final class CypherQueries {

  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private CypherQueries() {}

  /** The text of {@code cypher/<name>.cypher}, e.g. {@code demo/accounts}. */
  public static String named(String name) {
    return CACHE.computeIfAbsent(
        name,
        n -> {
          ClassPathResource resource = new ClassPathResource("cypher/" + n + ".cypher");
          try {
            return resource.getContentAsString(StandardCharsets.UTF_8).strip();
          } catch (IOException e) {
            throw new UncheckedIOException("Named query cypher/" + n + ".cypher is missing from the classpath", e);
          }
        });
  }
}
