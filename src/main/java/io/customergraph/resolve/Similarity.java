package io.customergraph.resolve;

/** String similarities used by the comparisons: Jaro-Winkler and a bounded Damerau-Levenshtein. */
public final class Similarity {

  private Similarity() {}

  /** Jaro-Winkler similarity in [0, 1] with the usual prefix scale 0.1 over at most four characters. */
  public static double jaroWinkler(String a, String b) {
    if (a.equals(b)) {
      return a.isEmpty() ? 0 : 1;
    }
    int la = a.length(), lb = b.length();
    if (la == 0 || lb == 0) {
      return 0;
    }
    int window = Math.max(0, Math.max(la, lb) / 2 - 1);
    boolean[] ma = new boolean[la], mb = new boolean[lb];
    int matches = 0;
    for (int i = 0; i < la; i++) {
      int from = Math.max(0, i - window), to = Math.min(lb - 1, i + window);
      for (int j = from; j <= to; j++) {
        if (!mb[j] && a.charAt(i) == b.charAt(j)) {
          ma[i] = mb[j] = true;
          matches++;
          break;
        }
      }
    }
    if (matches == 0) {
      return 0;
    }
    int t = 0;
    for (int i = 0, j = 0; i < la; i++) {
      if (ma[i]) {
        while (!mb[j]) {
          j++;
        }
        if (a.charAt(i) != b.charAt(j)) {
          t++;
        }
        j++;
      }
    }
    double m = matches;
    double jaro = (m / la + m / lb + (m - t / 2.0) / m) / 3;
    int prefix = 0;
    for (int i = 0; i < Math.min(4, Math.min(la, lb)) && a.charAt(i) == b.charAt(i); i++) {
      prefix++;
    }
    return jaro + prefix * 0.1 * (1 - jaro);
  }

  /** Optimal-string-alignment distance (edits and adjacent transpositions), or max + 1 when it exceeds max. */
  public static int editDistance(String a, String b, int max) {
    int la = a.length(), lb = b.length();
    if (Math.abs(la - lb) > max) {
      return max + 1;
    }
    int[] prev2 = new int[lb + 1], prev = new int[lb + 1], cur = new int[lb + 1];
    for (int j = 0; j <= lb; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= la; i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= lb; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur[j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > max) {
        return max + 1;
      }
      int[] tmp = prev2;
      prev2 = prev;
      prev = cur;
      cur = tmp;
    }
    return Math.min(prev[lb], max + 1);
  }
}
