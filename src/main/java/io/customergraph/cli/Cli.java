package io.customergraph.cli;

import io.customergraph.demo.DemoFiles;
import io.customergraph.demo.DemoWorld;
import io.customergraph.demo.DemoWorldGenerator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Commands run as {@code java -jar customer-graph.jar <command> [--option value …]} instead of the service.
 *
 * <ul>
 *   <li>{@code demo-world --accounts N --seed S --anchor YYYY-MM-DD --out DIR}: writes a world as JSON lines plus its
 *       ground truth;
 *   <li>{@code import <kind> <path…> [--map field=column,…]}: imports files into the graph, with progress and a
 *       summary;
 *   <li>{@code benchmark --accounts N --seed S}: loads a world of that size into a fresh embedded Neo4j and prints
 *       load throughput and query latencies.
 * </ul>
 */
public final class Cli {

  private static final List<String> COMMANDS = List.of("demo-world", "benchmark", "import", "ingest-benchmark", "evaluate-language", "resolve", "evaluate-resolution", "evaluate-scoring", "api-key");

  private Cli() {}

  /** Whether the arguments name a command of this CLI. */
  public static boolean handles(String[] args) {
    return args.length > 0 && COMMANDS.contains(args[0]);
  }

  /** Runs the command and returns the process exit code. */
  public static int run(String[] args) {
    PrintStream out = System.out;
    try {
      if (args[0].equals("import")) {
        return ImportCommand.run(args, out, System.err);
      }
      if (args[0].equals("api-key")) {
        return ApiKeyCommand.run(args, out);
      }
      if (args[0].equals("resolve")) {
        return ResolveCommand.run(args, out);
      }
      Map<String, String> options = options(args);
      return switch (args[0]) {
        case "demo-world" -> demoWorld(options, out);
        case "benchmark" -> Benchmark.run(options, out);
        case "ingest-benchmark" -> IngestBenchmark.run(options, out);
        case "evaluate-language" -> LanguageEvaluation.run(options, out);
        case "evaluate-resolution" -> ResolutionEvaluation.run(options, out);
        case "evaluate-scoring" -> ScoringEvaluation.run(options, out);
        default -> usage(out);
      };
    } catch (java.io.IOException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      usage(System.err);
      return 2;
    }
  }

  private static int demoWorld(Map<String, String> o, PrintStream out) throws IllegalArgumentException {
    int accounts = intOption(o, "accounts", 200);
    long seed = longOption(o, "seed", 42);
    LocalDate anchor = dateOption(o, "anchor", LocalDate.now(ZoneOffset.UTC));
    Path dir = Path.of(o.getOrDefault("out", "demo-world"));
    long started = System.nanoTime();
    DemoWorld world = DemoWorldGenerator.generate(seed, accounts, anchor);
    try {
      DemoFiles.writeWorld(world, dir);
    } catch (java.io.IOException e) {
      System.err.println("error: cannot write to " + dir + ": " + e.getMessage());
      return 1;
    }
    out.printf(
        "wrote %d nodes (%d accounts, %d contacts, %d emails, %d activities; %d planted duplicates) to %s in %d ms%n",
        world.size(), world.accounts().size(), world.contacts().size(), world.emails().size(), world.activities().size(),
        world.truth().duplicates().size(), dir.toAbsolutePath(), (System.nanoTime() - started) / 1_000_000);
    return 0;
  }

  static long longOption(Map<String, String> o, String name, long fallback) {
    String v = o.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + v + "'");
    }
  }

  static LocalDate dateOption(Map<String, String> o, String name, LocalDate fallback) {
    String v = o.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return LocalDate.parse(v);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("--" + name + " must be a date such as 2026-11-01, got '" + v + "'");
    }
  }

  /** A whole number of zero or more, zero when absent. */
  static int intOrZero(Map<String, String> o, String name) {
    String v = o.get(name);
    return v == null ? 0 : intOption(o, name, 0);
  }

  static int intOption(Map<String, String> o, String name, int fallback) {
    String v = o.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < 1) {
        throw new IllegalArgumentException("--" + name + " must be at least 1, got " + v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + v + "'");
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --option value pairs, got '" + args[i] + "'");
      }
      o.put(args[i].substring(2), args[++i]);
    }
    return o;
  }

  private static int usage(PrintStream out) {
    out.println(
        """
        usage:
          customer-graph demo-world [--accounts 200] [--seed 42] [--anchor YYYY-MM-DD] [--out demo-world]
          customer-graph import <kind> <file or directory>… [--map field=column,…] [--batch-size 500]
              kinds: email, call, ticket, invoice, payment, account, contact, deal, activity, rep, product
          customer-graph benchmark  [--accounts 2000] [--seed 42]
          customer-graph ingest-benchmark [--emails 100000] [--calls N] [--tickets N] [--invoices N] [--events N]
          customer-graph evaluate-language [--yelp ../shared/data/language/yelp_labelled.txt]
          customer-graph resolve --input a.csv [--input b.csv] [--id-column id] [--map given_name=firstName,…]
              --output clusters.csv [--pairs pairs.csv] [--threshold 0.999] [--candidates 10] [--labels column]
          customer-graph evaluate-resolution [--data ../shared/data/resolution] [--records 100000] [--indexed 1000000]
          customer-graph evaluate-scoring [--accounts 200] [--seed 42] [--crm ../shared/data/crm] [--speed-accounts 21000]
              [--reads 2000] [--skip-speed true]
          customer-graph api-key create --name NAME --roles ADMIN[,REP,…] [--owner "Rep Name"] [--team TEAM]
              [--personal-data true] [--requests-per-minute N]
          customer-graph api-key list | api-key revoke --id key_…
              (on the service's data directory: stop the service first, or point NEO4J_URI at its database)""");
    return 2;
  }
}
