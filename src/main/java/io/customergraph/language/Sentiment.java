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

  /**
   * A phrase whose meaning no single word carries ("won't be back", "mediocre at best"), with its valence; every match
   * contains one of the lower-case {@code anchors}, so a text without any is not scanned.
   */
  record Idiom(Pattern pattern, double valence, List<String> anchors) implements Anchored {}

  /** Words that intensify only in front of a rated word ("pretty gross", "definitely bad"), not on their own. */
  private static final Set<String> ADVERBS_BEFORE_RATED = Set.of("pretty", "definitely", "certainly", "surely");
  /** "like" is a verb (and rated) after these; elsewhere it compares ("tastes like shoe leather") and is not. */
  private static final Set<String> BEFORE_LIKE_VERB =
      Set.of("i", "we", "you", "they", "he", "she", "really", "also", "would", "i'd", "we'd", "did", "do", "does", "to",
          "just", "not", "don't", "didn't", "doesn't", "dont", "didnt", "doesnt", "totally", "definitely", "actually");
  /** Words that end a negation's reach: "could not believe how dirty" — "dirty" is not negated. */
  private static final Set<String> NEGATION_BARRIERS = Set.of("how", "what", "that", "which", "because");

  private final Map<String, Double> lexicon;
  private final List<Idiom> idioms;
  private final boolean grammar;

  private Sentiment(Map<String, Double> lexicon, List<Idiom> idioms, boolean grammar) {
    this.lexicon = lexicon;
    this.idioms = idioms;
    this.grammar = grammar;
  }

  /**
   * The scorer the service uses: VADER's lexicon, Customer Graph's own words of product and service experience
   * ({@code language/customer-lexicon.tsv}) and phrases ({@code language/customer-idioms.tsv}), and three rules of
   * grammar VADER lacks ("like" as a comparison, adverbs before a rated word, negation stopping at "how"/"that").
   */
  public static Sentiment standard() {
    return of(true, true, true);
  }

  /** VADER's lexicon and rules alone (the baseline the evaluation compares against). */
  public static Sentiment vader() {
    return of(false, false, false);
  }

  /** A scorer with the chosen parts, for the evaluation's ablation. */
  public static Sentiment of(boolean customerLexicon, boolean customerIdioms, boolean grammar) {
    Map<String, Double> lexicon = new HashMap<>();
    read("language/vader-lexicon.tsv", f -> lexicon.put(f[0], Double.parseDouble(f[1])));
    if (customerLexicon) {
      read("language/customer-lexicon.tsv", f -> {
        double valence = Double.parseDouble(f[1]);
        if (valence == 0) {
          lexicon.remove(f[0]); // a thing in customer text ("support", "credit note"), not praise
        } else if (lexicon.putIfAbsent(f[0], valence) != null) {
          throw new IllegalStateException("language/customer-lexicon.tsv repeats a VADER word: " + f[0]);
        }
      });
    }
    List<Idiom> idioms = new ArrayList<>();
    if (customerIdioms) {
      read("language/customer-idioms.tsv", f -> {
        String[] rest = f[1].split("\\t", 2);
        idioms.add(new Idiom(Pattern.compile(rest[1], Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), Double.parseDouble(f[0]),
            List.of(rest[0].split(","))));
      });
    }
    return new Sentiment(lexicon, List.copyOf(idioms), grammar);
  }

  /** Reads a tab-separated resource, skipping comment lines; each line must have two fields. */
  private static void read(String resource, java.util.function.Consumer<String[]> row) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
      int n = 0;
      for (String line; (line = in.readLine()) != null; ) {
        n++;
        if (line.startsWith("# ") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", 2);
        if (f.length < 2) {
          throw new IllegalStateException(resource + " line " + n + ": expected two tab-separated fields");
        }
        row.accept(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the sentiment resource " + resource, e);
    }
  }

  /** The customer phrases (for the test that checks their anchors). */
  List<Idiom> idioms() {
    return idioms;
  }

  /** The lexicon (word → valence, −4 to +4). */
  public Map<String, Double> lexicon() {
    return java.util.Collections.unmodifiableMap(lexicon);
  }

  /** A scorer whose lexicon also holds these words (existing entries win). */
  public Sentiment with(Map<String, Double> extra) {
    Map<String, Double> merged = new HashMap<>(extra);
    merged.putAll(lexicon);
    return new Sentiment(merged, idioms, grammar);
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
    // Phrases first; their words are not scored again on their own.
    boolean[] inIdiom = new boolean[words.size()];
    String folded = idioms.isEmpty() ? "" : Tagger.fold(text);
    for (Idiom idiom : idioms) {
      if (!idiom.mayMatch(folded)) {
        continue;
      }
      Matcher found = idiom.pattern().matcher(text);
      while (found.find()) {
        int first = -1;
        for (int i = 0; i < words.size(); i++) {
          if (spans.get(i)[0] >= found.start() && spans.get(i)[1] <= found.end()) {
            if (inIdiom[i]) {
              first = -2; // overlaps a phrase already counted
              break;
            }
            first = first == -1 ? i : first;
          }
        }
        if (first < 0) {
          continue;
        }
        for (int i = first; i < words.size() && spans.get(i)[1] <= found.end(); i++) {
          inIdiom[i] = true;
        }
        double valence = idiom.valence() * (butAt < 0 ? 1 : first < butAt ? 0.5 : first > butAt ? 1.5 : 1);
        if (valence == 0) {
          continue; // a set phrase that says nothing ("Best regards")
        }
        sum += valence;
        evidence.add(new Evidence(found.group(), found.start(), found.end(), valence));
      }
    }
    for (int i = 0; i < words.size(); i++) {
      if (inIdiom[i]) {
        continue;
      }
      String w = words.get(i);
      String lower = w.toLowerCase(Locale.ROOT);
      Double v = lexicon.get(lower);
      if (v == null || BOOSTERS.containsKey(lower) || lower.equals("no") && i + 1 < words.size() && lexicon.containsKey(words.get(i + 1).toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (grammar && (ADVERBS_BEFORE_RATED.contains(lower) && i + 1 < words.size() && lexicon.containsKey(words.get(i + 1).toLowerCase(Locale.ROOT))
          || lower.equals("like") && (i == 0 || !BEFORE_LIKE_VERB.contains(words.get(i - 1).toLowerCase(Locale.ROOT))))) {
        continue; // an intensifier here (applied to the next word), or "like" comparing
      }
      if (grammar && i > 0 && w.length() > 1 && Character.isUpperCase(w.charAt(0)) && !w.equals(w.toUpperCase(Locale.ROOT))
          && !words.get(i - 1).matches("[:;=].*") && !sentenceStartBefore(text, spans.get(i)[0])) {
        continue; // a capitalised word inside a sentence is a name ("Rob", "Crude Oil Futures"), not a judgement
      }
      double valence = v;
      if (w.length() > 1 && w.equals(w.toUpperCase(Locale.ROOT)) && !text.equals(text.toUpperCase(Locale.ROOT))) {
        valence += Math.signum(valence) * 0.733; // shouted word among normal text
      }
      for (int back = 1; back <= 3 && i - back >= 0; back++) {
        String prev = words.get(i - back).toLowerCase(Locale.ROOT);
        Double boost = BOOSTERS.get(prev);
        if (boost == null && grammar && ADVERBS_BEFORE_RATED.contains(prev) && back == 1) {
          boost = BOOST;
        }
        if (boost != null) {
          // Farther intensifiers count less (VADER's 0.95 and 0.9 factors).
          double scale = back == 1 ? 1 : back == 2 ? 0.95 : 0.9;
          valence += Math.signum(valence) * boost * scale;
        }
      }
      for (int back = 1; back <= 3 && i - back >= 0; back++) {
        String prev = words.get(i - back).toLowerCase(Locale.ROOT).replace("'", "");
        if (grammar && NEGATION_BARRIERS.contains(prev)) {
          break;
        }
        if (NEGATORS.contains(prev)) {
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
    evidence.sort(java.util.Comparator.comparingInt(Evidence::start));
    return new Score(Math.max(-1, Math.min(1, compound)), List.copyOf(evidence));
  }

  /** Whether only spaces, quotes or brackets stand between this position and the end of a sentence (or a line). */
  private static boolean sentenceStartBefore(String text, int at) {
    for (int k = at - 1; k >= 0; k--) {
      char c = text.charAt(k);
      if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == '-') {
        return true;
      }
      if (!Character.isWhitespace(c) && c != '"' && c != '\'' && c != '(') {
        return false;
      }
    }
    return true;
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
