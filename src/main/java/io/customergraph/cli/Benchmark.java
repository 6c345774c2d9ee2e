package io.customergraph.cli;

import io.customergraph.CustomerGraphApplication;
import io.customergraph.demo.DemoLoader;
import io.customergraph.demo.DemoWorld;
import io.customergraph.demo.DemoWorldGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.graphql.ExecutionGraphQlResponse;
import org.springframework.graphql.ExecutionGraphQlService;
import io.customergraph.security.Caller;
import io.customergraph.security.Role;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.support.DefaultExecutionGraphQlRequest;

/**
 * Loads a generated world into a fresh embedded Neo4j in a temporary directory and prints load throughput, query
 * latencies through the real GraphQL engine, and memory. Figures, not assertions: the README records them.
 */
final class Benchmark {

  /** Repetitions per query; the first {@link #WARMUP} are not counted (JIT, page cache). */
  private static final int RUNS = 60;
  private static final int WARMUP = 10;

  private Benchmark() {}

  static int run(Map<String, String> options, PrintStream out) {
    int accounts = Cli.intOption(options, "accounts", 2_000);
    long seed = Cli.longOption(options, "seed", 42);
    LocalDate anchor = LocalDate.of(2026, 11, 1);
    Path dir = tempDirectory();
    int port = freePort();
    try {
      long t0 = System.nanoTime();
      DemoWorld world = DemoWorldGenerator.generate(seed, accounts, anchor);
      double generateSeconds = (System.nanoTime() - t0) / 1e9;

      long t1 = System.nanoTime();
      try (ConfigurableApplicationContext app =
          new SpringApplicationBuilder(CustomerGraphApplication.class)
              .web(WebApplicationType.NONE)
              .logStartupInfo(false)
              .run(
                  "--customer-graph.neo4j.data-directory=" + dir,
                  "--customer-graph.neo4j.bolt-port=" + port,
                  "--customer-graph.neo4j.page-cache=512MB",
                  "--customer-graph.demo.enabled=false",
                  "--logging.level.root=warn")) {
        double startSeconds = (System.nanoTime() - t1) / 1e9;
        DemoLoader.Report report = app.getBean(DemoLoader.class).load(world);
        Neo4jClient neo4j = app.getBean(Neo4jClient.class);
        long nodes = neo4j.query("MATCH (n) RETURN count(n)").fetchAs(Long.class).one().orElse(0L);
        long rels = neo4j.query("MATCH ()-[r]->() RETURN count(r)").fetchAs(Long.class).one().orElse(0L);
        String busyAccount = neo4j.query("MATCH (a:Account)<-[:WORKS_AT]-(c) WITH a, count(c) AS n RETURN a.id ORDER BY n DESC, a.id LIMIT 1").fetchAs(String.class).one().orElseThrow();
        String otherAccount = neo4j.query("MATCH (a:Account) RETURN a.id ORDER BY a.id LIMIT 1").fetchAs(String.class).one().orElseThrow();
        String lastCursor = null;

        out.printf("Customer Graph benchmark — %d accounts, seed %d, %d cores, JDK %s%n", accounts, seed,
            Runtime.getRuntime().availableProcessors(), Runtime.version());
        out.printf("  generate world   %8.2f s   %,d nodes in memory%n", generateSeconds, world.size());
        out.printf("  start service    %8.2f s   (embedded Neo4j + migrations + Spring, no web server)%n", startSeconds);
        out.printf("  load world       %8.2f s   %,.0f nodes/s; graph now %,d nodes, %,d relationships (with provenance)%n",
            report.took().toMillis() / 1000.0, report.nodes() / (report.took().toMillis() / 1000.0), nodes, rels);

        ExecutionGraphQlService graphql = app.getBean(ExecutionGraphQlService.class);
        String busyOwner = neo4j.query("MATCH (a:Account {id: $id}) RETURN a.owner").bind(busyAccount).to("id").fetchAs(String.class).one().orElseThrow();
        String team = neo4j.query("MATCH (r:Rep {name: $name}) RETURN r.team").bind(busyOwner).to("name").fetchAs(String.class).one().orElse(null);
        Caller rep = new Caller("bench-rep", busyOwner, Set.of(Role.REP), busyOwner, team, false);
        String teamAccount = neo4j.query("""
                MATCH (r:Rep) WHERE r.team = $team WITH collect(r.name) AS names
                MATCH (a:Account) WHERE a.owner IN names AND a.id <> $busy RETURN a.id ORDER BY a.id LIMIT 1""")
            .bindAll(Map.of("team", team == null ? "" : team, "busy", busyAccount)).fetchAs(String.class).one().orElse(busyAccount);
        Caller analyst = new Caller("bench-analyst", "analyst", Set.of(Role.ANALYST), null, null, false);
        record Run(String who, Caller caller, String other) {}
        List<Run> runs = List.of(new Run("an administrator", Caller.system(), otherAccount),
            new Run("a rep (" + busyOwner + ", team " + team + ": reach checked on every field)", rep, teamAccount),
            new Run("an analyst (personal data pseudonymised)", analyst, otherAccount));
        // One untimed pass over everything first, so no caller is measured on a colder JIT than another.
        PrintStream nowhere = new PrintStream(java.io.OutputStream.nullOutputStream());
        for (int pass = 0; pass < 2; pass++) {
          for (Run run : runs) {
            PrintStream sink = pass == 0 ? nowhere : out;
            sink.println("  GraphQL latency as " + run.who() + ", over " + (RUNS - WARMUP) + " runs (p50 / p95 / max, ms):");
            Caller c = run.caller();
            time(sink, graphql, c, "accounts(first: 50) with contacts, deals",
                "{ accounts(first: 50) { edges { node { id name contacts { name title } deals { stage amount } } } } }", Map.of());
            lastCursor = firstEndCursor(graphql, c);
            time(sink, graphql, c, "accounts page 2 with name filter",
                "query($after: String) { accounts(first: 50, after: $after, filter: {nameContains: \"a\"}) { edges { node { id } } } }",
                lastCursor == null ? Map.of() : Map.of("after", lastCursor));
            time(sink, graphql, c, "account timeline(first: 20)",
                "query($id: ID!) { account(id: $id) { timeline(first: 20) { edges { node { id summary } } } } }", Map.of("id", busyAccount));
            time(sink, graphql, c, "20 accounts x timeline(first: 5)",
                "{ accounts(first: 20) { edges { node { timeline(first: 5) { edges { node { id } } } } } } }", Map.of());
            time(sink, graphql, c, "neighborhood(depth: 2, limit: 200)",
                "query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200) { nodes { id displayName } relationships { type } } }", Map.of("id", busyAccount));
            time(sink, graphql, c, "path(maxHops: 4) between two accounts",
                "query($a: ID!, $b: ID!) { path(fromId: $a, toId: $b, maxHops: 4) { length } }", Map.of("a", busyAccount, "b", run.other()));
          }
        }
        Runtime rt = Runtime.getRuntime();
        out.printf("  JVM heap used    %8d MB (max %d MB); process RSS %s%n",
            (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20, rss());
      }
      return 0;
    } finally {
      delete(dir);
    }
  }

  private static @Nullable String firstEndCursor(ExecutionGraphQlService graphql, Caller caller) {
    ExecutionGraphQlResponse r = execute(graphql, caller, "{ accounts(first: 50) { pageInfo { endCursor } } }", Map.of());
    return r.field("accounts.pageInfo.endCursor").getValue();
  }

  private static void time(PrintStream out, ExecutionGraphQlService graphql, Caller caller, String label, String query, Map<String, Object> vars) {
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long t = System.nanoTime();
      ExecutionGraphQlResponse r = execute(graphql, caller, query, vars);
      double took = (System.nanoTime() - t) / 1e6;
      if (!r.getErrors().isEmpty()) {
        throw new IllegalStateException(label + " failed: " + r.getErrors());
      }
      if (i >= WARMUP) {
        ms.add(took);
      }
    }
    ms.sort(Comparator.naturalOrder());
    out.printf("    %-42s %7.1f / %7.1f / %7.1f%n", label, ms.get(ms.size() / 2), ms.get((int) (ms.size() * 0.95)), ms.get(ms.size() - 1));
  }

  private static ExecutionGraphQlResponse execute(ExecutionGraphQlService graphql, Caller caller, String query, Map<String, Object> vars) {
    DefaultExecutionGraphQlRequest request = new DefaultExecutionGraphQlRequest(query, null, vars, Map.of(), "bench", null);
    request.configureExecutionInput((input, b) -> b.graphQLContext(Map.of(Caller.KEY, caller)).build());
    ExecutionGraphQlResponse response = Objects.requireNonNull(graphql.execute(request).block());
    if (!response.getErrors().isEmpty()) {
      throw new IllegalStateException("benchmark query failed: " + response.getErrors());
    }
    return response;
  }

  private static String rss() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(l -> l.startsWith("VmRSS:"))
          .map(l -> Arrays.stream(l.split("\\s+")).skip(1).findFirst().map(kb -> (Long.parseLong(kb) >> 10) + " MB").orElse("?"))
          .findFirst()
          .orElse("n/a");
    } catch (IOException e) {
      return "n/a";
    }
  }

  private static Path tempDirectory() {
    try {
      return Files.createTempDirectory("customer-graph-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temp directory left behind is harmless.
    }
  }
}
