package io.customergraph.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code startup-benchmark}: starts the service as a user does — this jar in a new JVM, on a fresh data directory —
 * and prints how long it takes until the process answers HTTP, answers GraphQL, and reports itself ready (every
 * start-up step done: demo world, index, word vectors); then stops it and starts it again on the same data.
 */
final class StartupBenchmark {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Duration LIMIT = Duration.ofMinutes(10);

  private StartupBenchmark() {}

  static int run(Map<String, String> options, PrintStream out) throws IOException {
    int starts = Cli.intOption(options, "starts", 2);
    Path data = Files.createTempDirectory("customer-graph-startup-");
    String key = "startup-benchmark-" + java.util.UUID.randomUUID(); // this run's own administrator key, never stored beyond it
    out.printf("Customer Graph start-up — %d cores, JDK %s, data in a new directory (first start loads the demo world and trains word vectors)%n",
        Runtime.getRuntime().availableProcessors(), Runtime.version());
    out.println("  start   HTTP answers   GraphQL answers   ready    RSS at ready   stop");
    try {
      for (int i = 1; i <= starts; i++) {
        measure(i, data, key, options.getOrDefault("demo-accounts", "200"), out);
      }
    } finally {
      delete(data);
    }
    return 0;
  }

  /** Deletes a benchmark's data directory and everything in it. */
  static void delete(Path data) throws IOException {
    try (var walk = Files.walk(data)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  /** The service started from this jar in a new JVM: its process, where it answers, and where its output goes. */
  record Service(Process process, String base, Path log, long startedNanos) {}

  /** Starts the service from this jar on the data directory, with its own administrator key and the demo world's size. */
  static Service start(Path data, String key, String accounts, Path log, String... more) throws IOException {
    return start(data, key, accounts, log, freePort(), more);
  }

  /** The same, with the embedded database's Bolt connector on the given port (a peer reads the same database there). */
  static Service start(Path data, String key, String accounts, Path log, int boltPort, String... more) throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>(javaCommand());
    command.addAll(List.of(
        "--server.port=" + port,
        "--customer-graph.neo4j.data-directory=" + data,
        "--customer-graph.neo4j.bolt-port=" + boltPort,
        "--customer-graph.demo.accounts=" + accounts,
        "--customer-graph.security.admin-key=" + key));
    command.addAll(List.of(more));
    long started = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new Service(p, "http://127.0.0.1:" + port, log, started);
  }

  /** How this jar is started as people start it: the launcher when there is one, else this JVM's java with its options. */
  static List<String> javaCommand() {
    List<String> command = new ArrayList<>();
    String home = System.getProperty("customer-graph.home");
    Path launcher = home == null ? null : Path.of(home, "customer-graph");
    if (launcher != null && Files.isExecutable(launcher)) {
      // Through the launcher (its JVM options, class data sharing for a service; JAVA_OPTS passes on).
      command.add(launcher.toString());
    } else {
      command.add(ProcessHandle.current().info().command().orElse("java"));
      // The same JVM options this command runs with (heap, the launcher's flags), then the jar itself.
      command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
      command.addAll(List.of("-jar", jar()));
    }
    return command;
  }

  /** Waits until the service reports itself ready; seconds since its start. */
  static double awaitReady(Service s) throws InterruptedException {
    return until(s.startedNanos(), s.process(), () -> status(HttpRequest.newBuilder(URI.create(s.base() + "/actuator/health/readiness")).build()) == 200);
  }

  private static void measure(int n, Path data, String key, String accounts, PrintStream out) throws IOException {
    Start s = measure(n, data, key, accounts);
    out.printf("  %-7s %9.1f s   %12.1f s   %6.1f s   %8d MB   %4.1f s%n",
        n == 1 ? "first" : "again", s.http(), s.graphql(), s.ready(), s.rssMegabytes(), s.stop());
  }

  /** One start's figures: seconds to the first HTTP answer, the first GraphQL answer and readiness; memory; stop. */
  record Start(double http, double graphql, double ready, long rssMegabytes, double stop) {}

  /** Starts the service on the data directory (the {@code n}th start on it), times it, and stops it. */
  static Start measure(int n, Path data, String key, String accounts) throws IOException {
    Path log = data.resolveSibling(data.getFileName() + "-start" + n + ".log");
    Service service = start(data, key, accounts, log);
    Process p = service.process();
    long started = service.startedNanos();
    String base = service.base();
    try {
      double http = until(started, p, () -> status(HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness")).build()) == 200);
      double graphql = until(started, p, () -> status(HttpRequest.newBuilder(URI.create(base + "/graphql"))
          .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ accounts(first: 1) { edges { node { id } } } }\"}")).build()) == 200);
      double ready = awaitReady(service);
      long rss = rssMegabytes(p.pid());
      long stopping = System.nanoTime();
      p.destroy();
      p.waitFor();
      Files.deleteIfExists(log);
      return new Start(http, graphql, ready, rss, (System.nanoTime() - stopping) / 1e9);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (IllegalStateException e) {
      throw new IOException(e.getMessage() + "; the service's output is in " + log);
    } finally {
      p.destroyForcibly();
    }
  }

  /** Seconds from the start until the check holds; fails if the process ends or the limit passes first. */
  private static double until(long started, Process p, java.util.function.BooleanSupplier check) throws InterruptedException {
    while (!check.getAsBoolean()) {
      if (!p.isAlive()) {
        throw new IllegalStateException("the service stopped with exit code " + p.exitValue() + " before answering");
      }
      if (System.nanoTime() - started > LIMIT.toNanos()) {
        throw new IllegalStateException("the service did not answer within " + LIMIT);
      }
      Thread.sleep(50);
    }
    return (System.nanoTime() - started) / 1e9;
  }

  private static int status(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  static long rssMegabytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux: no figure.
    }
    return -1;
  }

  /** The jar this command runs from. */
  private static String jar() {
    String path = ManagementFactory.getRuntimeMXBean().getClassPath();
    if (path.endsWith(".jar") && !path.contains(java.io.File.pathSeparator)) {
      return path;
    }
    throw new IllegalArgumentException("benchmarks that start the service run from the packaged jar: target/customer-graph <command>");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
