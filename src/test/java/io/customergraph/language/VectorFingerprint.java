package io.customergraph.language;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Trains word vectors on a fixed corpus and prints one word's vector: run in a second JVM by {@link TextVectorTest}. */
public final class VectorFingerprint {

  private VectorFingerprint() {}

  /** A corpus with many words of equal frequency (ties are where the vocabulary order could vary). */
  static List<String> corpus() {
    List<String> sentences = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      sentences.add("the gas price rose and the storage report was late");
      sentences.add("the invoice for the licence renewal is attached");
      sentences.add("the team will schedule the demo for the pricing review");
    }
    return sentences;
  }

  static String fingerprint() {
    return Arrays.toString(WordVectorService.fit(corpus(), new LanguageProperties(42, 20, 3, 3, 1, "-", null, "US")).getWordVector("gas"));
  }

  /** Prints the fingerprint of {@code args[0]} trainings (default 1), one per line. */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    for (int i = 0; i < n; i++) {
      System.out.println("FINGERPRINT " + fingerprint());
    }
  }
}
