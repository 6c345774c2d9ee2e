package io.customergraph.cli;

import io.customergraph.resolve.Field;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The peer: Duke 1.2 (Lars Marius Garshol, Apache 2.0, Lucene-based, Maven {@code no.priv.garshol.duke:duke:1.2}) run
 * on the same records in its own JVM, with a hand-written configuration per field in the style of Duke's own examples
 * (a comparator and low/high probabilities per property), its matches read from its link file and clustered as
 * connected components, as a user of Duke would. The build copies Duke and its Lucene 4 into {@code target/duke}; it
 * never shares our class path (our Lucene is 10).
 *
 * <p>The configuration below was written once from Duke's documentation (comparators for names and codes, low/high
 * around ½ for places) and its threshold picked on the development sets only, as ours was.
 */
final class DukePeer {

  /** Duke's matches at or above this confidence are links (picked on the development sets, like our 0.999). */
  static final double THRESHOLD = 0.95;

  /**
   * A property of Duke's schema: its comparator and its probabilities for a different and an equal value, and whether
   * Duke searches candidates by it ({@code lookup="true"}; else Duke decides, and by default searches only the few
   * properties with the highest probabilities — on Febrl it then never found 17 % of the true pairs).
   */
  private record Property(String comparator, double low, double high, boolean lookup) {

    Property(String comparator, double low, double high) {
      this(comparator, low, high, true);
    }
  }

  private static final String COMPARATORS = "no.priv.garshol.duke.comparators.";

  private static final Map<Field, Property> PROPERTIES = new EnumMap<>(Map.ofEntries(
      Map.entry(Field.GIVEN_NAME, new Property("JaroWinkler", 0.2, 0.8)),
      Map.entry(Field.SURNAME, new Property("JaroWinkler", 0.1, 0.9)),
      Map.entry(Field.FULL_NAME, new Property("PersonNameComparator", 0.1, 0.9)),
      Map.entry(Field.CITY, new Property("Levenshtein", 0.4, 0.6, false)),
      Map.entry(Field.POSTCODE, new Property("Levenshtein", 0.3, 0.7)),
      Map.entry(Field.STREET_NUMBER, new Property("ExactComparator", 0.4, 0.6, false)),
      Map.entry(Field.ADDRESS, new Property("Levenshtein", 0.3, 0.7)),
      Map.entry(Field.ADDRESS2, new Property("Levenshtein", 0.4, 0.6, false)),
      Map.entry(Field.STATE, new Property("ExactComparator", 0.45, 0.55, false)),
      Map.entry(Field.DOB, new Property("Levenshtein", 0.2, 0.8)),
      Map.entry(Field.NATIONAL_ID, new Property("Levenshtein", 0.2, 0.9)),
      Map.entry(Field.EMAIL, new Property("Levenshtein", 0.2, 0.9)),
      Map.entry(Field.PHONE, new Property("Levenshtein", 0.3, 0.9)),
      Map.entry(Field.COMPANY, new Property("Levenshtein", 0.1, 0.98))));

  /**
   * What one run gave: the links Duke found, the wall time including its JVM start, and whether it finished within
   * the time allowed (else the links are none and the time is the allowance).
   */
  record Run(List<Link> links, long millis, boolean finished) {

    /** Connected components of the links, as cluster labels in the records' order. */
    int[] cluster(List<String> ids) {
      Map<String, Integer> position = new HashMap<>();
      for (int i = 0; i < ids.size(); i++) {
        position.put(ids.get(i), i);
      }
      int[] parent = new int[ids.size()];
      for (int i = 0; i < parent.length; i++) {
        parent[i] = i;
      }
      for (Link l : links) {
        Integer a = position.get(l.a()), b = position.get(l.b());
        if (a != null && b != null) {
          int ra = root(parent, a), rb = root(parent, b);
          parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
      }
      int[] out = new int[parent.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = root(parent, i);
      }
      return out;
    }
  }

  /** One match in Duke's link file (its confidence is always 1.0 there, so it is not kept). */
  record Link(String a, String b) {}

  private DukePeer() {}

  /**
   * Where Duke's jars are: {@code --duke DIR}, else {@code duke/} in the launcher's directory (the build's
   * {@code target/duke}, {@link #installation()}); empty when neither holds Duke.
   */
  static Optional<Path> home(Map<String, String> options) {
    if (options.containsKey("duke")) {
      Path dir = Path.of(options.get("duke"));
      return hasDuke(dir) ? Optional.of(dir) : Optional.empty();
    }
    return installation().map(d -> d.resolve("duke")).filter(DukePeer::hasDuke);
  }

  /**
   * The directory of the launcher and the jar: {@code customer-graph.home}, which the launcher sets, else
   * {@code target/} under the working directory when it holds a launcher (a run from the repository).
   */
  static Optional<Path> installation() {
    String home = System.getProperty("customer-graph.home");
    if (home != null && !home.isBlank()) {
      return Optional.of(Path.of(home));
    }
    Path target = Path.of("target");
    return Files.isExecutable(target.resolve("customer-graph")) ? Optional.of(target) : Optional.empty();
  }

  private static boolean hasDuke(Path dir) {
    try (var files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("duke-"));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Runs Duke over the records (raw values per field; only fields Duke has a property for are written) in
   * deduplication mode with matches at or above {@code threshold} (Duke's link file says 1.0 for every match, so
   * another threshold needs another run).
   */
  static Run run(Path home, List<String> ids, List<Map<Field, String>> rows, Set<Field> fields, double threshold, Path work) throws IOException {
    return run(home, ids, rows, fields, threshold, work, java.time.Duration.ofMinutes(30));
  }

  /** As {@link #run(Path, List, List, Set, double, Path)}, stopping Duke once {@code allowed} has passed. */
  static Run run(Path home, List<String> ids, List<Map<Field, String>> rows, Set<Field> fields, double threshold, Path work, java.time.Duration allowed)
      throws IOException {
    Files.createDirectories(work);
    Path csv = work.resolve("records.csv"), config = work.resolve("duke.xml"), links = work.resolve("links.txt");
    Files.deleteIfExists(links);
    List<Field> used = fields.stream().filter(PROPERTIES::containsKey).sorted().toList();
    if (used.isEmpty()) {
      throw new IllegalArgumentException("Duke: none of the fields " + fields + " has a property in the peer's configuration");
    }
    try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8); CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
      List<String> header = new ArrayList<>(List.of("id"));
      used.forEach(f -> header.add(f.key()));
      p.printRecord(header);
      for (int i = 0; i < ids.size(); i++) {
        List<String> row = new ArrayList<>(List.of(ids.get(i)));
        for (Field f : used) {
          row.add(rows.get(i).getOrDefault(f, ""));
        }
        p.printRecord(row);
      }
    }
    Files.writeString(config, config(used, csv, threshold), StandardCharsets.UTF_8);
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = List.of(java, "-Xmx2g", "-cp", home.toAbsolutePath() + "/*", "no.priv.garshol.duke.Duke", "--linkfile=" + links.toAbsolutePath(),
        config.toAbsolutePath().toString());
    long started = System.nanoTime();
    Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("duke.log").toFile()).start();
    try {
      if (!process.waitFor(allowed.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        return new Run(List.of(), allowed.toMillis(), false);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while Duke ran", e);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (process.exitValue() != 0) {
      throw new IOException("Duke failed (exit " + process.exitValue() + "): " + tail(work.resolve("duke.log")));
    }
    // Duke writes no link file when it found no match.
    return new Run(Files.isRegularFile(links) ? read(links) : List.of(), millis, true);
  }

  /** The configuration: one property per field. */
  static String config(List<Field> fields, Path csv, double threshold) {
    StringBuilder x = new StringBuilder("<duke>\n  <schema>\n    <threshold>" + threshold + "</threshold>\n");
    x.append("    <property type=\"id\"><name>ID</name></property>\n");
    for (Field f : fields) {
      Property p = PROPERTIES.get(f);
      x.append(String.format(Locale.ROOT, "    <property%s><name>%s</name><comparator>%s%s</comparator><low>%s</low><high>%s</high></property>%n",
          p.lookup() ? " lookup=\"true\"" : "", f.name(), COMPARATORS, p.comparator(), p.low(), p.high()));
    }
    x.append("  </schema>\n  <csv>\n");
    x.append("    <param name=\"input-file\" value=\"").append(xml(csv.toAbsolutePath().toString())).append("\"/>\n");
    x.append("    <column name=\"id\" property=\"ID\"/>\n");
    for (Field f : fields) {
      x.append("    <column name=\"").append(f.key()).append("\" property=\"").append(f.name())
          .append("\" cleaner=\"no.priv.garshol.duke.cleaners.").append(cleaner(f)).append("\"/>\n");
    }
    return x.append("  </csv>\n</duke>\n").toString();
  }

  /** A value for an XML attribute (a temporary directory's path may hold any character). */
  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String cleaner(Field f) {
    return switch (f) {
      case DOB, PHONE, NATIONAL_ID, STREET_NUMBER -> "DigitsOnlyCleaner";
      default -> "LowerCaseNormalizeCleaner";
    };
  }

  /** Duke's link file: one line per link, {@code +id1,id2,confidence} for a match. */
  static List<Link> read(Path file) throws IOException {
    List<Link> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] p = line.split(",");
      if (p.length < 4 || !p[0].equals("+")) {
        continue;
      }
      out.add(new Link(p[1], p[2]));
    }
    return out;
  }

  /** The last lines of Duke's output, for an error message (the work directory is removed afterwards). */
  private static String tail(Path log) throws IOException {
    List<String> lines = Files.isRegularFile(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }

  /** The root of {@code i} in a union-find forest, halving the path on the way (shared with the evaluation's truth). */
  static int root(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

}
