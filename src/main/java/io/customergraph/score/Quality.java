package io.customergraph.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How good a set of probabilities is against outcomes: AUC (ranking), Brier score and log loss (calibration and
 * sharpness together) and a reliability table (predicted against observed, in ten bins).
 *
 * @param examples how many outcomes were scored
 * @param positives how many of them were positive
 * @param auc area under the ROC curve (ties count half); NaN when one class is missing
 */
public record Quality(int examples, int positives, double auc, double brier, double logLoss, List<Bin> reliability) {

  /** One reliability bin: predictions in [from, to), their mean and the observed rate. */
  public record Bin(double from, double to, int count, double meanPredicted, double observedRate) {}

  static Quality of(double[] predicted, double[] outcome) {
    int n = predicted.length;
    int positives = 0;
    double brier = 0;
    double logLoss = 0;
    for (int i = 0; i < n; i++) {
      positives += outcome[i] > 0.5 ? 1 : 0;
      double p = Math.min(Math.max(predicted[i], 1e-12), 1 - 1e-12);
      brier += (predicted[i] - outcome[i]) * (predicted[i] - outcome[i]);
      logLoss -= outcome[i] > 0.5 ? Math.log(p) : Math.log(1 - p);
    }
    List<Bin> bins = new ArrayList<>();
    for (int b = 0; b < 10; b++) {
      double from = b / 10.0;
      double to = (b + 1) / 10.0;
      int count = 0;
      double sumP = 0;
      double sumY = 0;
      for (int i = 0; i < n; i++) {
        if (predicted[i] >= from && (predicted[i] < to || (b == 9 && predicted[i] <= 1))) {
          count++;
          sumP += predicted[i];
          sumY += outcome[i];
        }
      }
      if (count > 0) {
        bins.add(new Bin(from, to, count, sumP / count, sumY / count));
      }
    }
    return new Quality(n, positives, auc(predicted, outcome), n == 0 ? Double.NaN : brier / n, n == 0 ? Double.NaN : logLoss / n, List.copyOf(bins));
  }

  /** Mann-Whitney AUC with average ranks for ties. */
  static double auc(double[] predicted, double[] outcome) {
    int n = predicted.length;
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble(i -> predicted[i]));
    double rankSumPositive = 0;
    int positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && predicted[order[j + 1]] == predicted[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int t = i; t <= j; t++) {
        if (outcome[order[t]] > 0.5) {
          rankSumPositive += rank;
          positives++;
        }
      }
      i = j + 1;
    }
    int negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }
}
