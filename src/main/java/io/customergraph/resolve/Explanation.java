package io.customergraph.resolve;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Why a pair is (or is not) the same entity, as a waterfall: the prior, then each field's comparison level with its
 * weight, then the total and the probability. Weights are log2 Bayes factors ("match weights"): +1 doubles the odds.
 * Scores use the same shape (factors with contributions and one sentence each).
 *
 * @param prior log2 prior odds that a candidate pair is a match, as estimated from the data
 * @param factors one per comparison, in model order (missing fields included with weight 0)
 * @param weight the sum of the prior and all factor weights
 * @param probability 2^weight / (1 + 2^weight)
 * @param swapped whether given name and surname were compared crosswise ("Smith John" vs "John Smith")
 * @param veto why the pair may not be merged automatically whatever its probability ({@link IdentityEvidence}), or null
 * @param unsupported nothing personal agrees ({@link IdentityEvidence#unsupported}): never merged, never reviewed
 */
public record Explanation(double prior, List<Factor> factors, double weight, double probability, boolean swapped, @Nullable String veto, boolean unsupported) {

  /**
   * One comparison's contribution.
   *
   * @param name the comparison (given_name, email…)
   * @param level the level the pair fell into ("exact", "one typo", "missing")
   * @param valueA the first record's value, as compared
   * @param valueB the second record's value, as compared
   * @param m how often matches fall into this level
   * @param u how often non-matches do
   * @param weight log2(m / u)
   * @param tfAdjustment log2(u_exact / frequency of the value): exact agreement on a rare value weighs more
   * @param sentence one plain sentence
   */
  public record Factor(
      String name, String level, @Nullable String valueA, @Nullable String valueB, double m, double u, double weight, double tfAdjustment,
      String sentence) {

    /** The factor's whole contribution. */
    public double contribution() {
      return weight + tfAdjustment;
    }
  }

  /** Probability from a match weight. */
  static double probability(double weight) {
    double odds = Math.pow(2, weight);
    return Double.isInfinite(odds) ? 1 : odds / (1 + odds);
  }
}
