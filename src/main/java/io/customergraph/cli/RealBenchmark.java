package io.customergraph.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code benchmark-real}: the service on real work, as issue #25 asks — real mail, grown to the wanted size with
 * re-identified copies of itself ({@link RealMailCorpus}), imported into a fresh data directory by the {@code import}
 * command in its own process, and uploaded to a running service (the launcher's process, demo world loaded, ready)
 * the way a user sends a file. Prints one table.
 */
final class RealBenchmark {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private RealBenchmark() {}

  /** The parts a run prints, in order. */
  static final List<String> PARTS = List.of("mail", "resolve", "graphql", "start");

  static int run(Map<String, String> options, PrintStream out) throws IOException {
    int messages = Cli.intOption(options, "messages", 10_000);
    if (messages < 1) {
      throw new IllegalArgumentException("--messages must be at least 1, got " + messages);
    }
    List<String> parts = new ArrayList<>();
    for (String part : options.getOrDefault("parts", String.join(",", PARTS)).split(",")) {
      if (!PARTS.contains(part.strip())) {
        throw new IllegalArgumentException("--parts: unknown part '%s'; parts are %s".formatted(part.strip(), PARTS));
      }
      parts.add(part.strip());
    }
    int peerMinutes = Cli.intOption(options, "peer-minutes", 3);
    Path mail = parts.contains("mail") ? mailDirectory(options.get("mail")) : null;
    if (mail != null && !Files.isDirectory(mail)) {
      throw new IllegalArgumentException("--mail " + mail + " is not a directory");
    }
    Path people = parts.contains("resolve") ? resolutionDirectory(options.get("data")) : null;
    Path dir = Files.createTempDirectory("customer-graph-real-");
    try {
      out.printf(Locale.ROOT, "Customer Graph on real work — %d cores, JDK %s, %s%n", Runtime.getRuntime().availableProcessors(), Runtime.version(),
          LocalDate.now());
      RealMailCorpus corpus = null;
      Path mbox = null;
      if (mail != null) {
        corpus = RealMailCorpus.read(mail);
        mbox = corpus.mbox(dir.resolve("real.mbox"), messages);
        out.printf(Locale.ROOT, "  mail: %s — %,d real messages, grown to %,d with %d re-identified copies (%d MB)%n", mail, corpus.originalCount(),
            messages, (messages - 1) / corpus.originalCount(), Files.size(mbox) >> 20);
      }
      if (people != null) {
        out.printf(Locale.ROOT, "  resolve: %s — Febrl dataset2 (held out: never used to shape the resolver) as written and thin; each tool in its own JVM, JVM start included%n",
            people);
      }
      out.println("  part     what                                                                seconds   per second   F1");
      if (mbox != null) {
        fresh(dir, mbox, messages, out);
        running(dir, mbox, messages, options.getOrDefault("demo-accounts", "12"), out);
      }
      if (people != null) {
        resolve(people, java.time.Duration.ofMinutes(peerMinutes), out);
      }
      if (parts.contains("graphql")) {
        GraphQlPeer.run(dir, options.getOrDefault("graphql-accounts", "200"), Cli.intOption(options, "clients", 8), Cli.intOption(options, "seconds", 10),
            Cli.intOption(options, "rounds", 3), Cli.intOption(options, "warm-up", 60), out);
      }
      if (parts.contains("start")) {
        start(dir.resolve("start"), options.getOrDefault("demo-accounts", "12"), out);
      }
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      StartupBenchmark.delete(dir);
    }
  }

  /** The shared person records of a checkout: the repository's copy, else the shared data beside it. */
  private static Path resolutionDirectory(String given) {
    Path dir = given != null ? Path.of(given)
        : List.of("src/test/data/resolution", "../shared/data/resolution").stream().map(Path::of).filter(Files::isDirectory).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no person records found (src/test/data/resolution in a checkout); name a directory with --data DIR"));
    if (!Files.isRegularFile(dir.resolve("dataset2.csv"))) {
      throw new IllegalArgumentException("--data " + dir + " holds no dataset2.csv (Febrl dataset2)");
    }
    return dir;
  }

  /**
   * {@code customer-graph resolve} and Duke 1.2 on the same rows, each in its own JVM: Febrl dataset2 as written, and
   * its thin version (given name, surname, town, postcode; 20 % of the records corrupted further, seed 2).
   */
  private static void resolve(Path data, java.time.Duration peerAllowed, PrintStream out) throws IOException {
    ResolutionEvaluation.Labelled set = ResolutionEvaluation.read(data.resolve("dataset2.csv"), "rec_id", ResolutionEvaluation.FEBRL);
    java.util.Optional<Path> launcher = ResolutionEvaluation.launcher();
    java.util.Optional<Path> duke = DukePeer.home(Map.of());
    List<io.customergraph.resolve.Field> rich = set.raw().stream().flatMap(r -> r.keySet().stream()).distinct().sorted().toList();
    List<io.customergraph.resolve.Field> thin = io.customergraph.resolve.ThinFields.KEPT.stream().sorted().toList();
    List<Map<io.customergraph.resolve.Field, String>> thinRows = io.customergraph.resolve.ThinFields.rows(set.entries(), 0.2, 2);
    if (launcher.isPresent()) {
      // The first run of a command after a build extracts the jar and writes the command's class archive as it exits
      // (a few seconds, once): that run is not timed, as a user meets it once (evaluate-resolution --sets peer-speed
      // shows both).
      ResolutionEvaluation.resolveInOwnJvm(launcher.get(), set.ids(), thinRows, thin, set.truth());
      out.println("  resolve  one untimed run of customer-graph resolve first (a first run after a build extracts the jar and writes its class archive)");
    }
    for (var variant : List.of(Map.entry("febrl2", set.raw()), Map.entry("febrl2 thin 20%", thinRows))) {
      List<io.customergraph.resolve.Field> fields = variant.getKey().equals("febrl2") ? rich : thin;
      String what = "%s (%,d rows): ".formatted(variant.getKey(), set.ids().size());
      if (launcher.isEmpty()) {
        out.println("  resolve  " + what + "customer-graph resolve skipped: no launcher beside the jar (./mvnw package)");
      } else {
        ResolutionEvaluation.OwnJvm r = ResolutionEvaluation.resolveInOwnJvm(launcher.get(), set.ids(), variant.getValue(), fields, set.truth());
        if (r.e() == null) {
          out.println("  resolve  " + what + "customer-graph resolve failed: " + r.failure());
        } else {
          row(out, "resolve", what + "customer-graph resolve", r.millis() / 1000.0, set.ids().size(), "rec", r.e().f1());
        }
      }
      if (duke.isEmpty()) {
        out.println("  resolve  " + what + "Duke 1.2 skipped: not found (./mvnw package puts it in target/duke)");
      } else {
        ResolutionEvaluation.Peer p = ResolutionEvaluation.duke(duke.get(), set.ids(), variant.getValue(), java.util.Set.copyOf(fields), set.truth(), peerAllowed);
        if (p.finished()) {
          row(out, "resolve", what + "Duke 1.2", p.millis() / 1000.0, set.ids().size(), "rec", p.e().f1());
        } else {
          out.printf(Locale.ROOT, "  %-8s %-67s not finished in %d min (--peer-minutes)%n", "resolve", what + "Duke 1.2", peerAllowed.toMinutes());
        }
      }
    }
  }

  /** The service started on a new directory (demo world, word vectors trained), stopped, and started again. */
  private static void start(Path data, String accounts, PrintStream out) throws IOException {
    Files.createDirectories(data);
    String key = "real-benchmark-" + java.util.UUID.randomUUID();
    StartupBenchmark.Start first = StartupBenchmark.measure(1, data, key, accounts);
    StartupBenchmark.Start again = StartupBenchmark.measure(2, data, key, accounts);
    row(out, "start", "first start, new directory: first GraphQL answer (ready %.1f s)".formatted(first.ready()), first.graphql());
    row(out, "start", "restart: first GraphQL answer (ready %.1f s)".formatted(again.ready()), again.graphql());
  }

  /** The shared real mail of a checkout: the repository's copy, else the shared data beside it. */
  private static Path mailDirectory(String given) {
    if (given != null) {
      return Path.of(given);
    }
    for (String candidate : List.of("src/test/data/email", "../shared/data/email")) {
      if (Files.isDirectory(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    throw new IllegalArgumentException("no real mail found (src/test/data/email in a checkout); name a directory with --mail DIR");
  }

  /** {@code customer-graph import email FILE} into a new data directory, its own JVM start and final scoring included. */
  private static void fresh(Path dir, Path mbox, int messages, PrintStream out) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(StartupBenchmark.javaCommand());
    command.addAll(List.of("import", "email", mbox.toString(), "--customer-graph.neo4j.data-directory=" + dir.resolve("fresh"),
        "--customer-graph.neo4j.bolt-port=" + StartupBenchmark.freePort()));
    Path log = dir.resolve("fresh.log");
    long started = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int exit = p.waitFor();
    double seconds = (System.nanoTime() - started) / 1e9;
    if (exit != 0) {
      throw new IllegalStateException("import ended with exit code " + exit + ": " + Files.readString(log));
    }
    // The command's own summary line says what was ingested and what quarantined.
    String summary = Files.readAllLines(log).stream().filter(l -> l.startsWith("Imported ")).findFirst().orElse("");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([\\d,]+) ingested, .*, ([\\d,]+) quarantined").matcher(summary);
    row(out, "mail", "import into a new directory (JVM start and scoring included)", seconds, messages);
    if (m.find()) {
      out.printf(Locale.ROOT, "           %s ingested, %s quarantined%n", m.group(1), m.group(2));
    }
  }

  /** The mbox uploaded to a ready service over HTTP, until its job is done (written, people resolved). */
  private static void running(Path dir, Path mbox, int messages, String accounts, PrintStream out) throws IOException, InterruptedException {
    String key = "real-benchmark-" + java.util.UUID.randomUUID();
    StartupBenchmark.Service service = StartupBenchmark.start(dir.resolve("running"), key, accounts, dir.resolve("running.log"));
    try {
      StartupBenchmark.awaitReady(service);
      long started = System.nanoTime();
      HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(URI.create(service.base() + "/api/ingest/email?filename=real.mbox"))
          .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofFile(mbox)).build(), HttpResponse.BodyHandlers.ofString());
      if (upload.statusCode() != 202) {
        throw new IllegalStateException("upload refused: HTTP " + upload.statusCode() + " " + upload.body());
      }
      URI job = URI.create(service.base() + upload.headers().firstValue("Location").orElseThrow());
      JsonNode state;
      do {
        Thread.sleep(200);
        state = JSON.readTree(HTTP.send(HttpRequest.newBuilder(job).header("Authorization", "Bearer " + key).build(),
            HttpResponse.BodyHandlers.ofString()).body());
      } while (state.path("status").asString().equals("RUNNING") || state.path("status").asString().equals("QUEUED"));
      double seconds = (System.nanoTime() - started) / 1e9;
      if (!state.path("status").asString().equals("DONE")) {
        throw new IllegalStateException("the upload's job ended " + state);
      }
      row(out, "mail", "upload to a running service (demo world of " + accounts + " accounts)", seconds, messages);
      out.printf(Locale.ROOT, "           %,d ingested, %,d quarantined%n", state.path("ingested").asLong(), state.path("quarantined").asLong());
    } finally {
      service.process().destroy();
      service.process().waitFor();
    }
  }

  private static void row(PrintStream out, String part, String what, double seconds, long n) {
    out.printf(Locale.ROOT, "  %-8s %-67s %7.1f %9.0f msg%n", part, what, seconds, n / seconds);
  }

  private static void row(PrintStream out, String part, String what, double seconds, long n, String unit, double f1) {
    out.printf(Locale.ROOT, "  %-8s %-67s %7.1f %9.0f %-3s  %.4f%n", part, what, seconds, n / seconds, unit, f1);
  }

  private static void row(PrintStream out, String part, String what, double seconds) {
    out.printf(Locale.ROOT, "  %-8s %-67s %7.1f%n", part, what, seconds);
  }
}
