package io.customergraph.resolve;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of entity resolution ({@code customer-graph.resolve.*}).
 *
 * @param mergeThreshold probability at or above which two records are merged without asking
 * @param reviewThreshold probability at or above which (and below the merge threshold) a person is asked
 * @param candidates candidates compared per record
 * @param seed seed of the random pairs that estimate u
 * @param identityEvidence whether an automatic merge also needs identity evidence ({@link IdentityEvidence}); a vetoed
 *     pair is reviewed instead
 */
@ConfigurationProperties("customer-graph.resolve")
public record ResolveProperties(
    @DefaultValue("0.999") double mergeThreshold,
    @DefaultValue("0.90") double reviewThreshold,
    @DefaultValue("10") int candidates,
    @DefaultValue("42") long seed,
    @DefaultValue("true") boolean identityEvidence) {

  /** Refuses settings that make no sense, naming the environment variable to fix. */
  public ResolveProperties {
    if (!(mergeThreshold > 0 && mergeThreshold < 1)) {
      throw new IllegalArgumentException("CUSTOMER_GRAPH_RESOLVE_MERGE_THRESHOLD must be a probability between 0 and 1 (exclusive), got " + mergeThreshold);
    }
    if (!(reviewThreshold > 0 && reviewThreshold <= mergeThreshold)) {
      throw new IllegalArgumentException(
          "CUSTOMER_GRAPH_RESOLVE_REVIEW_THRESHOLD must be above 0 and at most the merge threshold (%s), got %s".formatted(mergeThreshold, reviewThreshold));
    }
    if (candidates < 1 || candidates > 100) {
      throw new IllegalArgumentException("CUSTOMER_GRAPH_RESOLVE_CANDIDATES must be between 1 and 100, got " + candidates);
    }
  }

  /**
   * 0.999 (match weight ≈ 10): a wrong merge hides a person inside another and sends their mail to the wrong inbox,
   * a missed one only leaves a duplicate for review. Fellegi-Sunter probabilities are over-confident where fields are
   * correlated (names and e-mail addresses derived from them), and clusters chain pairs, so the bar is high: the
   * evaluation ({@code evaluate-resolution}) prints the sweep — on fake_1000 pairwise precision is 0.62 at 0.99 and
   * 0.96 at 0.999; the Febrl sets are perfect at any bar from 0.8. One value is used for every data set.
   */
  public static final double DEFAULT_MERGE = 0.999;

  /** 0.90: below this a candidate is treated as a different entity; between this and the merge bar a person decides. */
  public static final double DEFAULT_REVIEW = 0.90;
}
