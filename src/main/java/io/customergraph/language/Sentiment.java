package io.customergraph.language;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;

/**
 * Sentence-level sentiment in the manner of VADER: lexicon valences (see {@code language/LEXICON.md}), flipped and
 * damped by a negation within the three words before ("not happy"), raised or lowered by intensifiers ("very",
 * "slightly"), shifted by contrast ("…, but …" weighs the part after it more), and by exclamation marks. Each word
 * that counted is kept with its character span, so a tag can show the evidence.
 */
public final class Sentiment {

  /** A word that moved the score, where it stands, and by how much after negation and intensifiers. */
  public record Evidence(String word, int start, int end, double valence) {}

  /**
   * The result for one text.
   *
   * @param compound normalised score, -1 (very negative) to +1 (very positive)
   */
  public record Score(double compound, List<Evidence> evidence) {
    /** VADER's own cut-off: at or below -0.05 a text reads as negative. */
    public boolean negative() {
      return compound <= -0.05;
    }
  }

  /** Scaling of a negated valence (VADER's empirically derived value). */
  private static final double NEGATION = -0.74;
  /** Increment of an intensifier (VADER's value). */
  private static final double BOOST = 0.293;
  /** Normalisation constant of the compound score (VADER's value). */
  private static final double ALPHA = 15;

  private static final Set<String> NEGATORS =
      Set.of("not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "cannot", "without", "hardly",
          "rarely", "seldom", "despite", "isnt", "arent", "wasnt", "werent", "dont", "doesnt", "didnt", "wont", "wouldnt",
          "shouldnt", "couldnt", "cant", "aint", "havent", "hasnt", "hadnt", "n't");
  private static final Map<String, Double> BOOSTERS = boosters();
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}']+|[:;=][-']?[()dpDP/\\\\|]+|!+");

  private final Map<String, Double> lexicon;

  private Sentiment(Map<String, Double> lexicon) {
    this.lexicon = lexicon;
  }

  /** The scorer with the bundled lexicon. */
  public static Sentiment standard() {
    Map<String, Double> lexicon = new HashMap<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new ClassPathResource("language/vader-lexicon.tsv").getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        int tab = line.indexOf('\t');
        if (tab > 0) {
          lexicon.put(line.substring(0, tab), Double.parseDouble(line.substring(tab + 1)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the sentiment lexicon language/vader-lexicon.tsv", e);
    }
    return new Sentiment(lexicon);
  }

  /** The lexicon (word → valence, −4 to +4). */
  public Map<String, Double> lexicon() {
    return java.util.Collections.unmodifiableMap(lexicon);
  }

  /** A scorer whose lexicon also holds these words (existing entries win). */
  public Sentiment with(Map<String, Double> extra) {
    Map<String, Double> merged = new HashMap<>(extra);
    merged.putAll(lexicon);
    return new Sentiment(merged);
  }

  /** Scores a text (a sentence or a short message). */
  public Score score(String text) {
    List<String> words = new ArrayList<>();
    List<int[]> spans = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    int exclamations = 0;
    while (m.find()) {
      if (m.group().startsWith("!")) {
        exclamations += m.group().length();
        continue;
      }
      words.add(m.group());
      spans.add(new int[] {m.start(), m.end()});
    }
    int butAt = -1;
    for (int i = 0; i < words.size(); i++) {
      if (words.get(i).equalsIgnoreCase("but")) {
        butAt = i;
      }
    }
    List<Evidence> evidence = new ArrayList<>();
    double sum = 0;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      String lower = w.toLowerCase(Locale.ROOT);
      Double v = lexicon.get(lower);
      if (v == null || BOOSTERS.containsKey(lower) || lower.equals("no") && i + 1 < words.size() && lexicon.containsKey(words.get(i + 1).toLowerCase(Locale.ROOT))) {
        continue;
      }
      double valence = v;
      if (w.length() > 1 && w.equals(w.toUpperCase(Locale.ROOT)) && !text.equals(text.toUpperCase(Locale.ROOT))) {
        valence += Math.signum(valence) * 0.733; // shouted word among normal text
      }
      for (int back = 1; back <= 3 && i - back >= 0; back++) {
        String prev = words.get(i - back).toLowerCase(Locale.ROOT);
        Double boost = BOOSTERS.get(prev);
        if (boost != null) {
          // Farther intensifiers count less (VADER's 0.95 and 0.9 factors).
          double scale = back == 1 ? 1 : back == 2 ? 0.95 : 0.9;
          valence += Math.signum(valence) * boost * scale;
        }
      }
      for (int back = 1; back <= 3 && i - back >= 0; back++) {
        String prev = words.get(i - back).toLowerCase(Locale.ROOT).replace("'", "");
        if (NEGATORS.contains(prev) || prev.endsWith("nt") && NEGATORS.contains(prev)) {
          valence *= NEGATION;
          break;
        }
      }
      if (butAt >= 0) {
        valence *= i < butAt ? 0.5 : i > butAt ? 1.5 : 1;
      }
      sum += valence;
      evidence.add(new Evidence(w, spans.get(i)[0], spans.get(i)[1], valence));
    }
    if (sum != 0 && exclamations > 0) {
      sum += Math.signum(sum) * Math.min(4, exclamations) * 0.292;
    }
    double compound = sum / Math.sqrt(sum * sum + ALPHA);
    return new Score(Math.max(-1, Math.min(1, compound)), List.copyOf(evidence));
  }

  private static Map<String, Double> boosters() {
    Map<String, Double> b = new HashMap<>();
    for (String w : List.of("absolutely", "amazingly", "awfully", "completely", "considerably", "decidedly", "deeply",
        "enormously", "entirely", "especially", "exceptionally", "extremely", "fabulously", "greatly", "highly", "hugely",
        "incredibly", "intensely", "majorly", "more", "most", "particularly", "purely", "quite", "really", "remarkably",
        "so", "substantially", "thoroughly", "totally", "tremendously", "truly", "unbelievably", "utterly", "very")) {
      b.put(w, BOOST);
    }
    for (String w : List.of("almost", "barely", "hardly", "kind", "kinda", "less", "little", "marginally", "occasionally",
        "partly", "scarcely", "slightly", "somewhat", "sort", "sorta")) {
      b.put(w, -BOOST);
    }
    return Map.copyOf(b);
  }
}
