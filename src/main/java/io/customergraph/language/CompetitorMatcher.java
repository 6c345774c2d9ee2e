package io.customergraph.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;

/**
 * Finds competitor mentions, tolerating typos ("Salesfroce"), with Lucene's Levenshtein automata: each name and
 * alias (one or two words) is compiled once into an automaton accepting everything within an edit distance scaled to
 * its length, then every word (and pair of words) of a text runs through them. Our own product names are never
 * reported, even when they look like a competitor's.
 */
public final class CompetitorMatcher {

  /** A mention: which competitor, where, and how exactly it was written (edits from the name or alias). */
  public record Mention(String competitor, int start, int end, String text, int edits) {}

  private record Entry(String competitor, String term, int words, CharacterRunAutomaton exact, CharacterRunAutomaton one, CharacterRunAutomaton two) {}

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private final List<Entry> entries = new ArrayList<>();
  private final Set<String> ownProducts;

  /**
   * @param competitors competitor name → aliases
   * @param ownProducts our own product names: never a competitor mention
   */
  public CompetitorMatcher(Map<String, List<String>> competitors, Set<String> ownProducts) {
    this.ownProducts = ownProducts.stream().map(CompetitorMatcher::norm).collect(java.util.stream.Collectors.toSet());
    competitors.forEach((name, aliases) -> {
      List<String> terms = new ArrayList<>(aliases);
      terms.add(name);
      for (String t : terms) {
        String term = norm(t);
        if (term.isEmpty()) {
          continue;
        }
        // No edits for short names (4 letters or fewer: "Zoho" vs "zone"), one up to 7, two beyond.
        entries.add(new Entry(name, term, term.split(" ").length,
            new CharacterRunAutomaton(new LevenshteinAutomata(term, false).toAutomaton(0)),
            term.length() > 4 ? new CharacterRunAutomaton(new LevenshteinAutomata(term, true).toAutomaton(1)) : null,
            term.length() > 7 ? new CharacterRunAutomaton(new LevenshteinAutomata(term, true).toAutomaton(2)) : null));
      }
    });
  }

  /** Every mention in the text, in order, at most one per word. */
  public List<Mention> find(String text) {
    List<int[]> words = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      words.add(new int[] {m.start(), m.end()});
    }
    List<Mention> out = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      Mention best = null;
      for (int n = 2; n >= 1 && best == null; n--) {
        if (i + n > words.size()) {
          continue;
        }
        int start = words.get(i)[0];
        int end = words.get(i + n - 1)[1];
        String candidate = norm(text.substring(start, end));
        if (ownProducts.contains(candidate)) {
          continue;
        }
        for (Entry e : entries) {
          if (e.words() != n) {
            continue;
          }
          int edits = e.exact().run(candidate) ? 0
              : !sameEnds(candidate, e.term()) ? -1
              : e.one() != null && e.one().run(candidate) ? 1
              : e.two() != null && e.two().run(candidate) ? 2 : -1;
          if (edits >= 0 && (best == null || edits < best.edits())) {
            best = new Mention(e.competitor(), start, end, text.substring(start, end), edits);
          }
        }
        if (best != null) {
          out.add(best);
          i += n - 1;
        }
      }
    }
    return out;
  }

  /**
   * Typos fall inside words ("Salesfroce", "Hubsopt"); other words differ at their ends ("dynamic" is not
   * "Dynamics"). A fuzzy match must keep the first and the last letter, or have swapped the last two ("Hubspto").
   */
  private static boolean sameEnds(String candidate, String term) {
    if (candidate.isEmpty() || candidate.charAt(0) != term.charAt(0)) {
      return false;
    }
    int c = candidate.length();
    int t = term.length();
    return candidate.charAt(c - 1) == term.charAt(t - 1)
        || c == t && c > 2 && candidate.charAt(c - 1) == term.charAt(t - 2) && candidate.charAt(c - 2) == term.charAt(t - 1);
  }

  private static String norm(String s) {
    return NOT_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }
}
