package io.customergraph.resolve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * A Fellegi-Sunter model: for each comparison, the probability of each level among matches (m) and among
 * non-matches (u), and the share of matches among candidate pairs (λ). A pair's match weight is
 * log2(λ / (1 − λ)) + Σ log2(m / u) over its comparisons, plus term-frequency adjustments; missing fields add nothing.
 *
 * <p>u comes from random pairs (almost all non-matches); m and λ by expectation-maximisation over candidate pairs,
 * with u held fixed — no labels needed.
 */
public final class MatchModel {

  /** Smallest probability kept for a level, so an unseen level never yields an infinite weight. */
  private static final double FLOOR = 1e-6;

  private final List<Comparison> comparisons;
  private final double[][] m;
  private final double[][] u;
  private double lambda;
  private int emIterations;
  private @Nullable String degenerate;

  private MatchModel(List<Comparison> comparisons, double[][] m, double[][] u, double lambda) {
    this.comparisons = List.copyOf(comparisons);
    this.m = m;
    this.u = u;
    this.lambda = lambda;
  }

  /**
   * Starting values before any data is seen: among matches the strongest level is likely (0.8) and "different" rare
   * (0.05); among non-matches the reverse (the strongest level 0.01, "different" most of the rest). Enough to rank
   * candidates on a near-empty graph; {@link #estimateU} and {@link #estimateM} replace them as data arrives.
   */
  public static MatchModel withPriors(List<Comparison> comparisons) {
    double[][] m = new double[comparisons.size()][];
    double[][] u = new double[comparisons.size()][];
    for (int k = 0; k < comparisons.size(); k++) {
      int n = comparisons.get(k).levels().size();
      m[k] = new double[n];
      u[k] = new double[n];
      m[k][0] = 0.8;
      u[k][0] = 0.01;
      m[k][n - 1] = 0.05;
      u[k][n - 1] = 1 - 0.01 - 0.02 * (n - 2);
      for (int l = 1; l < n - 1; l++) {
        m[k][l] = 0.15 / (n - 2);
        u[k][l] = 0.02;
      }
      double[] own = comparisons.get(k).priorM();
      if (own != null) {
        m[k] = own;
      }
    }
    // A candidate pair is a match perhaps one time in ten before EM says otherwise.
    return new MatchModel(comparisons, m, u, 0.1);
  }

  /** An independent copy (to change and swap in while the original keeps serving). */
  public MatchModel copy() {
    MatchModel c = new MatchModel(comparisons, copy(m), copy(u), lambda);
    c.emIterations = emIterations;
    c.degenerate = degenerate;
    return c;
  }

  /** m back at the documented priors (u and λ kept). */
  void resetM() {
    double[][] prior = withPriors(comparisons).m;
    for (int k = 0; k < m.length; k++) {
      System.arraycopy(prior[k], 0, m[k], 0, m[k].length);
    }
  }

  public List<Comparison> comparisons() {
    return comparisons;
  }

  public double lambda() {
    return lambda;
  }

  public int emIterations() {
    return emIterations;
  }

  /**
   * Why the last EM fit was rejected as degenerate and m set back to the documented priors, or null when EM's fit was
   * kept (or EM did not run). See {@link #estimateM}.
   */
  public @Nullable String degenerate() {
    return degenerate;
  }

  /** The learnt table, one line per comparison and level (m, u, weight in bits), for printing and {@code --model-out}. */
  public List<String> table() {
    List<String> out = new ArrayList<>();
    out.add(String.format(java.util.Locale.ROOT, "%-14s %-28s %9s %9s %8s", "comparison", "level", "m", "u", "weight"));
    for (int k = 0; k < comparisons.size(); k++) {
      Comparison c = comparisons.get(k);
      for (int l = 0; l < c.levels().size(); l++) {
        out.add(String.format(java.util.Locale.ROOT, "%-14s %-28s %9.6f %9.6f %+8.2f", c.name(), c.levels().get(l), m[k][l], u[k][l], log2(m[k][l] / u[k][l])));
      }
    }
    out.add(String.format(java.util.Locale.ROOT, "λ (share of matches among candidate pairs) %.6f", lambda));
    return out;
  }

  /** m of comparison k, level l. */
  public double m(int k, int l) {
    return m[k][l];
  }

  /** u of comparison k, level l. */
  public double u(int k, int l) {
    return u[k][l];
  }

  /** A comparison vector: the level of each comparison (or {@link Comparison#MISSING}) and whether names were swapped. */
  public record Compared(byte[] levels, boolean swapped) {}

  /**
   * Compares two records. Given name and surname are also tried crosswise, also where a record has only one of them
   * ("Macdonald" as a surname on one record, as a given name on the other): the crosswise reading is used when more
   * names agree that way than straight.
   */
  public Compared compare(Entry a, Entry b) {
    if (a.id().compareTo(b.id()) > 0) {
      // One orientation per pair, by id: Jaro-Winkler is not symmetric for every pair of strings, and a shuffled input
      // compared some pairs the other way round (another m, another λ, other clusters).
      return compare(b, a);
    }
    boolean swapped = false;
    if ((a.has(Field.GIVEN_NAME) || a.has(Field.SURNAME)) && (b.has(Field.GIVEN_NAME) || b.has(Field.SURNAME))) {
      String ag = a.get(Field.GIVEN_NAME), as = a.get(Field.SURNAME), bg = b.get(Field.GIVEN_NAME), bs = b.get(Field.SURNAME);
      int straight = agree(ag, bg, true) + agree(as, bs, false);
      int crosswise = agree(ag, bs, false) + agree(as, bg, false);
      swapped = crosswise > straight;
    }
    Entry other = swapped ? b.swapped() : b;
    byte[] levels = new byte[comparisons.size()];
    for (int k = 0; k < levels.length; k++) {
      levels[k] = (byte) comparisons.get(k).level(a, other);
    }
    return new Compared(levels, swapped);
  }

  /** Whether two name parts agree (one typo, or a nickname or initial for given names); 0 when either is missing. */
  private static int agree(String x, String y, boolean given) {
    if (x.isEmpty() || y.isEmpty()) {
      return 0;
    }
    return Similarity.jaroWinkler(x, y) >= 0.92 || (given && Names.compatibleGiven(x, y)) ? 1 : 0;
  }

  /**
   * The match weight of two records compared by {@link #compare} (prior included); either order gives the same weight.
   */
  public double weight(Compared c, Entry a, Entry b, TermFrequencies tf) {
    return weight(c, first(a, b), tf);
  }

  /** Of two records, the one {@link #compare} reads first (the smaller id): term frequencies are read from its values. */
  static Entry first(Entry a, Entry b) {
    return a.id().compareTo(b.id()) > 0 ? b : a;
  }

  private double weight(Compared c, Entry a, TermFrequencies tf) {
    double w = log2(lambda / (1 - lambda));
    for (int k = 0; k < c.levels().length; k++) {
      int l = c.levels()[k];
      if (l != Comparison.MISSING) {
        w += log2(m[k][l] / u[k][l]) + (l == 0 ? tfAdjustment(k, a, tf) : 0);
      }
    }
    return w;
  }

  /** Why two compared records may not be merged automatically whatever their probability, or null ({@link IdentityEvidence}). */
  public @Nullable String veto(Compared c) {
    return IdentityEvidence.veto(comparisons, c.levels());
  }

  /** Whether nothing personal agrees for a compared pair ({@link IdentityEvidence#unsupported}). */
  public boolean unsupported(Compared c) {
    return IdentityEvidence.unsupported(comparisons, c.levels());
  }

  /**
   * Of two entities' {@link Entry#forms() forms} (each with one of its email addresses as its email), the pair that
   * weighs most: an entity holding several addresses is compared by the one the other record shares. Live resolution,
   * search and explanations all compare through it, so what an explanation says is what was decided.
   */
  public Entry[] bestForms(Entry a, Entry b, TermFrequencies tf) {
    if (a.otherEmails().isEmpty() && b.otherEmails().isEmpty()) {
      return new Entry[] {a, b};
    }
    Entry[] best = {a, b};
    double bestWeight = Double.NEGATIVE_INFINITY;
    for (Entry x : a.forms()) {
      for (Entry y : b.forms()) {
        double w = weight(compare(x, y), x, y, tf);
        if (w > bestWeight) {
          bestWeight = w;
          best = new Entry[] {x, y};
        }
      }
    }
    return best;
  }

  /** The probability two records are the same entity. */
  public double probability(Entry a, Entry b, TermFrequencies tf) {
    return Explanation.probability(weight(compare(a, b), a, b, tf));
  }

  /** The full waterfall for a pair. */
  public Explanation explain(Entry a, Entry b, TermFrequencies tf) {
    if (a.id().compareTo(b.id()) > 0) {
      // Read in the order compare reads them (values A and B follow it), so the waterfall is the pair's weight.
      Entry t = a;
      a = b;
      b = t;
    }
    Compared c = compare(a, b);
    Entry other = c.swapped() ? b.swapped() : b;
    double prior = log2(lambda / (1 - lambda));
    double total = prior;
    List<Explanation.Factor> factors = new ArrayList<>();
    for (int k = 0; k < comparisons.size(); k++) {
      Comparison cmp = comparisons.get(k);
      int l = c.levels()[k];
      String va = a.get(cmp.field()), vb = other.get(cmp.field());
      if (cmp.field() == Field.CONTEXT) {
        // Vectors have no readable value: show what they are and how close.
        va = a.vector() == null ? "" : "context vector";
        vb = other.vector() == null ? "" : a.vector() == null ? "context vector" : String.format(java.util.Locale.ROOT, "cosine %.2f", Comparison.cosine(a.vector(), other.vector()));
      }
      if (l == Comparison.MISSING) {
        String why = cmp.whyNoEvidence(a, other);
        factors.add(why == null
            ? new Explanation.Factor(cmp.name(), "missing", va, vb, 1, 1, 0, 0, cmp.name() + " is missing on one side: no evidence.")
            : new Explanation.Factor(cmp.name(), "the name again", va, vb, 1, 1, 0, 0, cmp.name() + ": " + why));
        continue;
      }
      double w = log2(m[k][l] / u[k][l]);
      double adj = l == 0 ? tfAdjustment(k, a, tf) : 0;
      total += w + adj;
      String level = cmp.levels().get(l);
      String sentence = "%s %s (%s / %s): %s%.2f%s".formatted(cmp.name(), level, va, vb, w >= 0 ? "+" : "", w,
          adj == 0 ? "" : ", %s%.2f for how %s the value is".formatted(adj >= 0 ? "+" : "", adj, adj >= 0 ? "rare" : "common"));
      factors.add(new Explanation.Factor(cmp.name(), level, va, vb, m[k][l], u[k][l], w, adj, sentence));
    }
    return new Explanation(prior, factors, total, Explanation.probability(total), c.swapped(), IdentityEvidence.veto(comparisons, c.levels()),
        IdentityEvidence.unsupported(comparisons, c.levels()));
  }

  /** log2(u_exact / frequency of the value); 0 without frequencies or for comparisons without a TF field. */
  private double tfAdjustment(int k, Entry a, TermFrequencies tf) {
    Field f = comparisons.get(k).tfField();
    if (f == null) {
      return 0;
    }
    double freq = tf.frequency(f, a.get(f));
    return Double.isNaN(freq) || freq <= 0 ? 0 : log2(u[k][0] / freq);
  }

  /**
   * Estimates u from random pairs of the records: a random pair is a match so rarely that the level counts are those
   * of non-matches. Seeded, so the same records give the same u.
   */
  public void estimateU(List<Entry> entries, int samples, long seed) {
    if (entries.size() < 2) {
      return;
    }
    // Sampled in an order of the records' own (id, then values), not the order they came in: the same records in
    // another order give the same u (by input position, a shuffled file learnt another λ and other clusters).
    List<Entry> ordered = new ArrayList<>(entries);
    ordered.sort(java.util.Comparator.comparing(Entry::id).thenComparing(e -> String.join("\u001f", e.values())));
    entries = ordered;
    SplittableRandom random = new SplittableRandom(seed);
    double[][] counts = new double[comparisons.size()][];
    for (int k = 0; k < counts.length; k++) {
      counts[k] = new double[comparisons.get(k).levels().size()];
      // One pseudo-count per level: a level never seen among random pairs is rare, not impossible.
      Arrays.fill(counts[k], 1);
    }
    for (int s = 0; s < samples; s++) {
      int i = random.nextInt(entries.size());
      int j = random.nextInt(entries.size() - 1);
      j = j >= i ? j + 1 : j;
      byte[] levels = compare(entries.get(i), entries.get(j)).levels();
      for (int k = 0; k < levels.length; k++) {
        if (levels[k] != Comparison.MISSING) {
          counts[k][levels[k]]++;
        }
      }
    }
    for (int k = 0; k < counts.length; k++) {
      double total = Arrays.stream(counts[k]).sum();
      for (int l = 0; l < counts[k].length; l++) {
        u[k][l] = Math.max(FLOOR, counts[k][l] / total);
      }
    }
  }

  /**
   * Sets m from labelled matches: for each comparison, the share of the matched pairs at each level (pairs missing the
   * field left out), with one pseudo-count spread over the levels as the prior spreads it, so a level no labelled pair
   * reached stays possible. λ becomes the labelled matches' share of the candidate pairs when that is known.
   *
   * @param matches comparison levels of pairs known to be the same entity
   * @param candidatePairs how many candidate pairs the matches are among (for λ); 0 keeps λ
   * @return the number of labelled matches used
   */
  public int estimateMFromLabels(List<byte[]> matches, long candidatePairs) {
    if (matches.isEmpty()) {
      return 0;
    }
    MatchModel prior = withPriors(comparisons);
    for (int k = 0; k < m.length; k++) {
      double[] counts = prior.m[k].clone(); // one pseudo-count, shaped like the prior
      for (byte[] levels : matches) {
        if (levels[k] != Comparison.MISSING) {
          counts[levels[k]]++;
        }
      }
      double total = Arrays.stream(counts).sum();
      for (int l = 0; l < counts.length; l++) {
        m[k][l] = Math.max(FLOOR, counts[l] / total);
      }
    }
    if (candidatePairs > 0) {
      lambda = Math.min(1 - FLOOR, Math.max(FLOOR, matches.size() / (double) candidatePairs));
    }
    return matches.size();
  }

  /**
   * Estimates m (and λ) by expectation-maximisation over the comparison vectors of candidate pairs, u fixed, in
   * training sessions as Splink does: one session per comparison, over the candidate pairs that agree exactly on it;
   * that comparison's m is not learnt in its own session (the selection biased it) and each comparison's m is the
   * median over the sessions that did learn it (the mean let sessions that settled on namesakes pull m(DOB different) to
   * 0.22 on the synthetic 100k set: F1 0.44 with the mean, 0.90 with the median). One EM over all candidate pairs at once drifts to a degenerate answer
   * where "people with similar names" becomes the match class (on fake_1000 it reached λ = 0.92 and merged everybody).
   * λ, the share of matches among candidate pairs, is then one E-step over all pairs with the learnt m.
   *
   * @return the total number of EM iterations over all sessions
   */
  public int estimateM(List<byte[]> candidatePairs, int maxIterations) {
    return estimateM(candidatePairs, maxIterations, null);
  }

  /**
   * {@link #estimateM(List, int)} learning m of the comparisons of the given fields only; the others keep their m
   * through every iteration (and so weigh each pair's posterior as the priors say).
   */
  public int estimateM(List<byte[]> candidatePairs, int maxIterations, @Nullable Set<Field> fields) {
    boolean[] learns = new boolean[comparisons.size()];
    for (int k = 0; k < learns.length; k++) {
      learns[k] = fields == null || fields.contains(comparisons.get(k).field());
    }
    Patterns all = Patterns.of(candidatePairs);
    degenerate = null;
    if (all.total() == 0) {
      return 0;
    }
    List<List<double[]>> learnt = new java.util.ArrayList<>();
    for (int k = 0; k < m.length; k++) {
      learnt.add(new java.util.ArrayList<>());
    }
    int iterations = 0;
    double[][] start = copy(m);
    for (int blocked = 0; blocked < m.length; blocked++) {
      final int b = blocked;
      Patterns session = all.where(p -> p[b] == 0);
      // Too few pairs say nothing.
      if (session.total() < 50) {
        continue;
      }
      double[][] mm = copy(start);
      double[] lam = {0.5};
      iterations += em(session, mm, lam, b, learns, maxIterations);
      for (int k = 0; k < m.length; k++) {
        if (k != b) {
          learnt.get(k).add(mm[k].clone());
        }
      }
    }
    // Each comparison's m is the median over the sessions that learnt it, per level, renormalised: a session whose
    // EM settled on another class (namesakes in one city) moves the median less than the mean.
    for (int k = 0; k < m.length; k++) {
      List<double[]> runs = learnt.get(k);
      if (runs.isEmpty()) {
        continue;
      }
      double total = 0;
      double[] med = new double[m[k].length];
      for (int l = 0; l < med.length; l++) {
        final int level = l;
        double[] values = runs.stream().mapToDouble(r -> r[level]).sorted().toArray();
        med[l] = values.length % 2 == 1 ? values[values.length / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
        total += med[l];
      }
      for (int l = 0; l < med.length; l++) {
        m[k][l] = Math.max(FLOOR, med[l] / total);
      }
      monotone(m[k], u[k]);
    }
    // Only a fit is judged: with too few pairs for any session, m is still the priors.
    degenerate = iterations == 0 ? null : degenerate(all);
    if (degenerate != null) {
      resetM();
      for (int k = 0; k < m.length; k++) {
        monotone(m[k], u[k]); // the priors, made consistent with the u these records gave
      }
    }
    // λ is one E-step from the current λ (0.1 for a new model) with the learnt m, as before session 9 — not the fixed point of those
    // E-steps, which grows with every near-duplicate pair: measured on the development sets, the fixed point gave thin
    // fake_1000 clusters of 16 (true ones have at most 7) and fake_1000 precision 0.990 against 1.000, and the
    // synthetic 100,000 F1 0.863 against 0.885.
    lambda = Math.min(MAX_LAMBDA, oneStep(all, m));
    emIterations = iterations;
    return iterations;
  }

  /**
   * The largest share of matches among candidate pairs believed. Not a test of the fit: a list with large clusters
   * (fake_1000: 251 people in 1,000 records, so most of a record's ten candidates are itself) rightly has half its
   * candidate pairs matching — an earlier bound of one half called that fit degenerate and lost F1 0.95 → 0.93.
   */
  static final double MAX_LAMBDA = 0.9;

  /**
   * Makes one comparison's m monotone against u, in place: the likelihood ratio m/u does not rise from a stronger
   * level to a weaker one (pool-adjacent-violators, weighted by u, which keeps Σm), every agreement level is at least as
   * likely among matches as among non-matches, and "different" (the last level) is less likely — at most half as likely,
   * so disagreeing on a field always costs at least one bit. Without it EM on thin records learnt that a different
   * given name and a different surname cost almost nothing (m ≈ u) and merged whole towns.
   */
  static void monotone(double[] mk, double[] uk) {
    int n = mk.length, last = n - 1;
    if (n < 2) {
      return;
    }
    // 1. "different" at most half as likely among matches; what it gives up goes to the agreement levels.
    double excess = mk[last] - 0.5 * uk[last];
    if (excess > 0) {
      double agree = 0;
      for (int l = 0; l < last; l++) {
        agree += mk[l];
      }
      for (int l = 0; l < last; l++) {
        mk[l] += agree > 0 ? excess * mk[l] / agree : excess / last;
      }
      mk[last] = 0.5 * uk[last];
    }
    // 2. Pool adjacent violators over the agreement levels: a non-increasing ratio, Σm kept.
    double[] ratio = new double[last];
    int[] start = new int[last];
    double[] value = new double[last], weight = new double[last];
    int blocks = 0;
    for (int l = 0; l < last; l++) {
      start[blocks] = l;
      value[blocks] = mk[l] / uk[l];
      weight[blocks] = uk[l];
      blocks++;
      while (blocks > 1 && value[blocks - 2] < value[blocks - 1]) {
        double total = weight[blocks - 2] + weight[blocks - 1];
        value[blocks - 2] = (value[blocks - 2] * weight[blocks - 2] + value[blocks - 1] * weight[blocks - 1]) / total;
        weight[blocks - 2] = total;
        blocks--;
      }
    }
    for (int b = 0; b < blocks; b++) {
      for (int l = start[b]; l < (b + 1 < blocks ? start[b + 1] : last); l++) {
        ratio[l] = value[b];
      }
    }
    // 3. Every agreement level at least as likely among matches: levels below 1 are raised to 1 and the mass taken
    // from the others' excess over 1 in proportion (the order stays; there is enough, since Σm of the agreement levels
    // exceeds their Σu once "different" is below its u).
    double deficit = 0, surplus = 0;
    for (int l = 0; l < last; l++) {
      if (ratio[l] < 1) {
        deficit += (1 - ratio[l]) * uk[l];
      } else {
        surplus += (ratio[l] - 1) * uk[l];
      }
    }
    if (deficit > 0 && surplus > deficit) {
      double keep = 1 - deficit / surplus;
      for (int l = 0; l < last; l++) {
        ratio[l] = ratio[l] < 1 ? 1 : 1 + (ratio[l] - 1) * keep;
      }
    }
    for (int l = 0; l < last; l++) {
      mk[l] = Math.max(FLOOR, ratio[l] * uk[l]);
    }
  }

  /**
   * Why a fit is degenerate, or null: the match class EM found is not "the same entity". Checked against the
   * documented priors and against the data itself —
   *
   * <ul>
   *   <li>a given name or surname whose disagreement costs less than 1.5 bits (the monotone bound allows no less than
   *       one): among duplicates of one person a wholly different name is rare, so a fit where it is nearly as common
   *       as among strangers has learnt "lives in the same place". Dates of birth and emails are not held to it: in
   *       real lists they are mistyped or replaced often (fake_1000's duplicates disagree on the date of birth one time
   *       in three), so their disagreement may rightly be cheap;
   *   <li>no comparison whose exact agreement is worth at least three bits (the priors give every one about six);
   *   <li>more than nine in ten candidate pairs called matches (λ above {@link #MAX_LAMBDA}).
   * </ul>
   */
  private @Nullable String degenerate(Patterns all) {
    List<String> reasons = new ArrayList<>();
    boolean strong = false;
    for (int k = 0; k < comparisons.size(); k++) {
      Comparison c = comparisons.get(k);
      int last = c.levels().size() - 1;
      strong |= log2(m[k][0] / u[k][0]) >= 3;
      boolean name = c.field() == Field.GIVEN_NAME || c.field() == Field.SURNAME;
      double w = log2(m[k][last] / u[k][last]);
      if (name && w > -1.5) {
        reasons.add(String.format(java.util.Locale.ROOT, "a different %s costs only %.2f bits", c.name(), -w));
      }
    }
    if (!strong) {
      reasons.add("no field's exact agreement is worth 3 bits");
    }
    double share = lambdaFor(all, m);
    if (share > MAX_LAMBDA) {
      reasons.add(String.format(java.util.Locale.ROOT, "%.0f%% of candidate pairs would be matches", share * 100));
    }
    return reasons.isEmpty() ? null : String.join("; ", reasons);
  }

  /**
   * One EM run over grouped patterns; comparison {@code fixed} is the session's blocking field: left out of the
   * posterior and its m not learnt (λ of the session absorbs it). Updates mm and lam in place.
   */
  private int em(Patterns pairs, double[][] mm, double[] lam, int fixed, boolean[] learns, int maxIterations) {
    int iteration = 0;
    while (iteration < maxIterations) {
      iteration++;
      double[][] mSum = new double[mm.length][];
      for (int k = 0; k < mm.length; k++) {
        mSum[k] = new double[mm[k].length];
      }
      double matches = 0;
      for (int i = 0; i < pairs.size(); i++) {
        double p = posterior(pairs.vec()[i], mm, lam[0], fixed) * pairs.count()[i];
        matches += p;
        for (int k = 0; k < pairs.vec()[i].length; k++) {
          int l = pairs.vec()[i][k];
          if (l != Comparison.MISSING) {
            mSum[k][l] += p;
          }
        }
      }
      double next = Math.min(1 - FLOOR, Math.max(FLOOR, matches / pairs.total()));
      double change = Math.abs(next - lam[0]);
      lam[0] = next;
      for (int k = 0; k < mm.length; k++) {
        double s = Arrays.stream(mSum[k]).sum();
        if (k == fixed || s <= 0 || !learns[k]) {
          continue;
        }
        double[] next_ = new double[mm[k].length];
        for (int l = 0; l < next_.length; l++) {
          next_[l] = Math.max(FLOOR, mSum[k][l] / s);
        }
        monotone(next_, u[k]);
        for (int l = 0; l < next_.length; l++) {
          change = Math.max(change, Math.abs(next_[l] - mm[k][l]));
          mm[k][l] = next_[l];
        }
      }
      if (change < 1e-5) {
        break;
      }
    }
    return iteration;
  }

  /** The share of matches among the pairs after one E-step from the current λ, with m held. */
  private double oneStep(Patterns all, double[][] mm) {
    double matches = 0;
    for (int i = 0; i < all.size(); i++) {
      matches += posterior(all.vec()[i], mm, lambda, -1) * all.count()[i];
    }
    return Math.min(1 - FLOOR, Math.max(FLOOR, matches / all.total()));
  }

  /** λ with m held: the share of matches among the pairs, iterated to its fixed point (E-steps only). */
  private double lambdaFor(Patterns all, double[][] mm) {
    double lam = 0.1;
    for (int round = 0; round < 50; round++) {
      double matches = 0;
      for (int i = 0; i < all.size(); i++) {
        matches += posterior(all.vec()[i], mm, lam, -1) * all.count()[i];
      }
      double next = Math.min(1 - FLOOR, Math.max(FLOOR, matches / all.total()));
      if (Math.abs(next - lam) < 1e-6) {
        return next;
      }
      lam = next;
    }
    return lam;
  }

  /** P(match) of a vector; comparison {@code skip} is left out (in its own session every pair agrees on it). */
  private double posterior(byte[] levels, double[][] mm, double lam, int skip) {
    double logOdds = Math.log(lam / (1 - lam));
    for (int k = 0; k < levels.length; k++) {
      int l = levels[k];
      if (l != Comparison.MISSING && k != skip) {
        logOdds += Math.log(mm[k][l] / u[k][l]);
      }
    }
    return 1 / (1 + Math.exp(-logOdds));
  }

  private static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  /** Distinct comparison vectors with their counts, in a fixed order (so sums are deterministic). */
  private record Patterns(byte[][] vec, double[] count) {
    static Patterns of(List<byte[]> pairs) {
      Map<String, double[]> grouped = new HashMap<>();
      Map<String, byte[]> first = new HashMap<>();
      for (byte[] p : pairs) {
        String key = new String(p, java.nio.charset.StandardCharsets.ISO_8859_1);
        grouped.computeIfAbsent(key, x -> new double[1])[0]++;
        first.putIfAbsent(key, p);
      }
      List<String> keys = new ArrayList<>(grouped.keySet());
      keys.sort(null);
      byte[][] vec = new byte[keys.size()][];
      double[] count = new double[keys.size()];
      for (int i = 0; i < keys.size(); i++) {
        vec[i] = first.get(keys.get(i));
        count[i] = grouped.get(keys.get(i))[0];
      }
      return new Patterns(vec, count);
    }

    Patterns where(java.util.function.Predicate<byte[]> keep) {
      List<byte[]> v = new ArrayList<>();
      List<Double> c = new ArrayList<>();
      for (int i = 0; i < vec.length; i++) {
        if (keep.test(vec[i])) {
          v.add(vec[i]);
          c.add(count[i]);
        }
      }
      return new Patterns(v.toArray(new byte[0][]), c.stream().mapToDouble(Double::doubleValue).toArray());
    }

    int size() {
      return vec.length;
    }

    double total() {
      return Arrays.stream(count).sum();
    }
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
