package io.customergraph.cli;

import io.customergraph.resolve.BatchResolver;
import io.customergraph.resolve.CsvEntries;
import io.customergraph.resolve.Entry;
import io.customergraph.resolve.Evaluation;
import io.customergraph.resolve.ThinFields;
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

  /** The evaluations --sets may name. */
  private static final List<String> SETS = List.of("rich", "demo", "thin", "sources", "orgs", "peer-speed", "none");

  /** Duke's jars when the peer runs beside ours ({@code --peer duke}, the default, and Duke found), else null. */
  private static java.util.Optional<Path> duke = java.util.Optional.empty();

  private ResolutionEvaluation() {}

  /** Febrl's truth: rec-N-org and rec-N-dup-k are the same person. */
  static final Function<CsvEntries.Row, String> FEBRL = r -> r.entry().id().replaceAll("^rec-(\\d+)-.*$", "$1");

  static int run(Map<String, String> o, PrintStream out) throws IOException {
    Path data = Path.of(o.getOrDefault("data", "../shared/data/resolution"));
    if (!Files.isDirectory(data)) {
      throw new IOException("no resolution data at " + data.toAbsolutePath() + "; pass --data <dir with dataset1.csv, dataset2.csv, fake_1000.csv>");
    }
    java.util.Set<String> sets = new java.util.LinkedHashSet<>();
    for (String set : o.getOrDefault("sets", "rich,demo,thin,sources,orgs").split(",")) {
      if (!SETS.contains(set.strip())) {
        throw new IllegalArgumentException("--sets: unknown set '%s'; sets are %s (none: the speed benchmark only)".formatted(set.strip(), SETS));
      }
      sets.add(set.strip());
    }
    String peer = o.getOrDefault("peer", "duke");
    if (!List.of("duke", "none").contains(peer)) {
      throw new IllegalArgumentException("--peer: unknown peer '%s'; peers are duke and none".formatted(peer));
    }
    duke = peer.equals("duke") ? DukePeer.home(o) : java.util.Optional.empty();
    peerAllowed = java.time.Duration.ofMinutes(positive(o, "peer-minutes", 2));
    if (peer.equals("duke")) {
      out.println(duke.isPresent() ? "Peer: Duke 1.2 in its own JVM (" + duke.get() + "), threshold " + DukePeer.THRESHOLD
          + ", clusters as connected components; its columns show its F1 and wall time with JVM start."
          : "Peer: Duke not found (build with ./mvnw package, which puts it in target/duke, or pass --duke DIR); its columns are left out.");
    }
    if (sets.contains("rich") || sets.contains("demo")) {
      out.println("Resolution quality (no labels used; merge threshold " + BatchResolver.Settings.defaults().mergeThreshold() + ")");
      out.println("data set                 rows   precision  recall     F1   B3-prec  B3-rec   pairs  time ms");
    }
    if (sets.contains("rich")) {
      quality(out, "febrl dataset1", data.resolve("dataset1.csv"), "rec_id", FEBRL);
      quality(out, "febrl dataset2", data.resolve("dataset2.csv"), "rec_id", FEBRL);
      quality(out, "splink fake_1000", data.resolve("fake_1000.csv"), "unique_id", r -> r.columns().get("cluster"));
    }
    if (sets.contains("demo")) {
      demo(out);
    }
    if (sets.contains("thin")) {
      thin(out, data, FEBRL);
    }
    if (sets.contains("sources")) {
      sources(out, data, FEBRL);
    }
    if (sets.contains("orgs")) {
      organisations(out, data);
    }
    if (sets.contains("peer-speed")) {
      peerSpeed(out, (int) positive(o, "peer-records", 25_000));
    }
    if (!o.containsKey("records") && !o.containsKey("indexed") && "false".equals(o.get("speed"))) {
      return 0;
    }
    out.println();
    ResolutionBenchmark.run(Integer.parseInt(o.getOrDefault("records", "100000")), Integer.parseInt(o.getOrDefault("indexed", "1000000")), out);
    return 0;
  }

  private static void quality(PrintStream out, String name, Path file, String idColumn, Function<CsvEntries.Row, String> truthOf) throws IOException {
    Labelled set = labelled(file, idColumn, truthOf);
    List<Entry> entries = set.entries();
    int[] truth = set.truth();
    long started = System.nanoTime();
    BatchResolver.Result result = BatchResolver.resolvePeople(entries, BatchResolver.Settings.defaults());
    long millis = (System.nanoTime() - started) / 1_000_000;
    print(out, name, entries.size(), Evaluation.of(result.cluster(), truth), result.pairs().size(), millis);
    StringBuilder sweep = new StringBuilder("    F1 at other merge thresholds:");
    for (double t : new double[] {0.9, 0.99, 0.999, 0.9999}) {
      sweep.append(String.format(Locale.ROOT, "  %s → %.4f", t, Evaluation.of(result.clusterAt(t, BatchResolver.Settings.DEFAULT_MAX_CLUSTER, true), truth).f1()));
    }
    out.println(sweep);
    dukeLine(out, set);
    priorM(out, entries, truth);
  }

  /** Duke on the same records as read from the file (the mapped columns, uncleaned), if it runs beside ours. */
  private static void dukeLine(PrintStream out, Labelled set) throws IOException {
    if (duke.isEmpty()) {
      return;
    }
    java.util.Set<io.customergraph.resolve.Field> fields = java.util.EnumSet.noneOf(io.customergraph.resolve.Field.class);
    set.raw().forEach(r -> fields.addAll(r.keySet()));
    Peer p = peer(set.ids(), set.raw(), fields, set.truth());
    out.println(p.finished() ? String.format(Locale.ROOT, "    Duke 1.2 on the same file:  precision %.4f  recall %.4f  F1 %.4f  (%,d ms with its JVM start)", p.e().precision(),
        p.e().recall(), p.e().f1(), p.millis()) : "    Duke 1.2 on the same file: not finished in " + peerAllowed.toMinutes() + " min (--peer-minutes)");
  }

  /** Duke's evaluation on a set of records, its wall time, and whether it finished in the time allowed. */
  record Peer(Evaluation e, long millis, boolean finished) {}

  /** The longest Duke may run on one set ({@code --peer-minutes}). */
  private static java.time.Duration peerAllowed = java.time.Duration.ofMinutes(2);

  private static Peer peer(List<String> ids, List<Map<io.customergraph.resolve.Field, String>> raw, java.util.Set<io.customergraph.resolve.Field> fields, int[] truth)
      throws IOException {
    return duke(duke.orElseThrow(), ids, raw, fields, truth, peerAllowed);
  }

  /**
   * The same records with m kept at the documented priors (no EM), and with m learnt from the labels of a seeded
   * random half of the true entities, scored on the records of the other half only (with EM and prior m scored on the
   * same half, to compare like with like).
   */
  private static void priorM(PrintStream out, List<Entry> entries, int[] truth) {
    int[] prior = BatchResolver.resolvePeople(entries, BatchResolver.Settings.defaults().learningM(false)).cluster();
    Evaluation e = Evaluation.of(prior, truth);
    out.printf(Locale.ROOT, "    with prior m instead of EM:  precision %.4f  recall %.4f  F1 %.4f%n", e.precision(), e.recall(), e.f1());
    java.util.SplittableRandom random = new java.util.SplittableRandom(42);
    Map<Integer, Boolean> train = new HashMap<>();
    int[] labels = new int[truth.length];
    for (int i = 0; i < truth.length; i++) {
      labels[i] = train.computeIfAbsent(truth[i], t -> random.nextBoolean()) ? truth[i] : -1;
    }
    int[] fromLabels = BatchResolver.resolvePeople(entries, BatchResolver.Settings.defaults(), labels).cluster();
    int[] em = BatchResolver.resolvePeople(entries, BatchResolver.Settings.defaults()).cluster();
    List<Integer> held = new ArrayList<>();
    for (int i = 0; i < truth.length; i++) {
      if (labels[i] < 0) {
        held.add(i);
      }
    }
    out.printf(Locale.ROOT, "    m from the labels of half the entities, F1 on the other half (%d records):  labels %.4f   EM %.4f   prior m %.4f%n", held.size(),
        Evaluation.of(subset(fromLabels, held), subset(truth, held)).f1(), Evaluation.of(subset(em, held), subset(truth, held)).f1(),
        Evaluation.of(subset(prior, held), subset(truth, held)).f1());
  }

  /** Records and their true entities. */
  record Labelled(List<Entry> entries, int[] truth, List<String> ids, List<Map<io.customergraph.resolve.Field, String>> raw) {}

  private static Labelled labelled(Path file, String idColumn, Function<CsvEntries.Row, String> truthOf) throws IOException {
    List<CsvEntries.Row> rows = CsvEntries.read(file, Map.of(), idColumn);
    List<Entry> entries = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<Map<io.customergraph.resolve.Field, String>> raw = new ArrayList<>();
    int[] truth = new int[rows.size()];
    Map<String, Integer> labels = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      entries.add(rows.get(i).entry());
      ids.add(rows.get(i).entry().id());
      Map<io.customergraph.resolve.Field, String> values = new java.util.EnumMap<>(io.customergraph.resolve.Field.class);
      rows.get(i).columns().forEach((column, value) -> {
        io.customergraph.resolve.Field f = io.customergraph.resolve.Field.of(column);
        if (f != null && value != null && !value.isBlank()) {
          values.put(f, value);
        }
      });
      raw.add(values);
      truth[i] = labels.computeIfAbsent(truthOf.apply(rows.get(i)), k -> labels.size());
    }
    return new Labelled(entries, truth, ids, raw);
  }

  /**
   * Thin fields ({@link ThinFields}: given name, surname, town, postcode only), as written and with 20 % and 40 % of
   * the records corrupted further (seeded). Febrl dataset1 and fake_1000 (corruption seed 1) are the development sets
   * the resolver's safeguards were shaped on; Febrl dataset2 with corruption seed 2 was not used to shape anything and
   * is the held-out report.
   */
  private static void thin(PrintStream out, Path data, Function<CsvEntries.Row, String> febrl) throws IOException {
    out.println();
    out.println("Thin fields: given name, surname, town, postcode only; share of records corrupted further (typos, look-alike digits,");
    out.println("swapped names, missing values, a postcode digit), seeded. dev = shaped on, held-out = never used to shape anything.");
    out.println("data set                     rows   precision  recall     F1   B3-prec  B3-rec  largest   pairs  time ms" + (duke.isPresent() ? "   Duke F1  Duke ms" : ""));
    Labelled f1 = labelled(data.resolve("dataset1.csv"), "rec_id", febrl);
    Labelled fake = labelled(data.resolve("fake_1000.csv"), "unique_id", r -> r.columns().get("cluster"));
    Labelled f2 = labelled(data.resolve("dataset2.csv"), "rec_id", febrl);
    for (double share : new double[] {0, 0.2, 0.4}) {
      thinRow(out, "dev febrl1", f1, share, 1);
      thinRow(out, "dev fake_1000", fake, share, 1);
      thinRow(out, "held-out febrl2", f2, share, 2);
    }
  }

  /**
   * Multi-source linkage: a set's records spread over five sources so that no source holds two records of one person
   * (a person's records go to distinct sources, seeded; beyond five, records are left out), thin fields with 20 %
   * corruption, resolved as one file and with {@code --link-only}. Febrl dataset1 is the development set, dataset2 held
   * out.
   */
  private static void sources(PrintStream out, Path data, Function<CsvEntries.Row, String> febrl) throws IOException {
    out.println();
    out.println("Five sources without duplicates of their own (thin fields, 20% corrupted): deduplicated as one file, and linked only across sources.");
    out.println("data set                     rows   precision  recall     F1   B3-prec  B3-rec  largest   pairs  time ms");
    for (String[] set : new String[][] {{"dev febrl1", "dataset1.csv"}, {"held-out febrl2", "dataset2.csv"}}) {
      Labelled all = labelled(data.resolve(set[1]), "rec_id", febrl);
      List<Entry> thin = ThinFields.of(all.entries(), 0.2, 3);
      java.util.SplittableRandom random = new java.util.SplittableRandom(3);
      Map<Integer, List<Integer>> sourcesLeft = new HashMap<>();
      List<Entry> kept = new ArrayList<>();
      List<Integer> truth = new ArrayList<>(), source = new ArrayList<>();
      for (int i = 0; i < thin.size(); i++) {
        List<Integer> left = sourcesLeft.computeIfAbsent(all.truth()[i], k -> {
          List<Integer> s = new ArrayList<>(List.of(0, 1, 2, 3, 4));
          for (int j = s.size() - 1; j > 0; j--) {
            java.util.Collections.swap(s, j, random.nextInt(j + 1));
          }
          return s;
        });
        if (!left.isEmpty()) {
          kept.add(thin.get(i));
          truth.add(all.truth()[i]);
          source.add(left.remove(left.size() - 1));
        }
      }
      int[] t = truth.stream().mapToInt(Integer::intValue).toArray();
      int[] s = source.stream().mapToInt(Integer::intValue).toArray();
      sourceRow(out, set[0] + " as one file", kept, t, BatchResolver.Settings.defaults());
      sourceRow(out, set[0] + " link-only", kept, t, BatchResolver.Settings.defaults().linkingOnly(s));
    }
  }

  /**
   * Organisation strings alone (Leipzig affiliations: institution, department and address in free order), mapped as
   * the company field and nothing else; true pairs from {@code affiliationstrings_pairs.csv}, joined into entities.
   */
  private static void organisations(PrintStream out, Path data) throws IOException {
    Path strings = data.resolve("affiliationstrings.csv"), pairs = data.resolve("affiliationstrings_pairs.csv");
    out.println();
    if (!Files.isRegularFile(strings) || !Files.isRegularFile(pairs)) {
      out.println("Organisation names: skipped, no affiliationstrings.csv and affiliationstrings_pairs.csv in " + data);
      return;
    }
    List<CsvEntries.Row> rows = CsvEntries.read(strings, Map.of(io.customergraph.resolve.Field.COMPANY, "affil1"), "id1");
    List<Entry> entries = new ArrayList<>();
    Map<String, Integer> position = new HashMap<>();
    for (CsvEntries.Row r : rows) {
      position.put(r.entry().id(), entries.size());
      entries.add(r.entry());
    }
    int[] parent = new int[entries.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    List<org.apache.commons.csv.CSVRecord> truePairs;
    try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get()
        .parse(Files.newBufferedReader(pairs, java.nio.charset.StandardCharsets.UTF_8))) {
      truePairs = parser.getRecords();
    }
    for (org.apache.commons.csv.CSVRecord p : truePairs) {
      Integer a = position.get(p.get("id1")), b = position.get(p.get("id2"));
      if (a != null && b != null) {
        int ra = DukePeer.root(parent, a), rb = DukePeer.root(parent, b);
        parent[Math.max(ra, rb)] = Math.min(ra, rb);
      }
    }
    int[] truth = new int[parent.length];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = DukePeer.root(parent, i);
    }
    out.println("Organisation names alone (affiliation strings mapped as company only; not met: see docs/resolution.md)");
    long started = System.nanoTime();
    BatchResolver.Result result = BatchResolver.resolve(entries, List.of(io.customergraph.resolve.Comparison.forCompanies().get(0)), BatchResolver.Settings.defaults());
    print(out, "affiliations", entries.size(), Evaluation.of(result.cluster(), truth), result.pairs().size(), (System.nanoTime() - started) / 1_000_000);
    StringBuilder sweep = new StringBuilder("    F1 at other merge thresholds:");
    for (double t : new double[] {0.5, 0.9, 0.99}) {
      sweep.append(String.format(Locale.ROOT, "  %s → %.4f", t, Evaluation.of(result.clusterAt(t, BatchResolver.Settings.DEFAULT_MAX_CLUSTER, true), truth).f1()));
    }
    out.println(sweep);
    out.println("    stages (ms): " + result.millis());
    if (duke.isPresent()) {
      List<String> ids = rows.stream().map(r -> r.entry().id()).toList();
      List<Map<io.customergraph.resolve.Field, String>> raw = rows.stream()
          .map(r -> Map.of(io.customergraph.resolve.Field.COMPANY, r.columns().getOrDefault("affil1", ""))).toList();
      Peer p = peer(ids, raw, java.util.Set.of(io.customergraph.resolve.Field.COMPANY), truth);
      out.println(p.finished() ? String.format(Locale.ROOT, "    Duke 1.2 on the same strings:  precision %.4f  recall %.4f  F1 %.4f  (%,d ms with its JVM start)",
          p.e().precision(), p.e().recall(), p.e().f1(), p.millis()) : "    Duke 1.2 on the same strings: not finished in " + peerAllowed.toMinutes() + " min (--peer-minutes)");
    }
  }

  /**
   * Speed as a user meets it: the speed benchmark's generated people (20 % corrupted copies; given name, surname, date
   * of birth, city, email) written to a CSV file, resolved by {@code customer-graph resolve} in its own JVM and by Duke
   * in its own JVM, each timed from process start to exit; F1 of both from what they wrote.
   */
  private static void peerSpeed(PrintStream out, int records) throws IOException {
    out.println();
    ResolutionBenchmark.Generated batch = ResolutionBenchmark.batch(records);
    List<io.customergraph.resolve.Field> fields = List.of(io.customergraph.resolve.Field.GIVEN_NAME, io.customergraph.resolve.Field.SURNAME,
        io.customergraph.resolve.Field.DOB, io.customergraph.resolve.Field.CITY, io.customergraph.resolve.Field.EMAIL);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      ids.add("r" + i);
    }
    java.util.Optional<Path> launcher = launcher();
    out.printf(Locale.ROOT, "Batch speed with the JVM started, %,d generated people (20%% corrupted copies) in one CSV file, on %d cores:%n", records,
        Runtime.getRuntime().availableProcessors());
    if (launcher.isEmpty()) {
      out.println("  customer-graph resolve: skipped, no target/customer-graph launcher beside the running jar (run the packaged jar)");
    } else {
      // The launcher's first run of a command after a build extracts the jar and writes the command's class-data
      // archive as it exits; later runs map their classes from it. Both are shown: the first run, then the median of
      // three later ones.
      List<OwnJvm> runs = new ArrayList<>();
      for (int run = 0; run < 4; run++) {
        OwnJvm r = resolveInOwnJvm(launcher.get(), ids, batch.rows(), fields, batch.truth());
        if (r.failure() != null) {
          out.println("  customer-graph resolve failed: " + r.failure());
          return;
        }
        runs.add(r);
      }
      List<OwnJvm> later = runs.subList(1, runs.size()).stream().sorted(java.util.Comparator.comparingLong(OwnJvm::millis)).toList();
      for (OwnJvm r : List.of(runs.get(0), later.get(1))) {
        out.printf(Locale.ROOT, "  customer-graph resolve  %,7d ms  %,6.0f records/s   precision %.4f  recall %.4f  F1 %.4f   %s%n", r.millis(), records * 1000.0 / r.millis(),
            r.e().precision(), r.e().recall(), r.e().f1(), r == runs.get(0) ? "run 1 (after a build it also extracts the jar and writes the archive)" : "runs 2-4, median");
      }
    }
    if (duke.isPresent()) {
      Peer p = peer(ids, batch.rows(), java.util.Set.copyOf(fields), batch.truth());
      out.println(p.finished() ? String.format(Locale.ROOT, "  Duke 1.2                %,7d ms  %,6.0f records/s   precision %.4f  recall %.4f  F1 %.4f", p.millis(),
          records * 1000.0 / p.millis(), p.e().precision(), p.e().recall(), p.e().f1())
          : String.format(Locale.ROOT, "  Duke 1.2                not finished in %d min (--peer-minutes): under %,.0f records/s", peerAllowed.toMinutes(),
              records * 1000.0 / peerAllowed.toMillis()));
    }
  }

  /** {@code customer-graph resolve} on a file of the rows in its own JVM: wall time with JVM start, and its clusters' quality (or why it failed). */
  record OwnJvm(long millis, @org.jspecify.annotations.Nullable Evaluation e, @org.jspecify.annotations.Nullable String failure) {}

  /**
   * Writes the rows to a CSV file (an id column, then one column per field), runs {@code launcher resolve} on it in its
   * own process and scores its clusters against the truth.
   */
  static OwnJvm resolveInOwnJvm(Path launcher, List<String> ids, List<Map<io.customergraph.resolve.Field, String>> rows,
      List<io.customergraph.resolve.Field> fields, int[] truth) throws IOException {
    Path work = Files.createTempDirectory("resolve-speed");
    try {
      Path csv = work.resolve("people.csv"), result = work.resolve("clusters.csv");
      try (var w = Files.newBufferedWriter(csv, java.nio.charset.StandardCharsets.UTF_8);
          var p = new org.apache.commons.csv.CSVPrinter(w, org.apache.commons.csv.CSVFormat.DEFAULT)) {
        List<String> header = new ArrayList<>(List.of("id"));
        fields.forEach(f -> header.add(f.key()));
        p.printRecord(header);
        for (int i = 0; i < ids.size(); i++) {
          List<String> row = new ArrayList<>(List.of(ids.get(i)));
          for (io.customergraph.resolve.Field f : fields) {
            row.add(rows.get(i).getOrDefault(f, ""));
          }
          p.printRecord(row);
        }
      }
      List<String> command = List.of(launcher.toString(), "resolve", "--input", csv.toString(), "--output", result.toString(), "--id-column", "id");
      long started = System.nanoTime();
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("resolve.log").toFile()).start();
      int exit;
      try {
        exit = process.waitFor();
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while resolve ran", e);
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      if (exit != 0) {
        return new OwnJvm(millis, null, "exit " + exit + ": " + Files.readString(work.resolve("resolve.log")).strip());
      }
      Map<String, String> clusterOf = new HashMap<>();
      try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
          .parse(Files.newBufferedReader(result, java.nio.charset.StandardCharsets.UTF_8))) {
        parser.forEach(r -> clusterOf.put(r.get(0), r.get(1)));
      }
      Map<String, Integer> labels = new HashMap<>();
      int[] predicted = ids.stream().mapToInt(id -> labels.computeIfAbsent(clusterOf.getOrDefault(id, id), k -> labels.size())).toArray();
      return new OwnJvm(millis, Evaluation.of(predicted, truth), null);
    } finally {
      deleteTree(work);
    }
  }

  /** Duke on the rows in its own JVM, at most {@code allowed}: its quality, wall time with JVM start, and whether it finished. */
  static Peer duke(Path home, List<String> ids, List<Map<io.customergraph.resolve.Field, String>> rows, java.util.Set<io.customergraph.resolve.Field> fields,
      int[] truth, java.time.Duration allowed) throws IOException {
    Path work = Files.createTempDirectory("duke-peer");
    try {
      DukePeer.Run run = DukePeer.run(home, ids, rows, fields, DukePeer.THRESHOLD, work, allowed);
      return new Peer(Evaluation.of(run.cluster(ids), truth), run.millis(), run.finished());
    } finally {
      deleteTree(work);
    }
  }

  /** A labelled set's records as read from a file: entries, truth, ids, and the mapped columns as written. */
  static Labelled read(Path file, String idColumn, Function<CsvEntries.Row, String> truthOf) throws IOException {
    return labelled(file, idColumn, truthOf);
  }

  /** A whole number above zero given as {@code --name}, or its default; anything else is refused by name. */
  private static long positive(Map<String, String> o, String name, long otherwise) {
    String v = o.get(name);
    if (v == null) {
      return otherwise;
    }
    try {
      long n = Long.parseLong(v.strip());
      if (n > 0 && n <= Integer.MAX_VALUE) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException("--%s: expected a whole number above zero, got '%s'".formatted(name, v));
  }

  /** Removes a temporary work directory and everything in it. */
  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  /** The {@code customer-graph} launcher, if this runs from the build ({@link DukePeer#installation()}). */
  /** The launcher beside the jar (the build's {@code target/customer-graph}), where there is one. */
  static java.util.Optional<Path> launcher() {
    return DukePeer.installation().map(d -> d.resolve("customer-graph")).filter(Files::isExecutable);
  }

  private static void sourceRow(PrintStream out, String name, List<Entry> entries, int[] truth, BatchResolver.Settings settings) {
    long started = System.nanoTime();
    BatchResolver.Result result = BatchResolver.resolvePeople(entries, settings);
    long millis = (System.nanoTime() - started) / 1_000_000;
    Evaluation e = Evaluation.of(result.cluster(), truth);
    out.printf(Locale.ROOT, "%-26s %6d   %8.4f %8.4f %8.4f %8.4f %8.4f %7d %7d %8d%n", name, entries.size(), e.precision(), e.recall(), e.f1(), e.bcubedPrecision(),
        e.bcubedRecall(), new BatchResolver.Clusters(result.cluster(), Map.of()).sizes().lastKey(), result.pairs().size(), millis);
  }

  private static void thinRow(PrintStream out, String name, Labelled set, double share, long seed) throws IOException {
    List<Entry> entries = ThinFields.of(set.entries(), share, seed);
    long started = System.nanoTime();
    BatchResolver.Result result = BatchResolver.resolvePeople(entries, BatchResolver.Settings.defaults());
    long millis = (System.nanoTime() - started) / 1_000_000;
    Evaluation e = Evaluation.of(result.cluster(), set.truth());
    Map<Integer, Integer> sizes = new HashMap<>();
    for (int c : result.cluster()) {
      sizes.merge(c, 1, Integer::sum);
    }
    int largest = sizes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    out.printf(Locale.ROOT, "%-26s %6d   %8.4f %8.4f %8.4f %8.4f %8.4f %7d %7d %8d", name + " " + Math.round(share * 100) + "%", entries.size(), e.precision(),
        e.recall(), e.f1(), e.bcubedPrecision(), e.bcubedRecall(), largest, result.pairs().size(), millis);
    if (duke.isPresent()) {
      // The same corrupted rows, before our cleaning (look-alike digits and all), as a file would hold them.
      Peer p = peer(set.ids(), ThinFields.rows(set.entries(), share, seed), ThinFields.KEPT, set.truth());
      out.print(p.finished() ? String.format(Locale.ROOT, "  %8.4f %8d", p.e().f1(), p.millis()) : "  not finished in " + peerAllowed.toMinutes() + " min");
    }
    out.println();
  }

  private static int[] subset(int[] values, List<Integer> positions) {
    return positions.stream().mapToInt(i -> values[i]).toArray();
  }

  /** The demo world's contacts (name, address, phone, company) against its planted duplicates. */
  @SuppressWarnings("unchecked")
  private static void demo(PrintStream out) {
    io.customergraph.demo.DemoWorld world = io.customergraph.demo.DemoWorldGenerator.generate(42, 200, java.time.LocalDate.of(2026, 11, 1));
    Map<String, String> accountNames = new HashMap<>();
    for (Map<String, Object> a : world.accounts()) {
      accountNames.put((String) a.get("id"), (String) ((Map<String, Object>) a.get("props")).get("name"));
    }
    Map<String, String> canonical = new HashMap<>();
    for (io.customergraph.demo.DemoWorld.DuplicateGroup g : world.truth().duplicates()) {
      if (g.kind().equals("Contact")) {
        canonical.put(g.duplicateId(), g.canonicalId());
      }
    }
    List<Entry> entries = new ArrayList<>();
    List<String> truthIds = new ArrayList<>();
    for (Map<String, Object> c : world.contacts()) {
      Map<String, Object> p = (Map<String, Object>) c.get("props");
      Map<io.customergraph.resolve.Field, String> v = new java.util.EnumMap<>(io.customergraph.resolve.Field.class);
      v.put(io.customergraph.resolve.Field.FULL_NAME, (String) p.get("name"));
      if (p.get("email") != null) {
        v.put(io.customergraph.resolve.Field.EMAIL, (String) p.get("email"));
      }
      if (p.get("phone") != null) {
        v.put(io.customergraph.resolve.Field.PHONE, (String) p.get("phone"));
      }
      String company = accountNames.get((String) c.get("accountId"));
      if (company != null) {
        v.put(io.customergraph.resolve.Field.COMPANY, company);
      }
      String id = (String) c.get("id");
      entries.add(Entry.of(id, v, null));
      truthIds.add(canonical.getOrDefault(id, id));
    }
    int[] truth = new int[entries.size()];
    Map<String, Integer> labels = new HashMap<>();
    for (int i = 0; i < truth.length; i++) {
      truth[i] = labels.computeIfAbsent(truthIds.get(i), k -> labels.size());
    }
    long started = System.nanoTime();
    BatchResolver.Result result = BatchResolver.resolvePeople(entries, BatchResolver.Settings.defaults());
    print(out, "demo world contacts", entries.size(), Evaluation.of(result.cluster(), truth), result.pairs().size(), (System.nanoTime() - started) / 1_000_000);
    priorM(out, entries, truth);
    context(out, world, entries, truth);
  }

  /**
   * People's context vectors on the demo world: word vectors trained as the service trains them (seed 42) on the
   * world's emails, calls and tickets; each contact's context is the mean vector of the emails they sent
   * ({@code WordVectorService.textVector}). Resolved with those vectors as nearest-neighbour candidates, with and
   * without the context comparison in the match model.
   */
  @SuppressWarnings("unchecked")
  private static void context(PrintStream out, io.customergraph.demo.DemoWorld world, List<Entry> entries, int[] truth) {
    List<String> sentences = new ArrayList<>();
    Map<String, List<String>> sent = new HashMap<>();
    for (List<Map<String, Object>> part : List.of(world.emails(), world.calls(), world.tickets())) {
      for (Map<String, Object> row : part) {
        Map<String, Object> props = (Map<String, Object>) row.get("props");
        StringBuilder text = new StringBuilder();
        for (String field : List.of("subject", "body", "transcript", "description")) {
          if (props.get(field) instanceof String t) {
            sentences.addAll(io.customergraph.language.WordVectorService.sentences(t, "US", java.util.Set.of()));
            text.append(t).append(' ');
          }
        }
        if (part == world.emails() && row.get("fromId") instanceof String from) {
          sent.computeIfAbsent(from, k -> new ArrayList<>()).add(text.toString());
        }
      }
    }
    var vectors = io.customergraph.language.WordVectorService.fit(sentences, new io.customergraph.language.LanguageProperties(42, 100, 5, 3, 3, "-", null, "US"));
    List<Entry> withContext = new ArrayList<>();
    int have = 0;
    for (Entry e : entries) {
      float[] v = io.customergraph.language.WordVectorService.textVector(vectors, sent.getOrDefault(e.id(), List.of())).orElse(null);
      have += v == null ? 0 : 1;
      Map<io.customergraph.resolve.Field, String> fields = new java.util.EnumMap<>(io.customergraph.resolve.Field.class);
      fields.putAll(e.present());
      withContext.add(Entry.of(e.id(), fields, v));
    }
    out.printf(Locale.ROOT, "    with context vectors (%d of %d contacts sent email; vectors on the world's own text), pairwise F1:%n", have, entries.size());
    for (boolean learn : new boolean[] {true, false}) {
      BatchResolver.Settings settings = BatchResolver.Settings.defaults().learningM(learn);
      BatchResolver.Result without = BatchResolver.resolvePeople(entries, settings);
      BatchResolver.Result candidatesOnly = BatchResolver.resolvePeople(withContext, settings);
      List<io.customergraph.resolve.Comparison> withContextCompared = new ArrayList<>(candidatesOnly.model().comparisons());
      withContextCompared.add(io.customergraph.resolve.Comparison.context());
      BatchResolver.Result compared = BatchResolver.resolve(withContext, withContextCompared, settings);
      out.printf(Locale.ROOT, "      %-8s  none %.4f   as candidates only %.4f (%d pairs)   as candidates and compared %.4f (precision %.4f, recall %.4f)%n",
          learn ? "EM m:" : "prior m:", Evaluation.of(without.cluster(), truth).f1(), Evaluation.of(candidatesOnly.cluster(), truth).f1(), candidatesOnly.pairs().size(),
          Evaluation.of(compared.cluster(), truth).f1(), Evaluation.of(compared.cluster(), truth).precision(), Evaluation.of(compared.cluster(), truth).recall());
    }
  }

  static void print(PrintStream out, String name, int rows, Evaluation e, int pairs, long millis) {
    out.printf(Locale.ROOT, "%-22s %6d   %8.4f %8.4f %8.4f %8.4f %8.4f %7d %8d%n", name, rows, e.precision(), e.recall(), e.f1(), e.bcubedPrecision(),
        e.bcubedRecall(), pairs, millis);
  }
}
