package io.customergraph.cli;

import io.customergraph.resolve.BatchResolver;
import io.customergraph.resolve.CsvEntries;
import io.customergraph.resolve.Entry;
import io.customergraph.resolve.Explanation;
import io.customergraph.resolve.Field;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code resolve --input a.csv [--input b.csv] [--id-column id] [--map given_name=firstName,…] --output clusters.csv
 * [--pairs pairs.csv] [--threshold 0.999] [--candidates 10] [--labels column]}: resolves the people in any CSV files
 * without the graph and writes a cluster id per row (the id of the cluster's first row), optionally every scored
 * candidate pair. With {@code --labels}, rows sharing a value of that column are known to be one person (blank:
 * unknown) and m is learnt from them instead of by EM.
 */
final class ResolveCommand {

  private ResolveCommand() {}

  static int run(String[] args, PrintStream out) throws IOException {
    List<Path> inputs = new ArrayList<>();
    String idColumn = null, map = null, output = null, pairsFile = null, labelsColumn = null, modelOut = null;
    boolean force = false, linkOnly = false;
    String sourceColumn = null;
    int maxCluster = BatchResolver.Settings.DEFAULT_MAX_CLUSTER;
    double threshold = BatchResolver.Settings.defaults().mergeThreshold();
    int candidates = BatchResolver.Settings.defaults().candidates();
    boolean identityEvidence = true;
    for (int i = 1; i < args.length; i++) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      String v = args[++i];
      switch (args[i - 1]) {
        case "--input" -> inputs.add(Path.of(v));
        case "--id-column" -> idColumn = v;
        case "--map" -> map = v;
        case "--output" -> output = v;
        case "--pairs" -> pairsFile = v;
        case "--labels" -> labelsColumn = v;
        case "--model-out" -> modelOut = v;
        case "--max-cluster" -> maxCluster = Cli.intOption(Map.of("max-cluster", v), "max-cluster", BatchResolver.Settings.DEFAULT_MAX_CLUSTER);
        case "--force" -> force = bool("--force", v);
        case "--link-only" -> linkOnly = bool("--link-only", v);
        case "--source-column" -> sourceColumn = v;
        case "--threshold" -> threshold = probability(v);
        case "--candidates" -> candidates = Cli.intOption(Map.of("candidates", v), "candidates", 10);
        case "--identity-evidence" -> identityEvidence = bool("--identity-evidence", v);
        default -> {
          if (args[i - 1].startsWith("--")) {
            Help.of("resolve").orElseThrow().check(args[i - 1].substring(2));
          }
          throw new IllegalArgumentException("expected --option value pairs, got '" + args[i - 1] + "'");
        }
      }
    }
    if (inputs.isEmpty() || output == null) {
      throw new IllegalArgumentException("resolve needs at least one --input file and an --output file");
    }
    // Outputs are written after everything is read; writing over an input would lose it.
    for (String target : java.util.Arrays.asList(output, pairsFile, modelOut)) {
      if (target != null && inputs.stream().anyMatch(in -> in.toAbsolutePath().normalize().equals(Path.of(target).toAbsolutePath().normalize()))) {
        throw new IllegalArgumentException("refusing to write " + target + " over an --input file");
      }
    }
    Map<Field, String> mapping = CsvEntries.mapping(map);
    List<Entry> entries = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<Path> fileOf = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    Map<String, Integer> labelIds = new java.util.HashMap<>();
    if (linkOnly && inputs.size() < 2 && sourceColumn == null) {
      throw new IllegalArgumentException("--link-only links sources: give two or more --input files, or name the column holding each row's source with --source-column");
    }
    if (sourceColumn != null && !linkOnly) {
      throw new IllegalArgumentException("--source-column is read only with --link-only true");
    }
    Set<String> known = new HashSet<>();
    if (labelsColumn != null) {
      known.add(labelsColumn);
    }
    if (sourceColumn != null) {
      known.add(sourceColumn);
    }
    List<Integer> sourceOf = new ArrayList<>();
    Map<String, Integer> sourceIds = new java.util.HashMap<>();
    Set<Field> mapped = java.util.EnumSet.noneOf(Field.class);
    long reading = System.nanoTime();
    for (Path input : inputs) {
      if (!Files.isRegularFile(input)) {
        throw new IOException("no such file: " + input);
      }
      Set<String> inFile = new HashSet<>();
      for (CsvEntries.Row row : CsvEntries.read(input, mapping, idColumn, known, out::println)) {
        if (!inFile.add(row.entry().id())) {
          throw new IllegalArgumentException("%s: id %s appears twice; pick a unique --id-column".formatted(input.getFileName(), row.entry().id()));
        }
        entries.add(row.entry());
        if (sourceColumn != null) {
          if (!row.columns().containsKey(sourceColumn)) {
            throw new IllegalArgumentException("%s has no column %s (named by --source-column)".formatted(input.getFileName(), sourceColumn));
          }
          sourceOf.add(sourceIds.computeIfAbsent(input.getFileName() + "\u001f" + row.columns().get(sourceColumn), k -> sourceIds.size()));
        } else {
          sourceOf.add(inputs.indexOf(input));
        }
        mapped.addAll(row.entry().present().keySet());
        ids.add(row.entry().id());
        fileOf.add(input);
        if (labelsColumn != null) {
          if (!row.columns().containsKey(labelsColumn)) {
            throw new IllegalArgumentException("%s has no column %s (named by --labels)".formatted(input.getFileName(), labelsColumn));
          }
          String label = row.columns().get(labelsColumn);
          labels.add(label == null || label.isBlank() ? -1 : labelIds.computeIfAbsent(label.strip(), k -> labelIds.size()));
        }
      }
    }
    // Output ids are the input's own; only an id found in more than one file is prefixed with its file's name.
    Map<String, Long> seen = new java.util.HashMap<>();
    ids.forEach(id -> seen.merge(id, 1L, Long::sum));
    List<String> sources = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      sources.add(seen.get(ids.get(i)) > 1 ? fileOf.get(i).getFileName() + ":" + ids.get(i) : ids.get(i));
      // Resolved under the id it is written with: a batch's ids are unique (its index adds, never replaces, and ties
      // are settled by id). Before, a record whose id another file shared was replaced in the index by that one.
      entries.set(i, entries.get(i).withId(sources.get(i)));
    }
    long readMillis = (System.nanoTime() - reading) / 1_000_000;
    weakFields(mapped, out);
    // Both outputs are opened before the work, so a wrong path fails at once and never after half the writing.
    try (Writer clustersOut = writer(output, "--output"); Writer pairsOut = pairsFile == null ? null : writer(pairsFile, "--pairs");
        Writer modelWriter = modelOut == null ? null : writer(modelOut, "--model-out")) {
      long started = System.nanoTime();
      BatchResolver.Settings defaults = BatchResolver.Settings.defaults();
      BatchResolver.Result result;
      try (Progress progress = new Progress(started)) {
        BatchResolver.Settings settings = new BatchResolver.Settings(candidates, threshold, defaults.uSamples(), defaults.seed(), defaults.threads(), true,
            identityEvidence, maxCluster, null);
        if (linkOnly) {
          settings = settings.linkingOnly(sourceOf.stream().mapToInt(Integer::intValue).toArray());
        }
        result = BatchResolver.resolvePeople(entries, settings,
            labelsColumn == null ? null : labels.stream().mapToInt(Integer::intValue).toArray(), progress::stage);
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      out.println("model learnt (m among matches, u among non-matches, weight = log2(m/u) in bits):");
      result.model().table().forEach(line -> out.println("  " + line));
      if (modelWriter != null) {
        for (String line : result.model().table()) {
          modelWriter.write(line + System.lineSeparator());
        }
        modelWriter.flush();
      }
      String degenerate = result.model().degenerate();
      if (linkOnly) {
        out.printf(Locale.ROOT, "linking %d sources only: candidates from other sources, at most one row per source in a cluster%n", sourceOf.stream().distinct().count());
      }
      if (degenerate != null) {
        String message = "EM's fit is degenerate (%s): it took records that look alike for one entity; m was set back to the documented priors (the table above)".formatted(degenerate);
        if (!force) {
          System.err.println("resolve: " + message + ". Nothing was written. Rerun with --force true to resolve with the prior m, or give --labels.");
          return 3;
        }
        out.println("warning: " + message + ".");
      }
      CSVPrinter p = new CSVPrinter(clustersOut, CSVFormat.DEFAULT);
      p.printRecord("id", "cluster_id");
      for (int i = 0; i < entries.size(); i++) {
        p.printRecord(sources.get(i), sources.get(result.cluster()[i]));
      }
      p.flush();
      if (pairsOut != null) {
        CSVPrinter q = new CSVPrinter(pairsOut, CSVFormat.DEFAULT);
        q.printRecord("id_a", "id_b", "match_weight", "probability", "explanation", "veto", "decision");
        for (BatchResolver.ScoredPair pair : result.pairs()) {
          Explanation explained = result.explain(pair.a(), pair.b());
          String why = String.join("; ", explained.factors().stream()
              .filter(f -> !f.level().equals("missing")).map(f -> f.name() + " " + f.level() + " " + String.format(Locale.ROOT, "%+.2f", f.contribution())).toList());
          q.printRecord(sources.get(pair.a()), sources.get(pair.b()), String.format(Locale.ROOT, "%.3f", pair.weight()),
              String.format(Locale.ROOT, "%.4f", pair.probability()), why, pair.vetoed() ? explained.veto() : "", decision(result, pair));
        }
        q.flush();
      }
      long clusters = java.util.Arrays.stream(result.cluster()).distinct().count();
      BatchResolver.Clusters shape = new BatchResolver.Clusters(result.cluster(), result.held());
      out.println("cluster sizes (size: clusters): " + String.join(", ", shape.sizes().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
      if (!result.held().isEmpty()) {
        Map<BatchResolver.Held, Long> why = new java.util.EnumMap<>(BatchResolver.Held.class);
        result.held().values().forEach(h -> why.merge(h, 1L, Long::sum));
        out.println("pairs at or above the bar left for review: " + String.join(", ", why.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' ')).toList())
            + (pairsFile == null ? " (--pairs lists them)" : " (decision column of " + pairsFile + ")"));
      }
      // Where the time went, so a slow run can be told from a slow stage (the JVM's own start is not in it).
      out.println("stages (ms): read " + readMillis + ", " + String.join(", ", result.millis().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
      String learnt = labelsColumn == null ? "after %d EM iterations".formatted(result.model().emIterations())
          : "m from the %d rows labelled in %s".formatted(labels.stream().filter(l -> l >= 0).count(), labelsColumn);
      out.printf(Locale.ROOT, "resolved %d rows into %d clusters (%d candidate pairs, λ=%.3f, %s) in %d ms; wrote %s%s%s%n",
          entries.size(), clusters, result.pairs().size(), result.model().lambda(), learnt, millis, output,
          pairsFile == null ? "" : " and " + pairsFile, modelOut == null ? "" : " and " + modelOut);
    }
    return 0;
  }
  /** What became of a pair: merged (same cluster), review (held, with why) or apart. */
  private static String decision(BatchResolver.Result result, BatchResolver.ScoredPair pair) {
    BatchResolver.Held held = result.held().get(pair);
    if (held != null) {
      return "review: " + switch (held) {
        case VETOED -> "identity rule";
        case CANNOT_LINK -> "its cluster would hold records whose names contradict";
        case INCOHERENT -> "the two clusters do not link well as wholes";
        case TOO_LARGE -> "the cluster would be larger than --max-cluster";
        case SAME_SOURCE -> "the cluster would hold two rows of one source (--link-only)";
      };
    }
    return result.cluster()[pair.a()] == result.cluster()[pair.b()] ? "merged" : "apart";
  }

  private static boolean bool(String option, String v) {
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(option + " must be true or false, got '" + v + "'");
    };
  }

  /**
   * Says so when the fields compared cannot tell people apart: no name and no personal identifier (only place or
   * organisation), or a single field — one field agreeing exactly is rarely worth the 0.999 the merge bar asks.
   */
  static void weakFields(Set<Field> mapped, PrintStream out) {
    Set<Field> personal = java.util.EnumSet.of(Field.GIVEN_NAME, Field.SURNAME, Field.FULL_NAME, Field.EMAIL, Field.PHONE, Field.DOB, Field.NATIONAL_ID, Field.VAT);
    Set<Field> compared = java.util.EnumSet.copyOf(mapped.isEmpty() ? Set.of(Field.CONTEXT) : mapped);
    compared.remove(Field.CONTEXT);
    compared.remove(Field.MIDDLE_NAME);
    if (compared.size() == 1) {
      out.printf("warning: only %s is compared: one field agreeing is rarely enough for the merge bar, so expect few merges (map more columns with --map)%n",
          compared.iterator().next().key());
    } else if (compared.stream().noneMatch(personal::contains) && !compared.contains(Field.COMPANY)) {
      out.printf("warning: no name or personal identifier is compared (only %s): the identity rule will link no rows; map a name column with --map%n",
          compared.stream().map(Field::key).toList());
    }
  }

  /** Prints the current stage to standard error every five seconds on long runs. */
  private static final class Progress implements AutoCloseable {
    private final long started;
    private volatile String stage = "starting";
    private final java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "resolve-progress");
      t.setDaemon(true);
      return t;
    });

    Progress(long started) {
      this.started = started;
      timer.scheduleAtFixedRate(() -> System.err.printf(Locale.ROOT, "resolve: %s … (%d s)%n", stage, (System.nanoTime() - started) / 1_000_000_000L), 5, 5,
          java.util.concurrent.TimeUnit.SECONDS);
    }

    void stage(String s) {
      stage = s;
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }

  private static Writer writer(String file, String option) throws IOException {
    try {
      return Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      // NoSuchFileException and friends say only the path; say which option and why.
      String why = e instanceof java.nio.file.NoSuchFileException ? "its directory does not exist"
          : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage();
      throw new IOException("cannot write %s %s: %s".formatted(option, file, why), e);
    }
  }

  private static double probability(String v) {
    try {
      double d = Double.parseDouble(v);
      if (d > 0 && d < 1) {
        return d;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException("--threshold must be a probability between 0 and 1 (exclusive), got '" + v + "'");
  }
}
