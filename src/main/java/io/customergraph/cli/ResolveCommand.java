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
    String idColumn = null, map = null, output = null, pairsFile = null, labelsColumn = null;
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
        case "--threshold" -> threshold = probability(v);
        case "--candidates" -> candidates = Cli.intOption(Map.of("candidates", v), "candidates", 10);
        case "--identity-evidence" -> identityEvidence = switch (v) {
          case "true" -> true;
          case "false" -> false;
          default -> throw new IllegalArgumentException("--identity-evidence must be true or false, got '" + v + "'");
        };
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
    for (String target : java.util.Arrays.asList(output, pairsFile)) {
      if (target != null && inputs.stream().anyMatch(in -> in.toAbsolutePath().normalize().equals(Path.of(target).toAbsolutePath().normalize()))) {
        throw new IllegalArgumentException("refusing to write " + target + " over an --input file");
      }
    }
    Map<Field, String> mapping = CsvEntries.mapping(map);
    List<Entry> entries = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<Integer> labels = new ArrayList<>();
    Map<String, Integer> labelIds = new java.util.HashMap<>();
    for (Path input : inputs) {
      if (!Files.isRegularFile(input)) {
        throw new IOException("no such file: " + input);
      }
      for (CsvEntries.Row row : CsvEntries.read(input, mapping, idColumn)) {
        // Rows of two files may share ids; the file name keeps them apart in the output.
        String id = inputs.size() > 1 ? input.getFileName() + ":" + row.entry().id() : row.entry().id();
        if (!ids.add(id)) {
          throw new IllegalArgumentException("%s: id %s appears twice; pick a unique --id-column".formatted(input.getFileName(), row.entry().id()));
        }
        entries.add(row.entry());
        sources.add(id);
        if (labelsColumn != null) {
          if (!row.columns().containsKey(labelsColumn)) {
            throw new IllegalArgumentException("%s has no column %s (named by --labels)".formatted(input.getFileName(), labelsColumn));
          }
          String label = row.columns().get(labelsColumn);
          labels.add(label == null || label.isBlank() ? -1 : labelIds.computeIfAbsent(label.strip(), k -> labelIds.size()));
        }
      }
    }
    // Both outputs are opened before the work, so a wrong path fails at once and never after half the writing.
    try (Writer clustersOut = writer(output, "--output"); Writer pairsOut = pairsFile == null ? null : writer(pairsFile, "--pairs")) {
      long started = System.nanoTime();
      BatchResolver.Settings defaults = BatchResolver.Settings.defaults();
      BatchResolver.Result result = BatchResolver.resolvePeople(entries,
          new BatchResolver.Settings(candidates, threshold, defaults.uSamples(), defaults.seed(), defaults.threads(), true, identityEvidence),
          labelsColumn == null ? null : labels.stream().mapToInt(Integer::intValue).toArray());
      long millis = (System.nanoTime() - started) / 1_000_000;
      CSVPrinter p = new CSVPrinter(clustersOut, CSVFormat.DEFAULT);
      p.printRecord("id", "cluster_id");
      for (int i = 0; i < entries.size(); i++) {
        p.printRecord(sources.get(i), sources.get(result.cluster()[i]));
      }
      p.flush();
      if (pairsOut != null) {
        CSVPrinter q = new CSVPrinter(pairsOut, CSVFormat.DEFAULT);
        q.printRecord("id_a", "id_b", "match_weight", "probability", "explanation", "veto");
        for (BatchResolver.ScoredPair pair : result.pairs()) {
          Explanation explained = result.explain(pair.a(), pair.b());
          String why = String.join("; ", explained.factors().stream()
              .filter(f -> !f.level().equals("missing")).map(f -> f.name() + " " + f.level() + " " + String.format(Locale.ROOT, "%+.2f", f.contribution())).toList());
          q.printRecord(sources.get(pair.a()), sources.get(pair.b()), String.format(Locale.ROOT, "%.3f", pair.weight()),
              String.format(Locale.ROOT, "%.4f", pair.probability()), why, pair.vetoed() ? explained.veto() : "");
        }
        q.flush();
      }
      long clusters = java.util.Arrays.stream(result.cluster()).distinct().count();
      String learnt = labelsColumn == null ? "after %d EM iterations".formatted(result.model().emIterations())
          : "m from the %d rows labelled in %s".formatted(labels.stream().filter(l -> l >= 0).count(), labelsColumn);
      out.printf(Locale.ROOT, "resolved %d rows into %d clusters (%d candidate pairs, λ=%.3f, %s) in %d ms; wrote %s%s%n",
          entries.size(), clusters, result.pairs().size(), result.model().lambda(), learnt, millis, output,
          pairsFile == null ? "" : " and " + pairsFile);
    }
    return 0;
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
