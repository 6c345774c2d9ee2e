package io.customergraph;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.customergraph.act.Webhooks;
import io.customergraph.graph.EmbeddedNeo4j;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #23: several service instances on one Neo4j give one truth. A standalone Neo4j server (the project's embedded
 * Neo4j serving Bolt from this JVM) and two service processes started from the packaged launcher, as users run them
 * behind a load balancer:
 *
 * <ul>
 *   <li>a contact written through instance A is found by {@code search} on instance B within the feed's lag;
 *   <li>100 approved actions and 100 webhook events with both instances polling: the receiver gets every delivery,
 *       each once — also when instance A is killed with SIGKILL mid-run (an attempt cut mid-send may come again, with
 *       the same delivery id);
 *   <li>the scheduled rescoring of everything runs once per interval across both, not once per instance.
 * </ul>
 */
class ScaleOutIT {

  private static final Path LAUNCHER = Path.of("target", "customer-graph");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** The scheduled rescoring's interval on both instances. */
  private static final int RESCORE_SECONDS = 3;

  private record Delivery(String id, String event, long atNanos) {}

  private record Instance(String name, Process process, String base, Path log) {
    long scheduledRescorings() throws Exception {
      return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains("(schedule) in")).count();
    }
  }

  @Test
  void twoInstancesOnOneNeo4jServerSendEachDeliveryOnceAndSeeEachOthersWrites(@TempDir Path dir) throws Exception {
    ConcurrentLinkedQueue<Delivery> received = new ConcurrentLinkedQueue<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    receiver.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      received.add(new Delivery(exchange.getRequestHeaders().getFirst(Webhooks.DELIVERY_HEADER),
          exchange.getRequestHeaders().getFirst(Webhooks.EVENT_HEADER), System.nanoTime()));
      try {
        Thread.sleep(40); // a receiver that takes its time, so that the kill below falls mid-run
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
    List<Instance> instances = new ArrayList<>();
    try (EmbeddedNeo4j server = EmbeddedNeo4j.start(dir.resolve("server"), "127.0.0.1", Neo4jFixture.freePort(), 128L << 20);
        Driver driver = GraphDatabase.driver(server.boltUri(), server.authToken())) {
      String password = Files.readString(dir.resolve("server").resolve("neo4j").resolve(EmbeddedNeo4j.PASSWORD_FILE)).strip();
      // Both at once, as a deployment starts them: migrations, keys and start-up work meet on one database.
      instances.add(start(dir, "a", server.boltUri(), password));
      instances.add(start(dir, "b", server.boltUri(), password));
      for (Instance i : instances) {
        awaitReady(i);
      }
      Instance a = instances.get(0);
      Instance b = instances.get(1);
      long rescoringsBefore = a.scheduledRescorings() + b.scheduledRescorings();
      long rescoringFrom = System.nanoTime();

      // A write through A is seen by B: its candidate index follows the change feed (5 s, plus a look's time). The test
      // asks that it is seen within 30 s and prints the lag; it does not time it tighter: two service JVMs and a database
      // on two shared cores took 17 s once in CI (a timing bound is a benchmark's job, not a test's).
      String contact = graphql(a, "mutation { upsertContact(input: {name: \"Philippa Quarrington\", email: \"pq@quarrington.example\"}) "
          + "{ ... on ContactUpserted { contact { id } } } }").path("data").path("upsertContact").path("contact").path("id").asString();
      long written = System.nanoTime();
      List<String> found = List.of();
      while (!found.contains(contact) && System.nanoTime() - written < 30_000_000_000L) {
        Thread.sleep(250);
        found = graphql(b, "{ search(text: \"Philippa Quarrington\", types: [CONTACT]) { node { id } } }").path("data").path("search")
            .valueStream().map(h -> h.path("node").path("id").asString()).toList();
      }
      double lag = (System.nanoTime() - written) / 1e9;
      assertThat(found).as("found through B within 30 s of the write through A (%.1f s)", lag).contains(contact);

      // 100 approved actions and 100 band changes queued in the database, both instances polling.
      graphql(a, "mutation { createWebhook(url: \"http://127.0.0.1:" + receiver.getAddress().getPort()
          + "/hook\", events: [ACTION_APPROVED, BAND_CHANGED], format: JSON, secret: \"scale-out-test-secret\") { __typename } }");
      // The scheduled rescoring, both instances alive for five intervals: each asks every interval, one lease per
      // interval lets one of them run it — about five runs together, where each running its own would make ten.
      Thread.sleep(Math.max(0, 5 * RESCORE_SECONDS * 1000L - (System.nanoTime() - rescoringFrom) / 1_000_000));
      double seconds = (System.nanoTime() - rescoringFrom) / 1e9;
      long rescorings = a.scheduledRescorings() + b.scheduledRescorings() - rescoringsBefore;
      assertThat(rescorings).as("scheduled rescorings in %.0f s of %d s intervals, both instances together", seconds, RESCORE_SECONDS)
          .isBetween(2L, (long) Math.floor(seconds / RESCORE_SECONDS) + 1);

      long windowStart = System.nanoTime();
      try (var session = driver.session()) {
        session.run("""
            MATCH (w:WebhookSubscription)
            WITH w, datetime() AS now
            UNWIND range(1, 100) AS i
            CREATE (w)-[:DELIVERS]->(:WebhookDelivery {id: 'dlv_band_' + i, subscriptionId: w.id, event: 'BAND_CHANGED',
                    body: '{"event":"BAND_CHANGED","text":"band ' + i + '"}', status: 'PENDING', attempts: 0, nextAttemptAt: now, createdAt: now, log: []})
            CREATE (:Action {id: 'act_approved_' + i, type: 'FOLLOW_UP_EMAIL', status: 'APPROVED', entityId: 'con_nobody', title: 'Follow up ' + i,
                    reason: 'test', reasons: '[]', sources: [], suppressions: '[]', createdAt: now, updatedAt: now,
                    dispatchAfter: now - duration('PT1M')})""").consume();
      }
      // Kill A with SIGKILL once a quarter has arrived: what it held is taken over when its leases expire.
      long until = System.nanoTime() + 60_000_000_000L;
      while (received.size() < 50 && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      a.process().destroyForcibly().waitFor();
      long killedAt = System.nanoTime();
      int atKill = received.size();
      assertThat(atKill).as("deliveries before the kill").isBetween(50, 190);
      until = System.nanoTime() + 120_000_000_000L;
      while (distinct(received) < 200 && System.nanoTime() < until) {
        Thread.sleep(200);
      }
      Map<String, Long> times = received.stream().collect(Collectors.groupingBy(Delivery::id, Collectors.counting()));
      assertThat(times).as("every delivery arrived").hasSize(200);
      assertThat(received.stream().filter(d -> d.event().equals("ACTION_APPROVED")).map(Delivery::id).distinct().count())
          .as("each approved action announced").isEqualTo(100);
      List<String> twice = times.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
      // A delivery may come twice only if its first attempt was cut by the kill: it arrived before the kill, from A.
      Map<String, Delivery> first = received.stream().collect(Collectors.toMap(Delivery::id, Function.identity(), (x, y) -> x));
      assertThat(twice).as("sent twice").allSatisfy(id -> assertThat(first.get(id).atNanos()).isLessThan(killedAt)).hasSizeLessThanOrEqualTo(1);
      System.out.printf("scale-out: search on B %.1f s after the write on A; %d scheduled rescorings in %.0f s (%d s interval); "
          + "%d deliveries before the kill, all 200 after %.1f s, %d twice%n",
          lag, rescorings, seconds, RESCORE_SECONDS, atKill, (System.nanoTime() - windowStart) / 1e9, twice.size());
    } finally {
      for (Instance i : instances) {
        i.process().destroy();
        i.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        i.process().destroyForcibly();
      }
      receiver.stop(0);
    }
  }

  /** Waits until the instance answers ready (two JVMs starting on two cores: up to five minutes). */
  private static void awaitReady(Instance i) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(i.base() + "/actuator/health/readiness")).build();
    long until = System.nanoTime() + 300_000_000_000L;
    String last = "";
    while (System.nanoTime() < until) {
      if (!i.process().isAlive()) {
        throw new AssertionError(i.name() + " ended with exit code " + i.process().exitValue() + tail(i.log()));
      }
      try {
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
        last = r.body();
      } catch (java.io.IOException notListeningYet) {
        last = notListeningYet.toString();
      }
      Thread.sleep(250);
    }
    throw new AssertionError(i.name() + " not ready: " + last + tail(i.log()));
  }

  private static int distinct(ConcurrentLinkedQueue<Delivery> received) {
    return (int) received.stream().map(Delivery::id).distinct().count();
  }

  private static Instance start(Path dir, String name, URI bolt, String password) throws Exception {
    int port = Neo4jFixture.freePort();
    Path log = dir.resolve(name + ".log");
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toAbsolutePath().toString(),
        "--server.port=" + port,
        "--customer-graph.neo4j.uri=" + bolt,
        "--customer-graph.neo4j.password=" + password,
        "--customer-graph.neo4j.data-directory=" + dir.resolve(name),
        "--customer-graph.demo.enabled=false",
        "--customer-graph.language.train-on-start=false",
        "--customer-graph.security.admin-key=" + TestService.ADMIN,
        "--customer-graph.score.rescore-interval=PT" + RESCORE_SECONDS + "S"));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("JAVA_OPTS", "-Xmx768m");
    return new Instance(name, pb.start(), "http://127.0.0.1:" + port, log);
  }

  private static JsonNode graphql(Instance i, String query) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(i.base() + "/graphql")).header("Content-Type", "application/json")
        .header("Authorization", TestService.BEARER)
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = JSON.readTree(r.body());
    assertThat(json.path("errors").isMissingNode()).as(i.name() + ": " + r.body()).isTrue();
    return json;
  }

  private static String tail(Path log) throws Exception {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }
}
