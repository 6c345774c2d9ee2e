package io.customergraph.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Learns an explainable additive model — one shape per input and a few shapes per pair of inputs — by cyclic
 * boosting, the idea of explainable boosting machines (Lou, Caruana et al., "Accurate intelligible models with
 * pairwise interactions", KDD 2013):
 *
 * <ol>
 *   <li>Every input is cut into bins: numbers at up to {@value #BINS} quantiles, categories by level (levels seen in
 *       fewer than {@value #MIN_LEVEL} examples pooled as "another value"), plus a bin for "missing".
 *   <li>Main shapes: round after round, each input in turn gets one depth-1 split (a stump over its ordered bins, the
 *       missing bin its own leaf) fitted by a Newton step to the gradient of the log loss, shrunk by
 *       {@value #RATE}. A shape declared monotone is made so after every step (pool-adjacent-violators).
 *   <li>Pairs: on what the main shapes leave, every pair of inputs is cut coarsely ({@value #PAIR_BINS} bins a side)
 *       and ranked by how much a table over its cells would lower the loss beyond its two margins (the FAST rule of
 *       the paper); the best {@value #PAIRS} with a positive gain get a shape, boosted cell by cell.
 *   <li>Rounds stop when the validation part's log loss has not improved for {@value #PATIENCE} rounds; the best count
 *       is kept. Every shape is centred on the training examples (its mean moves to the intercept).
 * </ol>
 *
 * Deterministic: no sampling; ties in ranking are settled by input order.
 */
final class Additive {

  static final int BINS = 32;
  static final int MIN_LEVEL = 10;
  static final double RATE = 0.05;
  static final int PAIR_BINS = 6;
  static final int PAIRS = 10;
  static final int PATIENCE = 30;
  static final int MAX_ROUNDS = 2_000;
  /**
   * L2 penalty of a leaf's Newton step, in curvature (an example near p = 0.1 adds 0.09): keeps a thin bin from
   * swinging. Chosen on a development split of the training churn file only (its first 2,129 rows to learn, the other
   * 532 to test; 1, 5, 20 and 50 tried: AUC 0.879, 0.890, 0.915, 0.914 — docs/scoring.md); the 20 % file was read once,
   * after.
   */
  static final double LAMBDA = 20;

  private Additive() {}

  /** An input: its name, whether it is a category, its declared direction (+1, −1 or 0). */
  record Input(String feature, boolean categorical, int direction) {}

  /** What the learner found: the intercept, the shapes, and how many rounds each stage ran. */
  record Fit(double intercept, List<Model.Term> terms, int mainRounds, int pairRounds, double validationLoss) {}

  /**
   * Learns on {@code train}, choosing the number of rounds on {@code validation} (rounds are counted on train alone,
   * then the shapes are refitted on train and validation together with those counts).
   */
  static Fit learn(List<Input> inputs, List<Map<String, Double>> train, double[] yTrain, List<Map<String, Double>> validation, double[] yValidation) {
    List<Model.Axis> axes = axes(inputs, train, BINS);
    Stage probe = new Stage(inputs, axes, train, yTrain, validation, yValidation);
    int mainRounds = probe.boostMains(MAX_ROUNDS, true);
    List<Model.Axis[]> pairs = probe.choosePairs(inputs, train);
    int pairRounds = pairs.isEmpty() ? 0 : probe.boostPairs(pairs, MAX_ROUNDS, true);
    double validationLoss = probe.validationLoss();

    List<Map<String, Double>> all = new ArrayList<>(train);
    all.addAll(validation);
    double[] yAll = new double[yTrain.length + yValidation.length];
    System.arraycopy(yTrain, 0, yAll, 0, yTrain.length);
    System.arraycopy(yValidation, 0, yAll, yTrain.length, yValidation.length);
    List<Model.Axis> allAxes = axes(inputs, all, BINS);
    Stage fit = new Stage(inputs, allAxes, all, yAll, List.of(), new double[0]);
    fit.boostMains(mainRounds, false);
    if (pairRounds > 0) {
      // The same pairs, cut on all the data.
      List<Model.Axis[]> refitPairs = new ArrayList<>();
      for (Model.Axis[] p : pairs) {
        refitPairs.add(new Model.Axis[] {coarse(p[0], all), coarse(p[1], all)});
      }
      fit.boostPairs(refitPairs, pairRounds, false);
    }
    return fit.result(mainRounds, pairRounds, validationLoss);
  }

  /** One stage of boosting over fixed data: shapes, scores, and the validation loss to stop on. */
  private static final class Stage {
    final List<Input> inputs;
    final List<Model.Axis> axes;
    final int[][] bins; // [input][example]
    final int[][] validationBins;
    final double[] y;
    final double[] yValidation;
    final double[] f;
    final double[] fValidation;
    double intercept;
    final double[][] shapes;
    final List<Model.Axis[]> pairAxes = new ArrayList<>();
    final List<double[]> pairShapes = new ArrayList<>();
    final List<int[]> pairCells = new ArrayList<>();
    final List<int[]> pairValidationCells = new ArrayList<>();
    final List<Map<String, Double>> xValidation;

    Stage(List<Input> inputs, List<Model.Axis> axes, List<Map<String, Double>> x, double[] y, List<Map<String, Double>> xValidation, double[] yValidation) {
      this.inputs = inputs;
      this.axes = axes;
      this.y = y;
      this.yValidation = yValidation;
      this.xValidation = xValidation;
      this.bins = new int[axes.size()][];
      this.validationBins = new int[axes.size()][];
      this.shapes = new double[axes.size()][];
      for (int a = 0; a < axes.size(); a++) {
        Model.Axis axis = axes.get(a);
        bins[a] = x.stream().mapToInt(axis::bin).toArray();
        validationBins[a] = xValidation.stream().mapToInt(axis::bin).toArray();
        shapes[a] = new double[axis.bins()];
      }
      double mean = Arrays.stream(y).average().orElse(0.5);
      intercept = LogisticRegression.logit(Math.min(Math.max(mean, 1e-3), 1 - 1e-3));
      f = new double[y.length];
      Arrays.fill(f, intercept);
      fValidation = new double[yValidation.length];
      Arrays.fill(fValidation, intercept);
      this.x = x;
    }

    final List<Map<String, Double>> x;

    /** Boosts the main shapes; with {@code stopEarly}, returns the round count with the lowest validation loss. */
    int boostMains(int rounds, boolean stopEarly) {
      double best = validationLoss();
      int bestRound = 0;
      double[][] bestShapes = copy(shapes);
      double[] bestF = f.clone();
      double[] bestFv = fValidation.clone();
      for (int r = 1; r <= rounds; r++) {
        for (int a = 0; a < axes.size(); a++) {
          stump(a);
        }
        if (stopEarly) {
          double loss = validationLoss();
          if (loss < best - 1e-7) {
            best = loss;
            bestRound = r;
            bestShapes = copy(shapes);
            bestF = f.clone();
            bestFv = fValidation.clone();
          } else if (r - bestRound >= PATIENCE) {
            break;
          }
        }
      }
      if (stopEarly) {
        for (int a = 0; a < shapes.length; a++) {
          shapes[a] = bestShapes[a];
        }
        System.arraycopy(bestF, 0, f, 0, f.length);
        System.arraycopy(bestFv, 0, fValidation, 0, fValidation.length);
        return bestRound;
      }
      return rounds;
    }

    /** One depth-1 split of input {@code a}'s ordered bins (categories ordered by their gradient ratio). */
    private void stump(int a) {
      Model.Axis axis = axes.get(a);
      int k = axis.bins();
      double[] g = new double[k];
      double[] h = new double[k];
      int[] b = bins[a];
      for (int i = 0; i < y.length; i++) {
        double p = LogisticRegression.sigmoid(f[i]);
        g[b[i]] += y[i] - p;
        h[b[i]] += p * (1 - p);
      }
      int missing = axis.missing();
      Integer[] order = new Integer[missing];
      for (int i = 0; i < missing; i++) {
        order[i] = i;
      }
      if (axis.categorical()) {
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> g[i] / (h[i] + LAMBDA)).thenComparingInt(i -> i));
      }
      double gTotal = 0;
      double hTotal = 0;
      for (int i = 0; i < missing; i++) {
        gTotal += g[i];
        hTotal += h[i];
      }
      double bestGain = -1;
      int bestSplit = -1;
      double gLeft = 0;
      double hLeft = 0;
      for (int s = 0; s < missing - 1; s++) {
        gLeft += g[order[s]];
        hLeft += h[order[s]];
        double gRight = gTotal - gLeft;
        double hRight = hTotal - hLeft;
        double gain = gLeft * gLeft / (hLeft + LAMBDA) + gRight * gRight / (hRight + LAMBDA);
        if (gain > bestGain) {
          bestGain = gain;
          bestSplit = s;
        }
      }
      double[] delta = new double[k];
      if (bestSplit < 0) {
        double d = RATE * gTotal / (hTotal + LAMBDA);
        for (int i = 0; i < missing; i++) {
          delta[i] = d;
        }
      } else {
        double gl = 0;
        double hl = 0;
        for (int s = 0; s <= bestSplit; s++) {
          gl += g[order[s]];
          hl += h[order[s]];
        }
        double left = RATE * gl / (hl + LAMBDA);
        double right = RATE * (gTotal - gl) / (hTotal - hl + LAMBDA);
        for (int s = 0; s < missing; s++) {
          delta[order[s]] = s <= bestSplit ? left : right;
        }
      }
      delta[missing] = RATE * g[missing] / (h[missing] + LAMBDA);
      double[] before = shapes[a].clone();
      for (int i = 0; i < k; i++) {
        shapes[a][i] += delta[i];
      }
      int direction = inputs.get(a).direction();
      if (direction != 0 && !axis.categorical()) {
        double[] weight = new double[missing];
        for (int i = 0; i < y.length; i++) {
          if (b[i] < missing) {
            weight[b[i]]++;
          }
        }
        monotone(shapes[a], missing, weight, direction);
      }
      for (int i = 0; i < y.length; i++) {
        f[i] += shapes[a][b[i]] - before[b[i]];
      }
      int[] vb = validationBins[a];
      for (int i = 0; i < yValidation.length; i++) {
        fValidation[i] += shapes[a][vb[i]] - before[vb[i]];
      }
    }

    /** The pairs worth a shape: ranked by the gain of a cell table beyond its margins, on the current residuals. */
    List<Model.Axis[]> choosePairs(List<Input> inputs, List<Map<String, Double>> data) {
      List<Model.Axis> coarse = axes.stream().map(a -> coarse(a, data)).toList();
      int[][] coarseBins = new int[coarse.size()][];
      for (int a = 0; a < coarse.size(); a++) {
        Model.Axis axis = coarse.get(a);
        coarseBins[a] = data.stream().mapToInt(axis::bin).toArray();
      }
      double[] g = new double[y.length];
      double[] h = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        double p = LogisticRegression.sigmoid(f[i]);
        g[i] = y[i] - p;
        h[i] = p * (1 - p);
      }
      record Ranked(int a, int b, double gain) {}
      List<Ranked> ranked = new ArrayList<>();
      for (int a = 0; a < coarse.size(); a++) {
        for (int b = a + 1; b < coarse.size(); b++) {
          if (coarse.get(a).bins() < 3 || coarse.get(b).bins() < 3) {
            continue; // an input with one value besides "missing" has nothing to interact with
          }
          int kb = coarse.get(b).bins();
          double[] gc = new double[coarse.get(a).bins() * kb];
          double[] hc = new double[gc.length];
          double[] ga = new double[coarse.get(a).bins()];
          double[] ha = new double[ga.length];
          double[] gb = new double[kb];
          double[] hb = new double[kb];
          for (int i = 0; i < y.length; i++) {
            int ca = coarseBins[a][i];
            int cb = coarseBins[b][i];
            gc[ca * kb + cb] += g[i];
            hc[ca * kb + cb] += h[i];
            ga[ca] += g[i];
            ha[ca] += h[i];
            gb[cb] += g[i];
            hb[cb] += h[i];
          }
          double gain = newton(gc, hc) - Math.max(newton(ga, ha), newton(gb, hb));
          if (gain > 0) {
            ranked.add(new Ranked(a, b, gain));
          }
        }
      }
      ranked.sort(Comparator.comparingDouble((Ranked r) -> -r.gain()).thenComparingInt(Ranked::a).thenComparingInt(Ranked::b));
      List<Model.Axis[]> out = new ArrayList<>();
      for (Ranked r : ranked.subList(0, Math.min(PAIRS, ranked.size()))) {
        out.add(new Model.Axis[] {coarse.get(r.a()), coarse.get(r.b())});
      }
      return out;
    }

    private static double newton(double[] g, double[] h) {
      double sum = 0;
      for (int i = 0; i < g.length; i++) {
        sum += g[i] * g[i] / (h[i] + LAMBDA);
      }
      return sum;
    }

    /** Boosts the pair shapes cell by cell on what the main shapes leave. */
    int boostPairs(List<Model.Axis[]> pairs, int rounds, boolean stopEarly) {
      for (Model.Axis[] p : pairs) {
        pairAxes.add(p);
        pairShapes.add(new double[p[0].bins() * p[1].bins()]);
        pairCells.add(x.stream().mapToInt(row -> cellOf(p, row)).toArray());
        pairValidationCells.add(xValidation.stream().mapToInt(row -> cellOf(p, row)).toArray());
      }
      double best = validationLoss();
      int bestRound = 0;
      List<double[]> bestShapes = pairShapes.stream().map(double[]::clone).toList();
      double[] bestF = f.clone();
      double[] bestFv = fValidation.clone();
      for (int r = 1; r <= rounds; r++) {
        for (int q = 0; q < pairShapes.size(); q++) {
          double[] shape = pairShapes.get(q);
          int[] cells = pairCells.get(q);
          double[] g = new double[shape.length];
          double[] h = new double[shape.length];
          for (int i = 0; i < y.length; i++) {
            double p = LogisticRegression.sigmoid(f[i]);
            g[cells[i]] += y[i] - p;
            h[cells[i]] += p * (1 - p);
          }
          double[] delta = new double[shape.length];
          for (int c = 0; c < shape.length; c++) {
            delta[c] = RATE * g[c] / (h[c] + LAMBDA);
            shape[c] += delta[c];
          }
          for (int i = 0; i < y.length; i++) {
            f[i] += delta[cells[i]];
          }
          int[] vc = pairValidationCells.get(q);
          for (int i = 0; i < yValidation.length; i++) {
            fValidation[i] += delta[vc[i]];
          }
        }
        if (stopEarly) {
          double loss = validationLoss();
          if (loss < best - 1e-7) {
            best = loss;
            bestRound = r;
            bestShapes = pairShapes.stream().map(double[]::clone).toList();
            bestF = f.clone();
            bestFv = fValidation.clone();
          } else if (r - bestRound >= PATIENCE) {
            break;
          }
        }
      }
      if (stopEarly) {
        for (int q = 0; q < pairShapes.size(); q++) {
          pairShapes.set(q, bestShapes.get(q));
        }
        System.arraycopy(bestF, 0, f, 0, f.length);
        System.arraycopy(bestFv, 0, fValidation, 0, fValidation.length);
        if (bestRound == 0) {
          // The pairs did not help on validation: none are kept.
          pairAxes.clear();
          pairShapes.clear();
        }
        return bestRound;
      }
      return rounds;
    }

    private static int cellOf(Model.Axis[] p, Map<String, Double> row) {
      return p[0].bin(row) * p[1].bins() + p[1].bin(row);
    }

    double validationLoss() {
      double loss = 0;
      for (int i = 0; i < yValidation.length; i++) {
        double p = Math.min(Math.max(LogisticRegression.sigmoid(fValidation[i]), 1e-12), 1 - 1e-12);
        loss -= yValidation[i] > 0.5 ? Math.log(p) : Math.log(1 - p);
      }
      return yValidation.length == 0 ? 0 : loss / yValidation.length;
    }

    /** The shapes, each centred on the training examples, the means moved into the intercept; flat shapes left out. */
    Fit result(int mainRounds, int pairRounds, double validationLoss) {
      List<Model.Term> terms = new ArrayList<>();
      double base = intercept;
      for (int a = 0; a < axes.size(); a++) {
        double mean = 0;
        for (int b : bins[a]) {
          mean += shapes[a][b];
        }
        mean /= Math.max(1, y.length);
        base += mean;
        List<Double> values = new ArrayList<>();
        boolean flat = true;
        for (double v : shapes[a]) {
          values.add(v - mean);
          flat &= Math.abs(v - mean) < 1e-9;
        }
        if (!flat) {
          terms.add(new Model.Term(List.of(axes.get(a)), List.copyOf(values)));
        }
      }
      for (int q = 0; q < pairShapes.size(); q++) {
        double[] shape = pairShapes.get(q);
        double mean = 0;
        for (int c : pairCells.get(q)) {
          mean += shape[c];
        }
        mean /= Math.max(1, y.length);
        base += mean;
        List<Double> values = new ArrayList<>();
        for (double v : shape) {
          values.add(v - mean);
        }
        terms.add(new Model.Term(List.of(pairAxes.get(q)[0], pairAxes.get(q)[1]), List.copyOf(values)));
      }
      return new Fit(base, List.copyOf(terms), mainRounds, pairRounds, validationLoss);
    }

    private static double[][] copy(double[][] m) {
      double[][] out = new double[m.length][];
      for (int i = 0; i < m.length; i++) {
        out[i] = m[i].clone();
      }
      return out;
    }
  }

  /** Makes {@code shape[0..n)} monotone in the declared direction by weighted pool-adjacent-violators. */
  static void monotone(double[] shape, int n, double[] weight, int direction) {
    double[] value = new double[n];
    double[] w = new double[n];
    int[] size = new int[n];
    int blocks = 0;
    for (int i = 0; i < n; i++) {
      value[blocks] = direction * shape[i];
      w[blocks] = Math.max(weight[i], 1e-9);
      size[blocks] = 1;
      blocks++;
      while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
        double merged = (value[blocks - 2] * w[blocks - 2] + value[blocks - 1] * w[blocks - 1]) / (w[blocks - 2] + w[blocks - 1]);
        w[blocks - 2] += w[blocks - 1];
        size[blocks - 2] += size[blocks - 1];
        value[blocks - 2] = merged;
        blocks--;
      }
    }
    int i = 0;
    for (int b = 0; b < blocks; b++) {
      for (int j = 0; j < size[b]; j++) {
        shape[i++] = direction * value[b];
      }
    }
  }

  /** The bins of each input, from the training values. */
  static List<Model.Axis> axes(List<Input> inputs, List<Map<String, Double>> x, int maxBins) {
    List<Model.Axis> out = new ArrayList<>();
    for (Input in : inputs) {
      out.add(in.categorical() ? levels(in.feature(), x, maxBins) : edges(in.feature(), x, maxBins));
    }
    return out;
  }

  private static Model.Axis coarse(Model.Axis axis, List<Map<String, Double>> x) {
    return axis.categorical() ? levels(axis.feature(), x, PAIR_BINS) : edges(axis.feature(), x, PAIR_BINS);
  }

  /** Cut points between distinct values, at most {@code maxBins} bins of about equal counts. */
  static Model.Axis edges(String feature, List<Map<String, Double>> x, int maxBins) {
    double[] v = x.stream().map(r -> r.get(feature)).filter(d -> d != null && !d.isNaN()).mapToDouble(Double::doubleValue).sorted().toArray();
    TreeSet<Double> edges = new TreeSet<>();
    if (v.length > 0) {
      TreeSet<Double> distinct = new TreeSet<>();
      for (double d : v) {
        distinct.add(d);
      }
      if (distinct.size() <= maxBins) {
        Double previous = null;
        for (double d : distinct) {
          if (previous != null) {
            edges.add((previous + d) / 2);
          }
          previous = d;
        }
      } else {
        for (int q = 1; q < maxBins; q++) {
          int at = (int) Math.floor((double) q * v.length / maxBins);
          if (at <= 0 || at >= v.length || v[at] == v[at - 1]) {
            // On a run of equal values: cut where the run ends.
            double value = v[Math.min(at, v.length - 1)];
            Double next = distinct.higher(value);
            if (next != null) {
              edges.add((value + next) / 2);
            }
          } else {
            edges.add((v[at - 1] + v[at]) / 2);
          }
        }
      }
    }
    return new Model.Axis(feature, false, List.copyOf(edges), List.of());
  }

  /** Levels seen at least {@value #MIN_LEVEL} times (at most {@code maxLevels}, commonest first; ties by name). */
  static Model.Axis levels(String feature, List<Map<String, Double>> x, int maxLevels) {
    String prefix = feature + "=";
    Map<String, Integer> counts = new TreeMap<>();
    for (Map<String, Double> row : x) {
      for (String k : row.keySet()) {
        if (k.startsWith(prefix)) {
          counts.merge(k.substring(prefix.length()), 1, Integer::sum);
        }
      }
    }
    List<String> levels = counts.entrySet().stream().filter(e -> e.getValue() >= MIN_LEVEL)
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(maxLevels).map(Map.Entry::getKey).toList();
    return new Model.Axis(feature, true, List.of(), levels);
  }
}
