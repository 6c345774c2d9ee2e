package io.customergraph.cli;

import io.customergraph.CustomerGraphApplication;
import io.customergraph.ingest.Importer;
import io.customergraph.ingest.IngestKind;
import io.customergraph.ingest.IngestOutcome;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * {@code import <kind> <path…> [--map field=column,…]}: imports files into the graph the service uses (the same
 * data directory, or NEO4J_URI), showing progress and ending with a summary and the most common quarantine reasons.
 */
final class ImportCommand {

  private ImportCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 3) {
      throw new IllegalArgumentException("import needs a kind and at least one path");
    }
    IngestKind kind = IngestKind.parse(args[1]);
    List<Path> paths = new ArrayList<>();
    Map<String, String> mapping = new LinkedHashMap<>();
    List<String> springArgs = new ArrayList<>(List.of("--customer-graph.demo.enabled=false", "--logging.level.root=warn", "--spring.main.banner-mode=off"));
    String to = null;
    String key = System.getenv("CG_KEY");
    for (int i = 2; i < args.length; i++) {
      if (args[i].equals("--map") && i + 1 < args.length) {
        for (String pair : args[++i].split(",")) {
          String[] kv = pair.split("=", 2);
          if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
            throw new IllegalArgumentException("--map takes field=column pairs separated by commas, got '" + pair + "'");
          }
          mapping.put(kv[0].strip(), kv[1].strip());
        }
      } else if (args[i].equals("--to") && i + 1 < args.length) {
        to = args[++i];
      } else if (args[i].equals("--key") && i + 1 < args.length) {
        key = args[++i];
      } else if (args[i].equals("--kind") && i + 1 < args.length) {
        // The score an outcome file teaches, as a constant of the mapping (the parser names a wrong one).
        mapping.put("kind", "=" + args[++i].strip());
      } else if (args[i].equals("--batch-size") && i + 1 < args.length) {
        springArgs.add("--customer-graph.ingest.batch-size=" + Cli.intOption(Map.of("batch-size", args[++i]), "batch-size", 500));
      } else if (args[i].startsWith("--") && args[i].contains("=")) {
        springArgs.add(args[i]); // a service setting, e.g. --customer-graph.neo4j.data-directory=/srv/graph
      } else if (args[i].startsWith("--")) {
        Help.of("import").orElseThrow().check(args[i].substring(2));
        throw new IllegalArgumentException(args[i] + " needs a value");
      } else {
        Path p = Path.of(args[i]);
        if (!Files.exists(p)) {
          throw new IllegalArgumentException("no such file or directory: " + p);
        }
        paths.add(p);
      }
    }
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("import needs at least one file or directory");
    }
    if (kind == IngestKind.OUTCOME && !mapping.containsKey("kind")) {
      throw new IllegalArgumentException("import outcome needs --kind churn-risk, lead-priority or deal-win: the score the outcomes teach");
    }
    if (to != null) {
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("--to needs an API key with the INGEST role: --key cg_… or the CG_KEY environment variable");
      }
      try {
        return RemoteImport.run(kind, paths, mapping, to, key, out, err);
      } catch (java.io.IOException e) {
        err.println("error: " + e.getMessage());
        return 1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      }
    }
    boolean live = System.console() != null;
    // Spring's own report of a failed start is a stack trace; the one failure a user causes here is said in one line.
    springArgs.add("--logging.level.org.springframework.boot.SpringApplication=off");
    ConfigurableApplicationContext context;
    try {
      context = new SpringApplicationBuilder(CustomerGraphApplication.class)
          .web(WebApplicationType.NONE)
          .logStartupInfo(false)
          .run(springArgs.toArray(String[]::new));
    } catch (RuntimeException e) {
      if (storeLocked(e)) {
        err.println("error: the data directory is in use by a running service (its database is locked). Upload to the running service "
            + "instead — curl -H \"Authorization: Bearer $CG_KEY\" --data-binary @FILE 'http://HOST:PORT/api/ingest/" + kind.id() + "?filename=NAME' "
            + "(zip or tar.gz a directory first) — or stop the service and import again.");
        return 3;
      }
      throw e;
    }
    try (ConfigurableApplicationContext app = context) {
      Importer importer = app.getBean(Importer.class);
      long started = System.nanoTime();
      long[] lastPrinted = {0};
      Importer.Summary summary =
          importer.importFiles(kind, paths, mapping, p -> {
            double seconds = (System.nanoTime() - started) / 1e9;
            String line = progressLine(kind, p.outcome(), seconds);
            if (live) {
              err.print("\r" + line + "   ");
            } else if (p.outcome().total() - lastPrinted[0] >= 10_000) {
              err.println(line);
              lastPrinted[0] = p.outcome().total();
            }
          });
      if (live) {
        err.println();
      }
      // Every entity without a score is scored before the command ends, so rankings are full when the service starts.
      long scoringStarted = System.nanoTime();
      app.publishEvent(new io.customergraph.graph.ImportFinished(kind.id(), step -> {
        if (live) {
          err.print("\r" + step + "   ");
        }
      }));
      if (live) {
        err.println();
      }
      IngestOutcome o = summary.outcome();
      out.printf(Locale.ROOT, "Imported %,d %s records in %.1f s (%,.0f records/s): %,d ingested, %,d updated, %,d unchanged, %,d quarantined%n",
          o.total(), kind.id(), summary.millis() / 1000.0, summary.rate(), o.ingested(), o.updated(), o.unchanged(), o.quarantined());
      long scored = app.getBean(Neo4jClient.class).query("MATCH (s:Score) RETURN count(s)").fetchAs(Long.class).one().orElse(0L);
      out.printf(Locale.ROOT, "Scored every entity without a score in %.1f s (%,d scores stored)%n", (System.nanoTime() - scoringStarted) / 1e9, scored);
      if (o.quarantined() > 0) {
        out.println("Quarantined (most common reasons; list and retry them with the GraphQL query `quarantine`):");
        app.getBean(Neo4jClient.class)
            .query("""
                MATCH (s:SourceRecord {status: 'QUARANTINED', kind: $kind})
                WITH s.reason AS reason, count(*) AS n, min(s.position) AS example
                RETURN n, reason, example ORDER BY n DESC, reason LIMIT 5""")
            .bind(kind.id()).to("kind")
            .fetch().all()
            .forEach(r -> out.printf(Locale.ROOT, "  %,6d × %s (e.g. %s)%n", (Long) r.get("n"), r.get("reason"), r.get("example")));
      }
      return 0;
    }
  }

  /** Whether a failed start failed because another process holds the embedded database's store lock. */
  static boolean storeLocked(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t.getClass().getSimpleName().equals("FileLockException") || message.contains("store_lock") || message.contains("locked by another process")) {
        return true;
      }
    }
    return false;
  }

  private static String progressLine(IngestKind kind, IngestOutcome o, double seconds) {
    int width = 20;
    int filled = (int) ((o.total() / 500) % (width + 1));
    String bar = "#".repeat(filled) + "-".repeat(width - filled);
    return String.format(Locale.ROOT, "importing %s [%s] %,d records, %,.0f/s · %,d new · %,d updated · %,d unchanged · %,d quarantined",
        kind.id(), bar, o.total(), seconds == 0 ? 0 : o.total() / seconds, o.ingested(), o.updated(), o.unchanged(), o.quarantined());
  }
}
