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

  static int run(Map<String, String> options, PrintStream out) throws IOException {
    int messages = Cli.intOption(options, "messages", 10_000);
    if (messages < 1) {
      throw new IllegalArgumentException("--messages must be at least 1, got " + messages);
    }
    Path mail = mailDirectory(options.get("mail"));
    if (!Files.isDirectory(mail)) {
      throw new IllegalArgumentException("--mail " + mail + " is not a directory");
    }
    Path dir = Files.createTempDirectory("customer-graph-real-");
    try {
      RealMailCorpus corpus = RealMailCorpus.read(mail);
      Path mbox = corpus.mbox(dir.resolve("real.mbox"), messages);
      out.printf(Locale.ROOT, "Customer Graph on real work — %d cores, JDK %s, %s%n", Runtime.getRuntime().availableProcessors(), Runtime.version(),
          LocalDate.now());
      out.printf(Locale.ROOT, "  mail: %s — %,d real messages, grown to %,d with %d re-identified copies (%d MB)%n", mail, corpus.originalCount(),
          messages, (messages - 1) / corpus.originalCount(), Files.size(mbox) >> 20);
      out.println("  part   what                                                            seconds   per second");
      fresh(dir, mbox, messages, out);
      running(dir, mbox, messages, options.getOrDefault("demo-accounts", "12"), out);
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      StartupBenchmark.delete(dir);
    }
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
      out.printf(Locale.ROOT, "         %s ingested, %s quarantined%n", m.group(1), m.group(2));
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
      out.printf(Locale.ROOT, "         %,d ingested, %,d quarantined%n", state.path("ingested").asLong(), state.path("quarantined").asLong());
    } finally {
      service.process().destroy();
      service.process().waitFor();
    }
  }

  private static void row(PrintStream out, String part, String what, double seconds, long n) {
    out.printf(Locale.ROOT, "  %-6s %-63s %7.1f %9.0f msg%n", part, what, seconds, n / seconds);
  }
}
