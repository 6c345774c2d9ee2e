package io.customergraph.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code benchmark-real --parts graphql} (issue #25): the service's GraphQL beside the official Neo4j GraphQL library
 * (@neo4j/graphql 7.6 on Apollo Server 5, installed from npm into a work folder on first use) on the same embedded
 * database over Bolt. The peer's type definitions are in {@code src/main/resources/peer/neo4j-graphql}. Both answer the
 * same questions — 20 accounts, 20 accounts with their contacts and deals, one account by id — checked to return the
 * same accounts, contacts and deals first; then each is loaded in turn by the same closed-loop client (C threads, each
 * sending its next request when the last is answered), alternating, round after round, and the medians printed. An
 * account's score with its explanation (the peer has none) is timed on the service alone, beside its plain lookup.
 */
final class GraphQlPeer {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> PEER_FILES = List.of("package.json", "server.mjs", "typeDefs.graphql");

  private GraphQlPeer() {}

  /** One question as each side asks it. */
  record Query(String name, String ours, String peer) {}

  /** An account's score with its explanation and evidence, as a front end asks for it. */
  static final String SCORED = "{ account(id: \"%s\") { id name score { probability band explanation { summary modelNote "
      + "up { feature label logOdds sentence evidence { nodes { id label displayName } } } down { feature label logOdds sentence } } } } }";

  /** The i-th request of a question: its text, with the i-th account id (round robin) where it takes one ("%s"). */
  static IntFunction<String> asked(String text, List<String> ids) {
    return text.contains("%s") ? i -> text.formatted(ids.get(Math.floorMod(i, ids.size()))) : i -> text;
  }

  static final String OURS_NESTED = "{ accounts(first: 20) { edges { node { id name contacts { id name title } deals { id name stage amount } } } } }";
  static final String PEER_NESTED = "{ accounts(limit: 20, sort: [{ name: ASC }, { id: ASC }]) { id name contacts { id name title } deals { id name stage amount } } }";

  /** Where the peer is installed: beside the launcher (target/) when there is one, else under the system's temporary folder. */
  static Path peerHome() {
    String home = System.getProperty("customer-graph.home");
    Path base = home != null && Files.isWritable(Path.of(home)) ? Path.of(home) : Path.of(System.getProperty("java.io.tmpdir"));
    return base.resolve("neo4j-graphql-peer");
  }

  /** Copies the peer's files out of the jar and installs its npm packages when they changed (or were never installed). */
  static Path install(PrintStream out) throws IOException, InterruptedException {
    Path dir = peerHome();
    Files.createDirectories(dir);
    boolean changed = !Files.isDirectory(dir.resolve("node_modules"));
    for (String name : PEER_FILES) {
      byte[] bytes;
      try (InputStream in = GraphQlPeer.class.getClassLoader().getResourceAsStream("peer/neo4j-graphql/" + name)) {
        if (in == null) {
          throw new IllegalStateException("peer/neo4j-graphql/" + name + " is missing from the jar");
        }
        bytes = in.readAllBytes();
      }
      Path target = dir.resolve(name);
      if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), bytes)) {
        Files.write(target, bytes);
        changed |= name.equals("package.json");
      }
    }
    if (changed) {
      out.println("  graphql  installing @neo4j/graphql and Apollo Server from the npm registry into " + dir);
      Process npm;
      try {
        npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error").directory(dir.toFile()).redirectErrorStream(true).start();
      } catch (IOException e) {
        throw new IllegalStateException("the graphql part needs Node.js 20+ and npm on the PATH to install its peer: " + e.getMessage(), e);
      }
      String log = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
        throw new IllegalStateException("npm install failed in " + dir + " (Node.js 20+ and the npm registry are needed): " + log);
      }
    }
    return dir;
  }

  /** The peer started on the database at the Bolt address; waits for its "ready" line. */
  static Process startPeer(Path dir, int boltPort, String password, int port) throws IOException, InterruptedException {
    ProcessBuilder b = new ProcessBuilder("node", "server.mjs").directory(dir.toFile()).redirectErrorStream(true);
    b.environment().putAll(Map.of("NEO4J_URI", "bolt://127.0.0.1:" + boltPort, "NEO4J_USER", "neo4j", "NEO4J_PASSWORD", password, "PORT",
        Integer.toString(port)));
    Process p;
    try {
      p = b.start();
    } catch (IOException e) {
      throw new IllegalStateException("the graphql part needs Node.js 20+ (node on the PATH) to run its peer: " + e.getMessage(), e);
    }
    BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      String line = lines.readLine();
      if (line == null) {
        break;
      }
      seen.append(line).append('\n');
      if (line.startsWith("ready ")) {
        // Keep reading its output so it never blocks on a full pipe.
        Thread.ofVirtual().start(() -> {
          try {
            lines.transferTo(java.io.Writer.nullWriter());
          } catch (IOException e) {
            // it stopped
          }
        });
        return p;
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("the @neo4j/graphql peer did not start: " + seen);
  }

  /** CPU time of a process and its descendants, in seconds. */
  static double cpuSeconds(ProcessHandle p) {
    double total = p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    for (ProcessHandle c : p.descendants().toList()) {
      total += c.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }
    return total;
  }

  /** Waits until the process uses less than a quarter of a core over two 2-second samples in a row (or the cap); seconds waited. */
  static double awaitQuiet(ProcessHandle p, int capSeconds) throws InterruptedException {
    long started = System.nanoTime();
    double last = cpuSeconds(p);
    int calm = 0;
    while (calm < 2 && System.nanoTime() - started < capSeconds * 1_000_000_000L) {
      Thread.sleep(2000);
      double now = cpuSeconds(p);
      calm = now - last < 0.5 ? calm + 1 : 0;
      last = now;
    }
    return (System.nanoTime() - started) / 1e9;
  }

  /** Answers of one side: POSTs a query, fails on HTTP errors and GraphQL errors. */
  record Endpoint(HttpClient http, URI uri, String authorization) {
    JsonNode post(String query) throws IOException, InterruptedException {
      HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query))));
      if (authorization != null) {
        r.header("Authorization", authorization);
      }
      HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      if (response.statusCode() != 200 || body.has("errors")) {
        throw new IllegalStateException("HTTP " + response.statusCode() + " from " + uri + ": " + response.body());
      }
      return body.path("data");
    }
  }

  /** Accounts in order, each with its contacts' and deals' ids (as sets): what both sides must agree on. */
  static Map<String, String> shape(JsonNode accounts) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (JsonNode a : accounts) {
      TreeSet<String> contacts = new TreeSet<>(), deals = new TreeSet<>();
      a.path("contacts").forEach(c -> contacts.add(c.path("id").asString() + "|" + c.path("name").asString()));
      a.path("deals").forEach(d -> deals.add(d.path("id").asString() + "|" + d.path("stage").asString() + "|" + d.path("amount").asDouble()));
      out.put(a.path("id").asString() + "|" + a.path("name").asString(), contacts + " " + deals);
    }
    return out;
  }

  /** What one timed run measured. */
  record Run(double perSecond, double p50, double p99, long requests) {}

  /** Sends requests from {@code clients} threads for {@code seconds}, each its next when the last is answered. */
  static Run load(Endpoint e, IntFunction<String> query, int clients, int seconds) throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    // Each client keeps its own latencies (no sharing while timing); they are joined once the run is over.
    List<java.util.stream.LongStream.Builder> latencies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
    for (int c = 0; c < clients; c++) {
      java.util.stream.LongStream.Builder mine = java.util.stream.LongStream.builder();
      latencies.add(mine);
      int client = c;
      threads.add(Thread.ofPlatform().name("load-" + c).start(() -> {
        for (int i = 0; !stop.get(); i++) {
          long t0 = System.nanoTime();
          try {
            e.post(query.apply(client * 7919 + i));
          } catch (Exception ex) {
            failure.compareAndSet(null, ex);
            return;
          }
          mine.add(System.nanoTime() - t0);
        }
      }));
    }
    long started = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    if (failure.get() != null) {
      throw new IllegalStateException("a request failed: " + failure.get().getMessage(), failure.get());
    }
    long[] all = latencies.stream().flatMapToLong(java.util.stream.LongStream.Builder::build).sorted().toArray();
    int n = all.length;
    return new Run(n / elapsed, n == 0 ? 0 : all[(int) (0.50 * (n - 1))] / 1e6, n == 0 ? 0 : all[(int) (0.99 * (n - 1))] / 1e6, n);
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  /**
   * The whole part: the service (demo world) and the peer on its database, the data check, then alternating timed
   * runs per question.
   */
  static void run(Path dir, String accounts, int clients, int seconds, int rounds, int warmUp, PrintStream out)
      throws IOException, InterruptedException {
    Path peerDir = install(out);
    String key = "real-benchmark-" + java.util.UUID.randomUUID();
    int boltPort = StartupBenchmark.freePort();
    Path data = dir.resolve("graphql");
    // The per-key rate limit lifted, so the service's own speed shows (the peer has none).
    StartupBenchmark.Service service = StartupBenchmark.start(data, key, accounts, dir.resolve("graphql.log"), boltPort,
        "--customer-graph.security.requests-per-minute=100000000", "--customer-graph.security.burst=1000000");
    Process peer = null;
    try {
      StartupBenchmark.awaitReady(service);
      // Ready is not idle: the demo world is scored and word vectors trained in the background after it. Both sides
      // run their Cypher in the service's database, so timing starts once its process is quiet.
      double quiet = awaitQuiet(service.process().toHandle(), 240);
      out.printf(Locale.ROOT, "  graphql  the service ready and then quiet (below a quarter of a core) after %.0f s more%n", quiet);
      String password = Files.readString(data.resolve("neo4j").resolve(io.customergraph.graph.EmbeddedNeo4j.PASSWORD_FILE)).strip();
      int peerPort = StartupBenchmark.freePort();
      peer = startPeer(peerDir, boltPort, password, peerPort);
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
      Endpoint ours = new Endpoint(http, URI.create(service.base() + "/graphql"), "Bearer " + key);
      Endpoint theirs = new Endpoint(http, URI.create("http://127.0.0.1:" + peerPort + "/"), null);

      JsonNode oursNested = ours.post(OURS_NESTED).path("accounts").path("edges");
      List<JsonNode> nodes = new ArrayList<>();
      oursNested.forEach(edge -> nodes.add(edge.path("node")));
      // The same accounts asked of the peer by id: the two sort names differently (the service folds case and accents,
      // the library compares strings as stored), so their first twenty differ at the edges.
      List<String> listed = nodes.stream().map(n -> n.path("id").asString()).toList();
      String inList = String.join(", ", listed.stream().map(id -> "\"" + id + "\"").toList());
      Map<String, String> a = shape(JSON.valueToTree(nodes)), b = shape(theirs.post(
          "{ accounts(where: { id: { in: [" + inList + "] } }) { id name contacts { id name title } deals { id name stage amount } } }").path("accounts"));
      long contacts = nodes.stream().mapToLong(n -> n.path("contacts").size()).sum(), deals = nodes.stream().mapToLong(n -> n.path("deals").size()).sum();
      if (!a.equals(b)) {
        Map<String, String> onlyOurs = new TreeMap<>(a), onlyTheirs = new TreeMap<>(b);
        onlyOurs.entrySet().removeAll(b.entrySet());
        onlyTheirs.entrySet().removeAll(a.entrySet());
        throw new IllegalStateException("the two answer differently: ours only " + onlyOurs + "; the peer's only " + onlyTheirs);
      }
      out.printf(Locale.ROOT, "  graphql  same data checked: %d accounts, %d contacts, %d deals from both; %d clients, %d s a run, %d rounds alternating, medians%n",
          a.size(), contacts, deals, clients, seconds, rounds);
      List<String> ids = nodes.stream().map(n -> n.path("id").asString()).toList();
      List<Query> queries = List.of(
          new Query("list of 20 accounts", "{ accounts(first: 20) { edges { node { id name domain industry owner } } } }",
              "{ accounts(limit: 20, sort: [{ name: ASC }, { id: ASC }]) { id name domain industry owner } }"),
          new Query("20 accounts with contacts and deals", OURS_NESTED, PEER_NESTED),
          new Query("an account by id", "{ account(id: \"%s\") { id name domain industry owner } }",
              "{ accounts(where: { id: { eq: \"%s\" } }) { id name domain industry owner } }"));
      // Warm-up: every question for a while on each side before any is timed. A JVM's compiler needs about a minute of
      // load on 2 cores before a request path runs at full speed (session 19 saw the first question timed at half of
      // what it reached later); a service runs warm, so steady state is what is compared.
      int slice = Math.max(1, warmUp / 4);
      if (warmUp > 0) {
        for (Endpoint side : List.of(ours, theirs)) {
          boolean mine = side == ours;
          for (Query q : queries) {
            String text = mine ? q.ours() : q.peer();
            load(side, asked(text, ids), clients, slice);
          }
          if (mine) {
            load(side, asked(SCORED, ids), clients, slice);
          }
        }
        out.printf(Locale.ROOT, "  graphql  warmed up: every question for %d s on each side before timing%n", slice);
      }
      out.println("  graphql  question                             side                 requests/s   p50 ms   p99 ms   ours ÷ peer");
      for (Query q : queries) {
        IntFunction<String> o = asked(q.ours(), ids);
        IntFunction<String> p = asked(q.peer(), ids);
        load(ours, o, clients, Math.min(5, seconds));
        load(theirs, p, clients, Math.min(5, seconds));
        List<Double> oRate = new ArrayList<>(), oP50 = new ArrayList<>(), oP99 = new ArrayList<>(), pRate = new ArrayList<>(), pP50 = new ArrayList<>(), pP99 = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          Run x = load(ours, o, clients, seconds);
          Run y = load(theirs, p, clients, seconds);
          oRate.add(x.perSecond());
          oP50.add(x.p50());
          oP99.add(x.p99());
          pRate.add(y.perSecond());
          pP50.add(y.p50());
          pP99.add(y.p99());
        }
        out.printf(Locale.ROOT, "  graphql  %-36s %-19s %11.0f %8.1f %8.1f   %.2f×%n", q.name(), "Customer Graph", median(oRate), median(oP50), median(oP99),
            median(oRate) / median(pRate));
        out.printf(Locale.ROOT, "  graphql  %-36s %-19s %11.0f %8.1f %8.1f%n", "", "@neo4j/graphql", median(pRate), median(pP50), median(pP99));
      }
      String lookupQuery = queries.get(2).ours();
      IntFunction<String> lookup = asked(lookupQuery, ids);
      IntFunction<String> scored = asked(SCORED, ids);
      load(ours, scored, clients, Math.min(5, seconds));
      List<Double> plain = new ArrayList<>(), withScore = new ArrayList<>(), p99 = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        plain.add(load(ours, lookup, clients, seconds).perSecond());
        Run s = load(ours, scored, clients, seconds);
        withScore.add(s.perSecond());
        p99.add(s.p99());
      }
      out.printf(Locale.ROOT, "  graphql  %-36s %-19s %11.0f %8s %8.1f   a plain lookup costs %.2f× less (aim: a score ≤ 5× a lookup)%n",
          "an account's score with explanation", "Customer Graph", median(withScore), "", median(p99), median(plain) / median(withScore));
    } finally {
      if (peer != null) {
        peer.destroy();
        peer.waitFor(10, TimeUnit.SECONDS);
      }
      service.process().destroy();
      service.process().waitFor();
    }
  }
}
