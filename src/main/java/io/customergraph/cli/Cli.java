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
 * Commands run as {@code customer-graph <command> [--option value …]} (or {@code java -jar customer-graph.jar …})
 * instead of the service. {@link Help} lists them with every option and its default ({@code <command> --help}).
 */
public final class Cli {

  private static final List<String> ASKING = List.of("help", "--help", "-h");

  private Cli() {}

  /** Whether the arguments name a command of this CLI, or ask for help. */
  public static boolean handles(String[] args) {
    return args.length > 0 && (Help.of(args[0]).isPresent() || ASKING.contains(args[0]));
  }

  /** Runs the command and returns the process exit code. */
  public static int run(String[] args) {
    PrintStream out = System.out;
    if (ASKING.contains(args[0])) {
      out.print(args.length > 1 ? Help.of(args[1]).map(Help::page).orElse(Help.overview()) : Help.overview());
      return 0;
    }
    if (Help.asked(args)) {
      out.print(Help.of(args[0]).orElseThrow().page());
      return 0;
    }
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
        case "startup-benchmark" -> StartupBenchmark.run(options, out);
        case "load-benchmark" -> LoadBenchmark.run(options, out);
        case "scale-benchmark" -> ScaleBenchmark.run(options, out);
        case "ingest-benchmark" -> IngestBenchmark.run(options, out);
        case "benchmark-real" -> RealBenchmark.run(options, out);
        case "evaluate-language" -> LanguageEvaluation.run(options, out);
        case "evaluate-resolution" -> ResolutionEvaluation.run(options, out);
        case "evaluate-scoring" -> ScoringEvaluation.run(options, out);
        default -> throw new IllegalStateException("no command " + args[0]);
      };
    } catch (java.io.IOException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println("(customer-graph " + args[0] + " --help lists its options and their defaults)");
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
    Help help = Help.of(args[0]).orElseThrow();
    Map<String, String> o = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --option value pairs, got '" + args[i] + "'");
      }
      help.check(args[i].substring(2));
      o.put(args[i].substring(2), args[++i]);
    }
    return o;
  }
}
