package io.customergraph.resolve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a whole set of records at once: index them, find each one's candidates, learn the model on those pairs
 * (u from random pairs, m by EM — no labels), score every candidate pair, and cluster pairs at or above the merge
 * threshold. The same records in the same order give the same clusters, whatever the thread count.
 */
public final class BatchResolver {

  /**
   * How to resolve.
   *
   * @param candidates candidates per record (the cap keeps a common name from producing a quadratic number of pairs)
   * @param mergeThreshold probability at or above which a pair is the same entity
   * @param uSamples random pairs drawn to estimate u
   * @param seed seed of the random pairs
   * @param threads threads searching candidates and comparing pairs
   * @param learnM whether m is learnt by EM (else kept at the documented priors)
   * @param identityEvidence whether a pair also needs identity evidence to be linked ({@link IdentityEvidence})
   * @param maxCluster the largest cluster formed automatically; a link that would make a larger one is left for review
   * @param sources for linkage only ({@code --link-only}): each record's source, where no source holds two records of
   *     one entity — candidates come only from other sources and a cluster holds at most one record per source; null
   *     to deduplicate as well
   */
  public record Settings(int candidates, double mergeThreshold, int uSamples, long seed, int threads, boolean learnM, boolean identityEvidence, int maxCluster,
      int @Nullable [] sources) {
    /** The largest cluster formed without a person by default. */
    public static final int DEFAULT_MAX_CLUSTER = 25;

    /** Defaults used by the CLI and the evaluation: m learnt by EM, the identity rule on. */
    public static Settings defaults() {
      return new Settings(10, ResolveProperties.DEFAULT_MERGE, 200_000, 42, Runtime.getRuntime().availableProcessors(), true, true, DEFAULT_MAX_CLUSTER, null);
    }

    /** The same settings with m learnt by EM or kept at the documented priors. */
    public Settings learningM(boolean learn) {
      return new Settings(candidates, mergeThreshold, uSamples, seed, threads, learn, identityEvidence, maxCluster, sources);
    }

    /** The same settings with the identity rule on or off. */
    public Settings withIdentityEvidence(boolean on) {
      return new Settings(candidates, mergeThreshold, uSamples, seed, threads, learnM, on, maxCluster, sources);
    }

    /** The same settings with another cluster cap. */
    public Settings withMaxCluster(int max) {
      return new Settings(candidates, mergeThreshold, uSamples, seed, threads, learnM, identityEvidence, max, sources);
    }

    /** The same settings linking sources only: {@code sources[i]} is record i's source. */
    public Settings linkingOnly(int[] recordSources) {
      return new Settings(candidates, mergeThreshold, uSamples, seed, threads, learnM, identityEvidence, maxCluster, recordSources.clone());
    }
  }

  /**
   * A scored candidate pair, by position in the input.
   *
   * @param vetoed whether the identity rule keeps the pair apart whatever its probability
   * @param sameName whether they are organisations with one name and nothing else compared says otherwise
   *     ({@link #sameOrganisationName}): linked whatever the probability
   */
  public record ScoredPair(int a, int b, double weight, double probability, boolean vetoed, boolean sameName) {

    /** A pair that is not linked by name alone. */
    public ScoredPair(int a, int b, double weight, double probability, boolean vetoed) {
      this(a, b, weight, probability, vetoed, false);
    }
  }

  /** Why a pair at or above the merge bar was not linked: left for a person to review. */
  public enum Held {
    /** The identity rule vetoed the pair itself. */
    VETOED,
    /** Linking it would put two records the identity rule keeps apart (their names contradict) in one cluster. */
    CANNOT_LINK,
    /** The two clusters it would join do not link well as wholes (average probability over all their pairs below the bar). */
    INCOHERENT,
    /** The joined cluster would be larger than the cap. */
    TOO_LARGE,
    /** Linking sources only: the joined cluster would hold two records of one source. */
    SAME_SOURCE
  }

  /**
   * Clusters with the pairs held back for review.
   *
   * @param cluster for each record, the position of the first record of its cluster
   * @param held pairs at or above the merge bar that were not linked, with why
   */
  public record Clusters(int[] cluster, Map<ScoredPair, Held> held) {

    /** Cluster sizes: size → how many clusters have it, smallest first. */
    public java.util.SortedMap<Integer, Integer> sizes() {
      Map<Integer, Integer> bySize = new HashMap<>();
      for (int c : cluster) {
        bySize.merge(c, 1, Integer::sum);
      }
      java.util.SortedMap<Integer, Integer> out = new java.util.TreeMap<>();
      bySize.values().forEach(size -> out.merge(size, 1, Integer::sum));
      return out;
    }
  }

  /**
   * What a run produced.
   *
   * @param cluster for each record, the position of the first record of its cluster
   * @param pairs every candidate pair with its score, in (a, b) order
   * @param millis time taken by each stage
   */
  public record Result(List<Entry> entries, int[] cluster, List<ScoredPair> pairs, MatchModel model, TermFrequencies frequencies, Map<String, Long> millis,
      Map<ScoredPair, Held> held) {

    /** The clusters at another merge bar (same model, same cap). */
    public int[] clusterAt(double threshold, int maxCluster, boolean identityEvidence) {
      return coherent(entries, pairs, model, frequencies, threshold, maxCluster, identityEvidence, null).cluster();
    }

    /** The explanation of a pair, by position. */
    public Explanation explain(int a, int b) {
      return model.explain(entries.get(a), entries.get(b), frequencies);
    }
  }

  private BatchResolver() {}

  /** Resolves people (the usual case); the comparisons are those whose fields the records have. */
  public static Result resolvePeople(List<Entry> entries, Settings s) {
    return resolvePeople(entries, s, null);
  }

  /** People with some records labelled by their true entity (see {@link #resolve(List, List, Settings, int[])}). */
  public static Result resolvePeople(List<Entry> entries, Settings s, int @Nullable [] labels) {
    return resolvePeople(entries, s, labels, stage -> {});
  }

  /** People, telling {@code progress} the name of each stage as it starts (for a progress line on long runs). */
  public static Result resolvePeople(List<Entry> entries, Settings s, int @Nullable [] labels, java.util.function.Consumer<String> progress) {
    Set<Field> present = EnumSet.noneOf(Field.class);
    for (Entry e : entries) {
      present.addAll(e.present().keySet());
    }
    return resolve(entries, Comparison.forPeople(present), s, labels, progress);
  }

  /** Resolves records with the given comparisons, m learnt by EM (or kept at the priors). */
  public static Result resolve(List<Entry> entries, List<Comparison> comparisons, Settings s) {
    return resolve(entries, comparisons, s, null);
  }

  /**
   * Resolves records whose true entity is known for some: {@code labels[i]} names record i's entity (records with
   * the same label are one), or is negative when unknown. m is then learnt from the candidate pairs both of whose
   * records are labelled alike, instead of by EM.
   */
  public static Result resolve(List<Entry> entries, List<Comparison> comparisons, Settings s, int @Nullable [] labels) {
    return resolve(entries, comparisons, s, labels, stage -> {});
  }

  /** As {@link #resolve(List, List, Settings, int[])}, telling {@code progress} each stage as it starts. */
  public static Result resolve(List<Entry> entries, List<Comparison> given, Settings s, int @Nullable [] labels, java.util.function.Consumer<String> progress) {
    progress.accept("indexing " + entries.size() + " records");
    List<Comparison> comparisons = weighted(given, entries);
    Map<String, Long> millis = new java.util.LinkedHashMap<>();
    long t0 = System.nanoTime();
    int n = entries.size();
    long[][] candidates = new long[n][];
    MatchModel model = MatchModel.withPriors(comparisons);
    try (CandidateIndex index = CandidateIndex.forBatch(); ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, s.threads()), named("resolve"));
        ExecutorService learning = Executors.newSingleThreadExecutor(named("resolve-u"))) {
      // u needs nothing but the records: learnt on a thread of its own while the index is built (on one thread) and
      // searched, instead of after them — the same random pairs, the same u; on two cores the index left one idle.
      Future<?> uLearnt = learning.submit(() -> model.estimateU(entries, s.uSamples(), s.seed()));
      java.util.Set<String> ids = java.util.HashSet.newHashSet(n);
      for (Entry e : entries) {
        if (!ids.add(e.id())) {
          throw new IllegalArgumentException("two records have the id " + e.id() + "; a batch's ids must be unique");
        }
      }
      for (int i : CandidateIndex.idOrder(entries)) {
        index.put(entries.get(i), i);
      }
      index.refresh();
      long t1 = System.nanoTime();
      millis.put("index", (t1 - t0) / 1_000_000);
      progress.accept("searching candidates");
      int[] sources = s.sources();
      if (sources != null && sources.length != n) {
        throw new IllegalArgumentException("sources name %d records, there are %d".formatted(sources.length, n));
      }
      parallel(pool, n, s.threads(), i -> candidates[i] = sources == null ? index.candidateOrdinals(entries.get(i), s.candidates(), i)
          : otherSources(index.candidateOrdinals(entries.get(i), 3 * s.candidates(), i), sources, i, s.candidates()));
      long t2 = System.nanoTime();
      millis.put("candidates", (t2 - t1) / 1_000_000);
      progress.accept("comparing candidate pairs");

      long[] keys = pairKeys(candidates);
      TermFrequencies tf = counted(entries, comparisons);
      byte[][] levels = new byte[keys.length][];
      boolean[] swapped = new boolean[keys.length];
      parallel(pool, keys.length, s.threads(), p -> {
        MatchModel.Compared c = model.compare(entries.get((int) (keys[p] >>> 32)), entries.get((int) keys[p]));
        levels[p] = c.levels();
        swapped[p] = c.swapped();
      });
      long t3 = System.nanoTime();
      millis.put("compare", (t3 - t2) / 1_000_000);
      progress.accept("learning the model");

      await(uLearnt);
      if (labels != null) {
        List<byte[]> matched = new ArrayList<>();
        long labelled = 0;
        for (int p = 0; p < keys.length; p++) {
          int a = (int) (keys[p] >>> 32), b = (int) keys[p];
          if (labels[a] >= 0 && labels[b] >= 0) {
            labelled++;
            if (labels[a] == labels[b]) {
              matched.add(levels[p]);
            }
          }
        }
        model.estimateMFromLabels(matched, labelled);
      } else if (s.learnM()) {
        model.estimateM(Arrays.asList(levels), 100);
      }
      long t4 = System.nanoTime();
      millis.put("train", (t4 - t3) / 1_000_000);
      progress.accept("scoring and clustering");

      List<ScoredPair> pairs = new ArrayList<>(keys.length);
      boolean organisations = organisationsOnly(comparisons);
      for (int p = 0; p < keys.length; p++) {
        int a = (int) (keys[p] >>> 32), b = (int) keys[p];
        MatchModel.Compared compared = new MatchModel.Compared(levels[p], swapped[p]);
        double w = model.weight(compared, entries.get(a), entries.get(b), tf);
        pairs.add(new ScoredPair(a, b, w, Explanation.probability(w), s.identityEvidence() && model.veto(compared) != null,
            organisations && sameOrganisationName(comparisons, levels[p])));
      }
      Clusters clusters = coherent(entries, pairs, model, tf, s.mergeThreshold(), s.maxCluster(), s.identityEvidence(), sources);
      millis.put("score and cluster", (System.nanoTime() - t4) / 1_000_000);
      return new Result(entries, clusters.cluster(), pairs, model, tf, millis, clusters.held());
    }
  }

  /**
   * Connected components of the pairs at or above the threshold that the identity rule allows; each record labelled by
   * its cluster's first position.
   */
  public static int[] cluster(int n, List<ScoredPair> pairs, double threshold) {
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (ScoredPair p : pairs) {
      if (p.probability() >= threshold && !p.vetoed()) {
        union(parent, p.a(), p.b());
      }
    }
    int[] cluster = new int[n];
    for (int i = 0; i < n; i++) {
      cluster[i] = find(parent, i);
    }
    return cluster;
  }

  /**
   * Clusters that hold together, not bare connected components: pairs at or above the bar are linked strongest first,
   * and two clusters are joined only when
   *
   * <ul>
   *   <li>the joined cluster stays within the cap ({@link Held#TOO_LARGE} otherwise);
   *   <li>fewer than half the pairs across the two contradict each other by name with nothing exact to confirm them —
   *       the identity rule read as a cannot-link constraint over whole clusters, so "S. Baker" cannot chain Sarah and
   *       Tom Baker ({@link Held#CANNOT_LINK}). Not every pair: one person's records with a badly mistyped name would
   *       then never come together (on fake_1000, the development set, a strict cannot-link cut 45 true links);
   *   <li>their records link well as wholes: the mean match probability over every pair across the two (compared now
   *       where they were not candidates) is at least one half ({@link Held#INCOHERENT}). A chain of look-alikes,
   *       each close to the next, is not a cluster when its ends are strangers.
   * </ul>
   *
   * Linking sources only, a join that would put two records of one source together is refused ({@link Held#SAME_SOURCE}).
   * Pairs refused are returned for review. Deterministic: ties in weight are broken by the records' ids.
   */
  public static Clusters coherent(List<Entry> entries, List<ScoredPair> pairs, MatchModel model, TermFrequencies tf, double threshold, int maxCluster,
      boolean identityEvidence, int @Nullable [] sources) {
    int n = entries.size();
    int[] parent = new int[n];
    List<List<Integer>> members = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      parent[i] = i;
      members.add(null);
    }
    Map<ScoredPair, Held> held = new java.util.LinkedHashMap<>();
    List<ScoredPair> linking = new ArrayList<>();
    for (ScoredPair p : pairs) {
      if (p.probability() >= threshold || (p.sameName() && !p.vetoed())) {
        if (p.vetoed()) {
          held.put(p, Held.VETOED);
        } else {
          linking.add(p);
        }
      }
    }
    // Ties broken by the records' ids, not their positions: the same records in another order give the same clusters.
    linking.sort(java.util.Comparator.comparingDouble(ScoredPair::weight).reversed()
        .thenComparing((ScoredPair p) -> minId(entries, p)).thenComparing((ScoredPair p) -> maxId(entries, p)));
    for (ScoredPair p : linking) {
      int ra = find(parent, p.a()), rb = find(parent, p.b());
      if (ra == rb) {
        continue;
      }
      List<Integer> ma = membersOf(members, ra), mb = membersOf(members, rb);
      if (ma.size() + mb.size() > maxCluster) {
        held.put(p, Held.TOO_LARGE);
        continue;
      }
      Held refused = null;
      if (sources != null) {
        for (int x : ma) {
          for (int y : mb) {
            if (sources[x] == sources[y]) {
              refused = Held.SAME_SOURCE;
            }
          }
        }
      }
      if (refused == null && (ma.size() > 1 || mb.size() > 1)) {
        double sum = 0;
        int contradictions = 0;
        for (int x : ma) {
          for (int y : mb) {
            MatchModel.Compared c = model.compare(entries.get(x), entries.get(y));
            if (identityEvidence && contradicts(model, c)) {
              contradictions++;
            }
            sum += Explanation.probability(model.weight(c, entries.get(x), entries.get(y), tf));
          }
        }
        double across = ma.size() * (double) mb.size();
        if (2 * contradictions >= across) {
          refused = Held.CANNOT_LINK;
        } else if (sum / across < 0.5) {
          refused = Held.INCOHERENT;
        }
      }
      if (refused != null) {
        held.put(p, refused);
        continue;
      }
      int root = Math.min(ra, rb), other = Math.max(ra, rb);
      parent[other] = root;
      List<Integer> joined = new ArrayList<>(ma);
      joined.addAll(mb);
      members.set(root, joined);
      members.set(other, null);
    }
    int[] cluster = new int[n];
    for (int i = 0; i < n; i++) {
      cluster[i] = find(parent, i);
    }
    return new Clusters(cluster, held);
  }

  /** Whether the records are organisations: a company name is compared and no person's name is. */
  static boolean organisationsOnly(List<Comparison> comparisons) {
    boolean company = false;
    for (Comparison c : comparisons) {
      if (c.field() == Field.GIVEN_NAME || c.field() == Field.SURNAME || c.field() == Field.FULL_NAME) {
        return false;
      }
      company |= c.field() == Field.COMPANY;
    }
    return company;
  }

  /**
   * Whether a pair of organisation records, by its levels, has one name (exact once case, punctuation and legal forms are dropped,
   * {@link Names#company}) and nothing else compared says otherwise (no field at its "different" level): the same
   * organisation, as the live graph keys an account by its name. The probability cannot say so when the name is all a
   * file holds — one field, nothing for EM to learn from, and a name two of 2,000 rows share is worth ~10 bits, at the
   * 0.999 bar's edge — so a file of organisation names alone merged nothing at the default settings; a name held by
   * more rows (one company written many times) weighed even less. A branch of a chain at another address or phone
   * is not linked by this rule.
   */
  static boolean sameOrganisationName(List<Comparison> comparisons, byte[] levels) {
    boolean sameName = false;
    for (int k = 0; k < levels.length; k++) {
      Comparison c = comparisons.get(k);
      if (levels[k] == Comparison.MISSING) {
        continue;
      }
      if (c.field() == Field.COMPANY) {
        sameName = levels[k] == 0;
      } else if (levels[k] == c.levels().size() - 1) {
        return false;
      }
    }
    return sameName;
  }

  /** Of a record's candidates (best first), the first {@code cap} from other sources than its own. */
  private static long[] otherSources(long[] found, int[] sources, int self, int cap) {
    long[] out = new long[Math.min(cap, found.length)];
    int n = 0;
    for (long j : found) {
      if (n < out.length && sources[(int) j] != sources[self]) {
        out[n++] = j;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  private static String minId(List<Entry> entries, ScoredPair p) {
    String a = entries.get(p.a()).id(), b = entries.get(p.b()).id();
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String maxId(List<Entry> entries, ScoredPair p) {
    String a = entries.get(p.a()).id(), b = entries.get(p.b()).id();
    return a.compareTo(b) <= 0 ? b : a;
  }

  private static List<Integer> membersOf(List<List<Integer>> members, int root) {
    List<Integer> m = members.get(root);
    return m == null ? List.of(root) : m;
  }

  /** Whether the identity rule keeps two records apart because their names contradict (not merely for want of evidence). */
  private static boolean contradicts(MatchModel model, MatchModel.Compared c) {
    return IdentityEvidence.contradicts(model.comparisons(), c.levels());
  }

  /** Distinct unordered pairs (smaller position in the high 32 bits), sorted. */
  private static long[] pairKeys(long[][] candidates) {
    int total = 0;
    for (long[] c : candidates) {
      total += c.length;
    }
    long[] keys = new long[total];
    int k = 0;
    for (int i = 0; i < candidates.length; i++) {
      for (long j : candidates[i]) {
        int a = (int) Math.min(i, j), b = (int) Math.max(i, j);
        keys[k++] = ((long) a << 32) | b;
      }
    }
    Arrays.sort(keys);
    int unique = 0;
    for (int i = 0; i < keys.length; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        keys[unique++] = keys[i];
      }
    }
    return Arrays.copyOf(keys, unique);
  }

  /** The comparisons, those that read words (company names) with the words weighted among these records. */
  static List<Comparison> weighted(List<Comparison> comparisons, List<Entry> entries) {
    Map<Field, WordWeights> words = new java.util.EnumMap<>(Field.class);
    return comparisons.stream()
        .map(c -> c.readsWords() ? c.withWordWeights(words.computeIfAbsent(c.field(), f -> WordWeights.counted(entries, f))) : c)
        .toList();
  }

  /** Term frequencies counted from the records themselves. */
  static TermFrequencies counted(List<Entry> entries, List<Comparison> comparisons) {
    Map<Field, Map<String, Integer>> counts = new HashMap<>();
    for (Comparison c : comparisons) {
      if (c.tfField() != null) {
        counts.put(c.tfField(), new HashMap<>());
      }
    }
    for (Entry e : entries) {
      counts.forEach((f, m) -> {
        if (e.has(f)) {
          m.merge(e.get(f), 1, Integer::sum);
        }
      });
    }
    int others = Math.max(1, entries.size() - 1);
    return (f, v) -> {
      Map<String, Integer> m = counts.get(f);
      return m == null ? Double.NaN : Math.max(1, m.getOrDefault(v, 1) - 1) / (double) others;
    };
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /** Joins two clusters; the smaller position becomes the root, so cluster ids are stable. */
  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a), rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }

  /** Waits for a task; what it threw is thrown again with its own message. */
  private static void await(Future<?> task) {
    try {
      task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
  }

  interface IntTask {
    void run(int i);
  }

  /** Runs a task for 0..n-1 in chunks on the pool; each index is written by exactly one task. */
  static void parallel(ExecutorService pool, int n, int threads, IntTask task) {
    AtomicInteger next = new AtomicInteger();
    int chunk = 256;
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < Math.max(1, threads); t++) {
      futures.add(pool.submit(() -> {
        for (int start; (start = next.getAndAdd(chunk)) < n; ) {
          for (int i = start; i < Math.min(n, start + chunk); i++) {
            task.run(i);
          }
        }
      }));
    }
    for (Future<?> f : futures) {
      await(f);
    }
  }

  static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
