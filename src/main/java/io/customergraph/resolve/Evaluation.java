package io.customergraph.resolve;

import java.util.HashMap;
import java.util.Map;

/**
 * Quality of a clustering against the truth: pairwise precision, recall and F1 (over all pairs of records put in one
 * cluster) and B-cubed precision and recall (per record, how much of its cluster is right, averaged).
 */
public record Evaluation(double precision, double recall, double f1, double bcubedPrecision, double bcubedRecall, long predictedPairs, long truePairs) {

  /** Compares predicted cluster labels with true ones, record by record. */
  public static Evaluation of(int[] predicted, int[] truth) {
    Map<Long, Integer> cells = new HashMap<>();
    Map<Integer, Integer> predSize = new HashMap<>(), truthSize = new HashMap<>();
    for (int i = 0; i < predicted.length; i++) {
      cells.merge(((long) predicted[i] << 32) | (truth[i] & 0xffffffffL), 1, Integer::sum);
      predSize.merge(predicted[i], 1, Integer::sum);
      truthSize.merge(truth[i], 1, Integer::sum);
    }
    long tp = 0, pp = 0, tt = 0;
    for (int c : cells.values()) {
      tp += (long) c * (c - 1) / 2;
    }
    for (int c : predSize.values()) {
      pp += (long) c * (c - 1) / 2;
    }
    for (int c : truthSize.values()) {
      tt += (long) c * (c - 1) / 2;
    }
    double bp = 0, br = 0;
    for (int i = 0; i < predicted.length; i++) {
      int both = cells.get(((long) predicted[i] << 32) | (truth[i] & 0xffffffffL));
      bp += both / (double) predSize.get(predicted[i]);
      br += both / (double) truthSize.get(truth[i]);
    }
    double p = pp == 0 ? 1 : tp / (double) pp, r = tt == 0 ? 1 : tp / (double) tt;
    int n = Math.max(1, predicted.length);
    return new Evaluation(p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), bp / n, br / n, pp, tt);
  }
}
