package io.customergraph.cli;

import io.customergraph.resolve.BatchResolver;
import io.customergraph.resolve.CandidateIndex;
import io.customergraph.resolve.Comparison;
import io.customergraph.resolve.Entry;
import io.customergraph.resolve.Evaluation;
import io.customergraph.resolve.Field;
import io.customergraph.resolve.MatchModel;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Speed and memory of resolution on generated people (seeded): a batch of N records with 20% duplicates, and
 * streaming candidates-plus-scoring latency against an index of M contacts, with the heap the index takes.
 */
final class ResolutionBenchmark {

  private static final String[] SYLLABLES = {"an", "bel", "cor", "da", "el", "fa", "gar", "hol", "is", "jo", "ka", "lin", "mar", "no", "ol",
      "pe", "qui", "ra", "son", "ta", "ul", "ver", "wil", "xa", "ya", "zel", "ber", "chen", "dor", "ess", "fin", "gri"};
  private static final String[] CITIES = {"london", "leeds", "bristol", "york", "bath", "derby", "perth", "cork", "dublin", "galway", "oxford", "ely"};
  private static final String[] DOMAINS = {"example.com", "mail.test", "acme.test", "globex.test", "initech.test", "umbrella.test"};

  private ResolutionBenchmark() {}

  static void run(int records, int indexed, PrintStream out) {
    SplittableRandom random = new SplittableRandom(7);
    String[] given = names(random, 800, 2);
    String[] surnames = names(random, 20_000, 3);
    Generated batch = batch(random, given, surnames, records);
    List<Entry> entries = new ArrayList<>(records);
    for (int i = 0; i < records; i++) {
      entries.add(Entry.of("r" + i, batch.rows().get(i), null));
    }
    int[] truth = batch.truth();
    batch = null;
    System.gc();
    long started = System.nanoTime();
    BatchResolver.Result result = BatchResolver.resolvePeople(entries, BatchResolver.Settings.defaults());
    long millis = (System.nanoTime() - started) / 1_000_000;
    Evaluation e = Evaluation.of(result.cluster(), truth);
    out.printf(Locale.ROOT, "batch: %,d records (20%% duplicates) resolved in %,d ms = %,.0f records/s on %d threads; stages %s%n", records, millis,
        records * 1000.0 / Math.max(1, millis), BatchResolver.Settings.defaults().threads(), result.millis());
    out.printf(Locale.ROOT, "       pairwise precision %.4f recall %.4f F1 %.4f (%,d candidate pairs)%n", e.precision(), e.recall(), e.f1(), result.pairs().size());
    result = null;
    Evaluation prior = Evaluation.of(BatchResolver.resolvePeople(entries, BatchResolver.Settings.defaults().learningM(false)).cluster(), truth);
    out.printf(Locale.ROOT, "       with prior m instead of EM: precision %.4f recall %.4f F1 %.4f%n", prior.precision(), prior.recall(), prior.f1());
    entries = null;
    result = null;

    // Streaming: an index of `indexed` contacts, then one record at a time: candidates, compare, score.
    System.gc();
    long before = usedHeap();
    long indexStart = System.nanoTime();
    List<Entry> sample = new ArrayList<>();
    List<Entry> queries = new ArrayList<>();
    try (CandidateIndex index = new CandidateIndex()) {
      for (int i = 0; i < indexed; i++) {
        Map<Field, String> p = contact(random, given, surnames, i);
        Entry entry = Entry.of("c" + i, p, null);
        index.put(entry);
        if (i % 100 == 0) {
          sample.add(entry);
        }
        if (i % 500 == 0) {
          queries.add(Entry.of("q" + i, corrupt(random, p), null));
          queries.add(Entry.of("n" + i, contact(random, given, surnames, indexed + i), null));
        }
      }
      index.refresh();
      long indexMillis = (System.nanoTime() - indexStart) / 1_000_000;
      System.gc();
      long heap = usedHeap() - before;
      MatchModel model = MatchModel.withPriors(Comparison.forPeople(EnumSet.of(Field.GIVEN_NAME, Field.SURNAME, Field.EMAIL, Field.PHONE, Field.COMPANY)));
      model.estimateU(sample, 100_000, 42);
      // Warm up, then measure.
      for (int i = 0; i < Math.min(500, queries.size()); i++) {
        score(index, model, queries.get(i));
      }
      long[] nanos = new long[queries.size()];
      for (int i = 0; i < queries.size(); i++) {
        long t = System.nanoTime();
        score(index, model, queries.get(i));
        nanos[i] = System.nanoTime() - t;
      }
      Arrays.sort(nanos);
      out.printf(Locale.ROOT, "streaming: %,d contacts indexed in %,d ms (%,.0f/s); index heap %,d MB; per-record candidates + scoring over %,d records: p50 %.2f ms, p99 %.2f ms (%,.0f records/s on one thread)%n",
          indexed, indexMillis, indexed * 1000.0 / Math.max(1, indexMillis), heap >> 20, nanos.length, nanos[nanos.length / 2] / 1e6,
          nanos[(int) (nanos.length * 0.99)] / 1e6, nanos.length / (Arrays.stream(nanos).sum() / 1e9));
    }
  }

  /** Generated records (raw values, ids r0, r1, …) and each one's true person. */
  record Generated(List<Map<Field, String>> rows, int[] truth) {}

  /** The batch the benchmark resolves, from its own seed: what {@code evaluate-resolution --sets peer-speed} writes to a file. */
  static Generated batch(int records) {
    SplittableRandom random = new SplittableRandom(7);
    String[] given = names(random, 800, 2);
    String[] surnames = names(random, 20_000, 3);
    return batch(random, given, surnames, records);
  }

  /** 80% originals, 20% corrupted copies of random originals. */
  private static Generated batch(SplittableRandom random, String[] given, String[] surnames, int records) {
    List<Map<Field, String>> rows = new ArrayList<>(records);
    int[] truth = new int[records];
    int originals = records * 4 / 5;
    for (int i = 0; i < originals; i++) {
      rows.add(person(random, given, surnames, i));
      truth[i] = i;
    }
    for (int i = originals; i < records; i++) {
      int of = random.nextInt(originals);
      rows.add(corrupt(random, rows.get(of)));
      truth[i] = of;
    }
    return new Generated(rows, truth);
  }

  private static double score(CandidateIndex index, MatchModel model, Entry e) {
    double best = 0;
    for (Entry c : index.candidates(e, 10)) {
      best = Math.max(best, model.probability(e, c, index));
    }
    return best;
  }

  private static long usedHeap() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static String[] names(SplittableRandom random, int n, int syllables) {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    while (out.size() < n) {
      StringBuilder b = new StringBuilder();
      int parts = 1 + random.nextInt(syllables) + (syllables > 2 ? 1 : 0);
      for (int i = 0; i < parts; i++) {
        b.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
      }
      out.add(b.toString());
    }
    return out.toArray(new String[0]);
  }

  /** A Zipf-like pick: a few names are common, most are rare, as in real populations. */
  private static String pick(SplittableRandom random, String[] pool) {
    double u = random.nextDouble();
    return pool[(int) Math.min(pool.length - 1, Math.floor(Math.pow(u, 2.5) * pool.length))];
  }

  private static Map<Field, String> person(SplittableRandom random, String[] given, String[] surnames, int i) {
    Map<Field, String> p = new EnumMap<>(Field.class);
    String g = pick(random, given), s = pick(random, surnames);
    p.put(Field.GIVEN_NAME, g);
    p.put(Field.SURNAME, s);
    p.put(Field.DOB, String.format(Locale.ROOT, "19%02d%02d%02d", 40 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28)));
    p.put(Field.CITY, CITIES[random.nextInt(CITIES.length)]);
    p.put(Field.EMAIL, g + "." + s + i % 97 + "@" + DOMAINS[random.nextInt(DOMAINS.length)]);
    return p;
  }

  private static Map<Field, String> contact(SplittableRandom random, String[] given, String[] surnames, int i) {
    Map<Field, String> p = new EnumMap<>(Field.class);
    String g = pick(random, given), s = pick(random, surnames);
    p.put(Field.GIVEN_NAME, g);
    p.put(Field.SURNAME, s);
    String company = DOMAINS[random.nextInt(DOMAINS.length)];
    p.put(Field.EMAIL, g + "." + s + (i % 13 == 0 ? String.valueOf(i % 89) : "") + "@" + company);
    p.put(Field.PHONE, String.format(Locale.ROOT, "+44%010d", random.nextLong(10_000_000_000L)));
    p.put(Field.COMPANY, company.substring(0, company.indexOf('.')));
    return p;
  }

  /** A messy copy: a typo or swap in a name, a changed or missing address, a mistyped date. */
  private static Map<Field, String> corrupt(SplittableRandom random, Map<Field, String> p) {
    Map<Field, String> c = new EnumMap<>(p);
    switch (random.nextInt(4)) {
      case 0 -> c.put(Field.SURNAME, typo(random, p.get(Field.SURNAME)));
      case 1 -> c.put(Field.GIVEN_NAME, typo(random, p.get(Field.GIVEN_NAME)));
      case 2 -> {
        c.put(Field.GIVEN_NAME, p.get(Field.SURNAME));
        c.put(Field.SURNAME, p.get(Field.GIVEN_NAME));
      }
      default -> c.put(Field.GIVEN_NAME, p.get(Field.GIVEN_NAME).substring(0, 1));
    }
    if (random.nextInt(3) == 0) {
      c.remove(Field.EMAIL);
    }
    if (c.containsKey(Field.DOB) && random.nextInt(4) == 0) {
      c.put(Field.DOB, typo(random, p.get(Field.DOB)));
    }
    return c;
  }

  private static String typo(SplittableRandom random, String s) {
    if (s.length() < 3) {
      return s;
    }
    int i = 1 + random.nextInt(s.length() - 2);
    char[] ch = s.toCharArray();
    char t = ch[i];
    ch[i] = ch[i + 1];
    ch[i + 1] = t;
    return new String(ch);
  }
}
