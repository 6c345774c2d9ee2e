package io.customergraph.language;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Grows the sentiment lexicon with words of the customer's own text that sit among strongly valenced lexicon words in
 * the trained word vectors: for each vocabulary word not in the lexicon, its {@code k} nearest neighbours are read;
 * if at least {@code agree} of them are lexicon words of one sign with |valence| ≥ 1.5 and similarity ≥
 * {@code minSimilarity}, the word joins with their similarity-weighted mean valence, halved (a neighbour is weaker
 * evidence than a person's rating). Deterministic for given vectors (vocabulary read in sorted order).
 */
public final class LexiconExpansion {

  /** A word added, its valence and the lexicon words that vouched for it. */
  public record Added(String word, double valence, List<String> from) {}

  private static final double STRONG = 1.5;

  private LexiconExpansion() {}

  /**
   * @param nearest the {@code n} nearest words of a word with their cosine similarity
   */
  public static List<Added> expand(
      Map<String, Double> lexicon, Collection<String> vocabulary, BiFunction<String, Integer, List<Map.Entry<String, Double>>> nearest,
      int k, double minSimilarity, int agree) {
    List<Added> added = new ArrayList<>();
    for (String word : vocabulary.stream().sorted().toList()) {
      if (lexicon.containsKey(word) || word.length() < 3 || !word.chars().allMatch(Character::isLetter) || word.startsWith("xx")) {
        continue;
      }
      List<String> positive = new ArrayList<>();
      List<String> negative = new ArrayList<>();
      double sumPositive = 0;
      double sumNegative = 0;
      double weightPositive = 0;
      double weightNegative = 0;
      for (Map.Entry<String, Double> n : nearest.apply(word, k)) {
        Double v = lexicon.get(n.getKey());
        if (v == null || Math.abs(v) < STRONG || n.getValue() < minSimilarity) {
          continue;
        }
        if (v > 0) {
          positive.add(n.getKey());
          sumPositive += v * n.getValue();
          weightPositive += n.getValue();
        } else {
          negative.add(n.getKey());
          sumNegative += v * n.getValue();
          weightNegative += n.getValue();
        }
      }
      if (negative.size() >= agree && positive.isEmpty()) {
        added.add(new Added(word, sumNegative / weightNegative / 2, negative));
      } else if (positive.size() >= agree && negative.isEmpty()) {
        added.add(new Added(word, sumPositive / weightPositive / 2, positive));
      }
    }
    return added;
  }
}
