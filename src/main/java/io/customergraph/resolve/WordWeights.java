package io.customergraph.resolve;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How telling each word of a field is among the records at hand: its inverse document frequency, ln(N / records
 * holding it). "university", "department" and "inc" say little; "almaden" or "riverside" say a lot. Used to compare
 * free-order strings (an organisation with its department and address, "Dept. of CS, UC Riverside, CA" against
 * "University of California, Riverside") word by word, weighted, where Jaro-Winkler reads letter by letter.
 */
public final class WordWeights {

  private final Map<String, Integer> documents;
  private final int records;

  private WordWeights(Map<String, Integer> documents, int records) {
    this.documents = documents;
    this.records = Math.max(1, records);
  }

  /** The words of one field counted over the records (each word once per record). */
  public static WordWeights counted(Collection<Entry> entries, Field field) {
    Map<String, Integer> df = new HashMap<>();
    int n = 0;
    for (Entry e : entries) {
      if (e.has(field)) {
        n++;
        for (String w : words(e.get(field))) {
          df.merge(w, 1, Integer::sum);
        }
      }
    }
    return new WordWeights(df, n);
  }

  /** The distinct words of a normalised value, in order. */
  static Set<String> words(String value) {
    Set<String> out = new LinkedHashSet<>();
    for (String w : value.split(" ")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /** ln(N / records holding the word); a word no record holds counts as held by one. Never negative. */
  public double idf(String word) {
    return Math.log((double) records / Math.max(1, documents.getOrDefault(word, 0)));
  }

  /**
   * The share of the shorter value's weight that both values hold (an overlap coefficient with words weighted by the
   * square of their IDF): 1 when every telling word of one is in the other ("ibm almaden" in "ibm almaden research
   * center san jose"), near 0 when they share only common words. 0 when either value has no telling word.
   */
  public double overlap(String x, String y) {
    Set<String> a = words(x), b = words(y);
    double wa = 0, wb = 0, shared = 0;
    for (String w : a) {
      double v = square(idf(w));
      wa += v;
      if (b.contains(w)) {
        shared += v;
      }
    }
    for (String w : b) {
      wb += square(idf(w));
    }
    double min = Math.min(wa, wb);
    return min <= 0 ? 0 : shared / min;
  }

  /** The most telling words of a value, most telling first (for explanations and tests). */
  List<String> telling(String value, int limit) {
    return words(value).stream().sorted(java.util.Comparator.comparingDouble((String w) -> -idf(w)).thenComparing(w -> w)).limit(limit).toList();
  }

  private static double square(double v) {
    return v * v;
  }
}
