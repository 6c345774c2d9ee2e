package io.customergraph;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up arguments of services that tests run over real HTTP: a random HTTP port, the given data directory, a free
 * Bolt port, a small page cache, no word-vector training at start — and the test-only administrator key they send.
 */
public final class TestService {
  private TestService() {}

  /** The administrator key services started by tests accept. A test-only value. */
  public static final String ADMIN = "test-only-admin-key-0123456789abcdef";

  /** The header value that presents {@link #ADMIN}. */
  public static final String BEARER = "Bearer " + ADMIN;

  /** Polls {@code /actuator/health/readiness} (no key needed) until it answers 200 or a minute has passed; the last answer. */
  public static java.net.http.HttpResponse<String> awaitReady(String base) throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/actuator/health/readiness")).build();
    java.net.http.HttpResponse<String> answer = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    for (int i = 0; i < 600 && answer.statusCode() != 200; i++) {
      Thread.sleep(100);
      answer = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    }
    return answer;
  }

  /** The arguments, the administrator key, then the test's own settings. */
  public static String[] arguments(Path data, String... more) {
    List<String> args = new ArrayList<>(List.of(withoutKey(data, more)));
    args.add("--customer-graph.security.admin-key=" + ADMIN);
    return args.toArray(String[]::new);
  }

  /** The arguments without any key (a first start), then the test's own settings, which win over these defaults. */
  public static String[] withoutKey(Path data, String... more) {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=0",
        "--customer-graph.neo4j.data-directory=" + data,
        "--customer-graph.neo4j.bolt-port=" + Neo4jFixture.freePort(),
        "--customer-graph.neo4j.page-cache=64MB",
        "--customer-graph.language.train-on-start=false"));
    // A test's own setting replaces the default of the same name (Spring would otherwise join both into a list).
    for (String m : more) {
      String name = m.contains("=") ? m.substring(0, m.indexOf('=') + 1) : m;
      args.removeIf(a -> a.startsWith(name));
    }
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }
}
