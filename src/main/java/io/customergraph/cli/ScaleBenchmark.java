package io.customergraph.cli;

import io.customergraph.graph.EmbeddedNeo4j;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code scale-benchmark}: two service instances on one Neo4j server (issue #23), as a deployment behind a load
 * balancer runs them. Starts a Neo4j server (the embedded one, serving Bolt from this process), instance A with the
 * demo world and instance B beside it, both from this jar, then measures
 *
 * <ol>
 *   <li>GraphQL read throughput of one instance and of the pair, with the same clients and the same seeded mix of
 *       front-end queries as {@code load-benchmark} (keys without a rate limit, so the service's own speed shows);
 *   <li>the change feed's lag under an import through the other instance: a CSV of N new contacts uploaded to B while
 *       A's {@code customer_graph_index_lag_seconds} is read every half second, and how soon after B's import ended the
 *       last contact is found by {@code search} on A.
 * </ol>
 *
 * On one machine the instances share its cores with each other and with the database, so the pair's figure says what
 * a second instance costs and gives there, not what it gives on a machine of its own.
 */
final class ScaleBenchmark {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ScaleBenchmark() {}

  static int run(Map<String, String> options, PrintStream out) throws IOException {
    int clients = Cli.intOption(options, "clients", 16);
    int seconds = Cli.intOption(options, "seconds", 30);
    int records = Cli.intOption(options, "records", 10_000);
    String accounts = options.getOrDefault("demo-accounts", "200");
    Path dir = Files.createTempDirectory("customer-graph-scale-");
    String admin = "scale-benchmark-" + java.util.UUID.randomUUID(); // this run's own administrator key
    out.printf("Customer Graph, two instances on one Neo4j — %d cores, JDK %s, %d clients for %d s per phase, demo world of %s accounts, %,d contacts imported%n",
        Runtime.getRuntime().availableProcessors(), Runtime.version(), clients, seconds, accounts, records);
    StartupBenchmark.Service a = null, b = null;
    try (EmbeddedNeo4j server = EmbeddedNeo4j.start(dir.resolve("server"), "127.0.0.1", StartupBenchmark.freePort(), 512L << 20)) {
      String password = Files.readString(dir.resolve("server").resolve("neo4j").resolve(EmbeddedNeo4j.PASSWORD_FILE)).strip();
      String[] remote = {"--customer-graph.neo4j.uri=" + server.boltUri(), "--customer-graph.neo4j.password=" + password};
      a = StartupBenchmark.start(dir.resolve("a"), admin, accounts, dir.resolve("a.log"), remote);
      out.printf("  instance A (demo world) ready after %.1f s%n", StartupBenchmark.awaitReady(a));
      b = StartupBenchmark.start(dir.resolve("b"), admin, accounts, dir.resolve("b.log"),
          remote[0], remote[1], "--customer-graph.demo.enabled=false");
      out.printf("  instance B ready after %.1f s%n", StartupBenchmark.awaitReady(b));

      LoadBenchmark.Fixture fixture = LoadBenchmark.fixture(a.base(), admin);
      LoadBenchmark.Clients c = LoadBenchmark.clients(a.base(), admin, clients, fixture, 1_000_000);
      // Keys are in the graph: B knows them too. A short warm-up on each, then the two phases.
      LoadBenchmark.drive(List.of(a.base(), b.base()), c.keys(), c.roles(), fixture, Duration.ofSeconds(Math.min(10, seconds)));
      out.println("one instance (A):");
      LoadBenchmark.Result one = LoadBenchmark.drive(List.of(a.base()), c.keys(), c.roles(), fixture, Duration.ofSeconds(seconds));
      one.print(out, seconds);
      out.println("the pair (clients alternate between A and B):");
      LoadBenchmark.Result pair = LoadBenchmark.drive(List.of(a.base(), b.base()), c.keys(), c.roles(), fixture, Duration.ofSeconds(seconds));
      pair.print(out, seconds);
      out.printf("  the pair's throughput is %.2f× one instance's%n", pair.micros().size() / (double) Math.max(1, one.micros().size()));

      lag(a, b, admin, records, dir, out);
      out.printf("  RSS: A %d MB, B %d MB%n", StartupBenchmark.rssMegabytes(a.process().pid()), StartupBenchmark.rssMegabytes(b.process().pid()));
      return one.failures() + pair.failures() == 0 ? 0 : 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (IllegalStateException e) {
      throw new IOException(e.getMessage() + "; the instances' output is in " + dir);
    } finally {
      for (StartupBenchmark.Service s : new StartupBenchmark.Service[] {a, b}) {
        if (s != null) {
          s.process().destroy();
          try {
            s.process().waitFor();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
      StartupBenchmark.delete(dir);
    }
  }

  /** Imports N new contacts through B and watches A: its index lag while B imports, and when A finds the last one. */
  private static void lag(StartupBenchmark.Service a, StartupBenchmark.Service b, String admin, int records, Path dir, PrintStream out)
      throws IOException, InterruptedException {
    // Seeded made-up people, twenty to a company: names of three syllables, so that no two are one person by any
    // reading (names that differ only in a number are one name to resolution, as they would be for a person).
    java.util.SplittableRandom random = new java.util.SplittableRandom(23);
    List<String> names = new java.util.ArrayList<>();
    StringBuilder csv = new StringBuilder("name,email,title,company\n");
    String company = "";
    for (int i = 0; i < records; i++) {
      if (i % 20 == 0) {
        company = word(random) + " " + word(random);
      }
      String first = word(random), last = word(random);
      names.add(first + " " + last);
      csv.append("%s %s,%s.%s.%d@scale-bench.example,Engineer,%s%n".formatted(first, last, first.toLowerCase(java.util.Locale.ROOT),
          last.toLowerCase(java.util.Locale.ROOT), i, company));
    }
    Path file = Files.writeString(dir.resolve("contacts.csv"), csv, StandardCharsets.UTF_8);
    String metricsKey = LoadBenchmark.post(a.base(), admin,
            "mutation { createApiKey(input: {name: \"scale metrics\", roles: [METRICS]}) { ... on ApiKeyIssued { secret } } }")
        .body().path("data").path("createApiKey").path("secret").asString();
    String last = names.getLast();

    long started = System.nanoTime();
    HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(b.base() + "/api/ingest/contact?filename=contacts.csv"))
        .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
    if (accepted.statusCode() != 202) {
      throw new IllegalStateException("the upload to B was refused: HTTP " + accepted.statusCode() + " " + accepted.body());
    }
    String job = JSON.readTree(accepted.body()).path("id").asString();
    double maxLag = 0;
    double firstSeen = -1;
    String status = "QUEUED";
    JsonNode counts = null;
    while (status.equals("QUEUED") || status.equals("RUNNING")) {
      Thread.sleep(500);
      maxLag = Math.max(maxLag, lagSeconds(a, metricsKey));
      if (firstSeen < 0 && found(a, admin, names.getFirst())) {
        firstSeen = (System.nanoTime() - started) / 1e9;
      }
      JsonNode j = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(b.base() + "/api/ingest/jobs/" + job)).header("Authorization", "Bearer " + admin)
          .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
      status = j.path("status").asString();
      counts = j;
    }
    double imported = (System.nanoTime() - started) / 1e9;
    long ended = System.nanoTime();
    while (!found(a, admin, last) && System.nanoTime() - ended < 120_000_000_000L) {
      maxLag = Math.max(maxLag, lagSeconds(a, metricsKey));
      Thread.sleep(200);
    }
    double after = (System.nanoTime() - ended) / 1e9;
    out.printf("index lag while B imports %,d contacts (%s in %.1f s, %,.0f records/s; job %s):%n", records, status, imported, records / imported,
        counts == null ? "" : counts.path("outcome").toString());
    out.printf("  A's customer_graph_index_lag_seconds at most %.1f s (read every 0.5 s)%n", maxLag);
    out.printf("  the first contact found by search on A %.1f s after the upload began%n", firstSeen);
    out.printf("  the last contact found by search on A %.1f s after B's import ended%n", after);
  }

  private static final String[] SYLLABLES = ("ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu "
      + "ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu").split(" ");

  /** A made-up capitalised word of three syllables. */
  private static String word(java.util.SplittableRandom random) {
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
    }
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }

  private static boolean found(StartupBenchmark.Service s, String key, String name) throws IOException, InterruptedException {
    JsonNode hits = LoadBenchmark.post(s.base(), key, "{ search(text: \"" + name + "\", types: [CONTACT], first: 3) { node { ... on Contact { name } } } }")
        .body().path("data").path("search");
    for (JsonNode h : hits) {
      if (h.path("node").path("name").asString().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static double lagSeconds(StartupBenchmark.Service s, String key) throws IOException, InterruptedException {
    String text = HTTP.send(HttpRequest.newBuilder(URI.create(s.base() + "/actuator/prometheus")).header("Authorization", "Bearer " + key).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return text.lines().filter(l -> l.startsWith("customer_graph_index_lag_seconds")).map(l -> l.substring(l.lastIndexOf(' ') + 1))
        .mapToDouble(Double::parseDouble).max().orElse(Double.NaN);
  }
}
