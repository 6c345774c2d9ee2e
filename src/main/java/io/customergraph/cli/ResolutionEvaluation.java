package io.customergraph.cli;

import io.customergraph.resolve.BatchResolver;
import io.customergraph.resolve.CsvEntries;
import io.customergraph.resolve.Entry;
import io.customergraph.resolve.Evaluation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code evaluate-resolution}: pairwise precision, recall, F1 and B-cubed of batch resolution on the shared data sets
 * (no labels used for training), then the speed figures of {@link ResolutionBenchmark}.
 */
final class ResolutionEvaluation {

  private ResolutionEvaluation() {}

  static int run(Map<String, String> o, PrintStream out) throws IOException {
    Path data = Path.of(o.getOrDefault("data", "../shared/data/resolution"));
    if (!Files.isDirectory(data)) {
      throw new IOException("no resolution data at " + data.toAbsolutePath() + "; pass --data <dir with dataset1.csv, dataset2.csv, fake_1000.csv>");
    }
    out.println("Resolution quality (no labels used; merge threshold " + BatchResolver.Settings.defaults().mergeThreshold() + ")");
    out.println("data set                 rows   precision  recall     F1   B3-prec  B3-rec   pairs  time ms");
    // Febrl: rec-N-org and rec-N-dup-k are the same person.
    Function<CsvEntries.Row, String> febrl = r -> r.entry().id().replaceAll("^rec-(\\d+)-.*$", "$1");
    quality(out, "febrl dataset1", data.resolve("dataset1.csv"), "rec_id", febrl);
    quality(out, "febrl dataset2", data.resolve("dataset2.csv"), "rec_id", febrl);
    quality(out, "splink fake_1000", data.resolve("fake_1000.csv"), "unique_id", r -> r.columns().get("cluster"));
    if (!o.containsKey("records") && !o.containsKey("indexed") && "false".equals(o.get("speed"))) {
      return 0;
    }
    out.println();
    ResolutionBenchmark.run(Integer.parseInt(o.getOrDefault("records", "100000")), Integer.parseInt(o.getOrDefault("indexed", "1000000")), out);
    return 0;
  }

  private static void quality(PrintStream out, String name, Path file, String idColumn, Function<CsvEntries.Row, String> truthOf) throws IOException {
    List<CsvEntries.Row> rows = CsvEntries.read(file, Map.of(), idColumn);
    List<Entry> entries = new ArrayList<>();
    int[] truth = new int[rows.size()];
    Map<String, Integer> labels = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      entries.add(rows.get(i).entry());
      truth[i] = labels.computeIfAbsent(truthOf.apply(rows.get(i)), k -> labels.size());
    }
    long started = System.nanoTime();
    BatchResolver.Result result = BatchResolver.resolvePeople(entries, BatchResolver.Settings.defaults());
    long millis = (System.nanoTime() - started) / 1_000_000;
    print(out, name, rows.size(), Evaluation.of(result.cluster(), truth), result.pairs().size(), millis);
    StringBuilder sweep = new StringBuilder("    F1 at other merge thresholds:");
    for (double t : new double[] {0.9, 0.99, 0.999, 0.9999}) {
      sweep.append(String.format(Locale.ROOT, "  %s → %.4f", t, Evaluation.of(BatchResolver.cluster(rows.size(), result.pairs(), t), truth).f1()));
    }
    out.println(sweep);
  }

  static void print(PrintStream out, String name, int rows, Evaluation e, int pairs, long millis) {
    out.printf(Locale.ROOT, "%-22s %6d   %8.4f %8.4f %8.4f %8.4f %8.4f %7d %8d%n", name, rows, e.precision(), e.recall(), e.f1(), e.bcubedPrecision(),
        e.bcubedRecall(), pairs, millis);
  }
}
