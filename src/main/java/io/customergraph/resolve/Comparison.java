package io.customergraph.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One field's comparison: a pair of records falls into one of a few ordered levels (level 0 exact agreement, the last
 * "different"), or is missing when either side lacks the field. The match model learns how likely each level is among
 * matches (m) and among non-matches (u). Exact agreement on a field compared with term frequencies is adjusted by how
 * common the value is, so two "smith"s count for less than two "szczepanski"s.
 */
public final class Comparison {

  /**
   * The email level of a mailbox and its short form at one organisation ("harry.arora" / "harora"): personal evidence
   * for the identity rule, but not enough to overrule names that differ (two people may shorten alike).
   */
  public static final String SHORT_FORM = "short form at one organisation";

  /** Returned by {@link #level} when either record lacks the field: no evidence either way. */
  public static final int MISSING = -1;

  /** The fields any comparison adjusts by term frequency; the candidate index counts their values. */
  static final List<Field> TERM_FREQUENCY_FIELDS =
      List.of(Field.GIVEN_NAME, Field.SURNAME, Field.ADDRESS, Field.ADDRESS2, Field.CITY, Field.POSTCODE, Field.COMPANY, Field.DOMAIN);

  /** The level of two present values that are not equal (equal is always level 0). */
  private interface Grader {
    int level(String x, String y, Entry a, Entry b);
  }

  private final Field field;
  private final Set<Field> sources;
  private final boolean termFrequencies;
  private final int minLength;
  private final List<String> levels;
  private final Grader grader;
  /** How to build this comparison again with words weighted among the records at hand; null when it reads no words. */
  private java.util.function.@Nullable Function<WordWeights, Comparison> weighted;
  /** m before any data is seen, where the documented shape ({@link MatchModel#withPriors}) does not fit; else null. */
  private double @Nullable [] priorM;

  private Comparison(Field field, Set<Field> sources, boolean termFrequencies, int minLength, List<String> levels, Grader grader) {
    if (termFrequencies && !TERM_FREQUENCY_FIELDS.contains(field)) {
      throw new IllegalArgumentException(field + " is not counted for term frequencies; add it to TERM_FREQUENCY_FIELDS");
    }
    this.field = field;
    this.sources = sources;
    this.termFrequencies = termFrequencies;
    this.minLength = minLength;
    this.levels = levels;
    this.grader = grader;
  }

  private static Comparison of(Field field, boolean termFrequencies, List<String> levels, Grader grader) {
    return new Comparison(field, Set.of(field), termFrequencies, 1, levels, grader);
  }

  /**
   * This comparison with its own prior m (one probability per level, summing to 1) instead of the documented shape.
   */
  Comparison withPriorM(double... m) {
    if (m.length != levels.size() || Math.abs(java.util.Arrays.stream(m).sum() - 1) > 1e-9) {
      throw new IllegalArgumentException("a prior m needs one probability per level of " + field.key() + ", summing to 1");
    }
    Comparison c = new Comparison(field, sources, termFrequencies, minLength, levels, grader);
    c.weighted = weighted;
    c.priorM = m.clone();
    return c;
  }

  /** This comparison's own prior m, or null for the documented shape. */
  double @Nullable [] priorM() {
    return priorM == null ? null : priorM.clone();
  }

  /** The comparison's name in explanations: the field's key (given_name, email…). */
  public String name() {
    return field.key();
  }

  /** The field compared. */
  public Field field() {
    return field;
  }

  /** Level labels, strongest first. */
  public List<String> levels() {
    return levels;
  }

  /** The field whose value frequency adjusts exact agreement, if any. */
  public @Nullable Field tfField() {
    return termFrequencies ? field : null;
  }

  /** Whether the records' fields allow this comparison at all (for choosing comparisons for a data set). */
  boolean uses(Set<Field> present) {
    for (Field f : sources) {
      if (present.contains(f)) {
        return true;
      }
    }
    return false;
  }

  int level(Entry a, Entry b) {
    if (field == Field.CONTEXT) {
      float[] va = a.vector(), vb = b.vector();
      if (va == null || vb == null || va.length != vb.length) {
        return MISSING;
      }
      double c = cosine(va, vb);
      return c >= 0.95 ? 0 : c >= 0.85 ? 1 : 2;
    }
    String x = a.get(field), y = b.get(field);
    if (x.length() < minLength || y.length() < minLength) {
      return MISSING;
    }
    return x.equals(y) ? 0 : grader.level(x, y, a, b);
  }

  // Thresholds: Jaro-Winkler 0.92 keeps one typo in a 6–10 letter name ("phillip"/"philip" 0.97, "allen"/"alan"
  // 0.85); 0.80 catches two typos but also different short names, so it is a weaker level the model weighs itself.

  /**
   * Given name: exact, nickname or initial ("bob"/"robert", "p"/"phillip"), one typo (Jaro-Winkler ≥ 0.92, or a letter
   * dropped, added or swapped), two typos (Jaro-Winkler ≥ 0.80), different — also for close names whose mailboxes at
   * one organisation each spell their own ({@link #mailboxesSpellTheirOwnNames}).
   */
  static Comparison givenName() {
    return new Comparison(Field.GIVEN_NAME, Set.of(Field.GIVEN_NAME, Field.FULL_NAME), true, 1,
        List.of("exact", "nickname or initial", "one typo", "two typos", "different"),
        (x, y, a, b) -> {
          if (Names.compatibleGiven(x, y)) {
            return 1;
          }
          // As for surnames: "harry.arora" and "hannah.arora" at one organisation are two people's mailboxes, each
          // spelling its own name — not one name with two typos.
          int level = nameLevel(x, y, 2);
          return level < 4 && mailboxesSpellTheirOwnNames(a, b) ? 4 : level;
        });
  }

  /** Surname: exact, one typo (Jaro-Winkler ≥ 0.92, or a letter dropped, added or swapped), two typos (≥ 0.80), different. */
  static Comparison surname() {
    return new Comparison(Field.SURNAME, Set.of(Field.SURNAME, Field.FULL_NAME), true, 1,
        List.of("exact", "one typo", "two typos", "different"), (x, y, a, b) -> {
          int level = nameLevel(x, y, 1);
          return level < 3 && mailboxesSpellTheirOwnNames(a, b) ? 3 : level;
        });
  }

  /**
   * Whether two records' addresses at one organisation each spell the record's own name and not the other's
   * ("john.graf@enron.com" for John Graf, "john.grass@enron.com" for John Grass): an organisation gives each person a
   * mailbox named as the person is, so two surnames close in spelling are then two names as written, not a typo in one
   * of them — "different", a contradiction, not "two typos". A display name misspelt beside a correct address
   * ("Amara Wihte" &lt;amara.white@…&gt;) does not spell its own name and is left to the names. Found on the allen-p
   * mailbox and the mbox: 12 of 18 open reviews were colleagues on one distribution list (Graf/Grass, Muller/Mullen,
   * Chen/Chun, Noteware/Newgard…).
   */
  static boolean mailboxesSpellTheirOwnNames(Entry a, Entry b) {
    if (!a.has(Field.EMAIL) || !b.has(Field.EMAIL)) {
      return false;
    }
    String x = a.get(Field.EMAIL), y = b.get(Field.EMAIL);
    if (!Entry.domainOf(x).equals(Entry.domainOf(y)) || Entry.domainOf(x).isEmpty()) {
      return false;
    }
    String lx = NOT_LETTER.matcher(Entry.localOf(x)).replaceAll(""), ly = NOT_LETTER.matcher(Entry.localOf(y)).replaceAll("");
    return !lx.isEmpty() && !ly.isEmpty() && !lx.equals(ly)
        && nameForm(lx, a) && !nameForm(lx, b) && nameForm(ly, b) && !nameForm(ly, a);
  }

  /**
   * A name's typo level: Jaro-Winkler alone calls short names with one typo different ("dy"/"day" 0.61), and a different
   * name is read as a contradiction by the identity rule, so one letter dropped, added or two swapped also counts as one
   * typo where the longer name has three letters or more. One letter *replaced* does not (below Jaro-Winkler 0.92): in a
   * short name it makes another name ("jan"/"jon", "ben"/"ken"); nor do two edits ("lanyon"/"manson" are two people).
   * Measured on fake_1000 (development set): chains of one person's records were cut by such "contradictions" before.
   */
  private static int nameLevel(String x, String y, int first) {
    if (numbered(x) && numbered(y) && !sameNumbers(x, y)) {
      // Numbered names are names of different things ("XTrain01" / "XTrain04": training accounts, allen-p), as numbered
      // mailboxes are ({@link #oneEdit}) — a typo replaces a letter by a digit in one of them ("hardis0n"), not both.
      return first + 2;
    }
    int jw = jwLevel(x, y, first);
    if (jw != first && Math.max(x.length(), y.length()) >= 3 && oneDropOrSwap(x, y)) {
      return first;
    }
    return jw;
  }

  /** Whether one letter dropped (or added) or two neighbours swapped turns one name into the other. */
  static boolean oneDropOrSwap(String x, String y) {
    if (Math.abs(x.length() - y.length()) == 1) {
      String longer = x.length() > y.length() ? x : y, shorter = longer == x ? y : x;
      int i = 0;
      while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
        i++;
      }
      return shorter.substring(i).equals(longer.substring(i + 1));
    }
    if (x.length() == y.length() && x.length() >= 2) {
      int i = 0;
      while (i < x.length() && x.charAt(i) == y.charAt(i)) {
        i++;
      }
      return i + 1 < x.length() && x.charAt(i) == y.charAt(i + 1) && x.charAt(i + 1) == y.charAt(i) && x.substring(i + 2).equals(y.substring(i + 2));
    }
    return false;
  }

  /**
   * Email: exact; one typo ({@link #oneEdit}: numbered mailboxes are not typos, nor two mailboxes that each spell
   * their own person's name — "andy.chen" / "andy.chun", "t..adams" / "p..adams" differ where the names differ, which
   * the name comparisons have weighed); same local part at another domain
   * (work and private address); a mailbox and its short form at one organisation ({@link #shortFormAtOneOrganisation});
   * same domain but another person's local part — at a company domain that is weak evidence, which is why it is its
   * own level; different.
   */
  static Comparison email() {
    return email(true);
  }

  /**
   * Email, with or without the "same domain" level: where the company is compared too, two addresses at one domain
   * say "same organisation" a second time, and Fellegi-Sunter multiplies what it is told as if it were independent —
   * colleagues then outweighed any difference of name (the demo world's contacts merged by the hundred).
   */
  static Comparison email(boolean sameDomainLevel) {
    if (!sameDomainLevel) {
      return of(Field.EMAIL, false, List.of("exact", "one edit", "same local part", SHORT_FORM, "different"), (x, y, a, b) -> {
        if (oneEdit(x, y) && !mailboxesSpellTheirOwnNames(a, b)) {
          return 1;
        }
        if (Entry.localOf(x).equals(Entry.localOf(y))) {
          return nameAgain(x, y, a, b) ? MISSING : 2;
        }
        return shortFormAtOneOrganisation(x, y) ? 3 : 4;
      });
    }
    return of(Field.EMAIL, false, List.of("exact", "one edit", "same local part", SHORT_FORM, "same domain", "different"), (x, y, a, b) -> {
      if (oneEdit(x, y) && !mailboxesSpellTheirOwnNames(a, b)) {
        return 1;
      }
      if (Entry.localOf(x).equals(Entry.localOf(y))) {
        return nameAgain(x, y, a, b) ? MISSING : 2;
      }
      if (shortFormAtOneOrganisation(x, y)) {
        return 3;
      }
      return Entry.domainOf(x).equals(Entry.domainOf(y)) ? 4 : 5;
    });
  }

  /**
   * Whether two addresses are one edit apart — a typo — and not numbered mailboxes: "xtrain01@" and "xtrain04@", or
   * "#23.training@" and "#29.training@", are one edit apart and ten different accounts (allen-p), as "Company1" and
   * "Company12" are two companies ({@link #sameNumbers}).
   */
  static boolean oneEdit(String x, String y) {
    return Similarity.editDistance(x, y, 1) <= 1 && sameNumbers(Entry.localOf(x), Entry.localOf(y));
  }

  /**
   * Whether two addresses at one organisation are a mailbox and its short form: one local part is the other's first
   * initial and last word ("harora" or "h..arora" beside "harry.arora", at any of the organisation's sub-domains, as
   * organisations that give people both write them; "harora" and "h..arora" too). Two long forms that shorten alike
   * ("harry.arora", "hannah.arora") are not: those are colleagues.
   */
  static boolean shortFormAtOneOrganisation(String x, String y) {
    String domain = Entry.domainOf(x);
    if (domain.isEmpty() || !domain.equals(Entry.domainOf(y)) || !CandidateIndex.shortForm(x).equals(CandidateIndex.shortForm(y))) {
      return false;
    }
    return isShortForm(x) || isShortForm(y);
  }

  /** Whether an address's local part is already a short form: one word, or an initial then a last word ("h..arora"). */
  private static boolean isShortForm(String email) {
    String[] words = java.util.Arrays.stream(Entry.localOf(email).split("[._\\-]+")).filter(w -> !w.isEmpty()).toArray(String[]::new);
    return words.length == 1 || (words.length == 2 && words[0].length() == 1);
  }

  /**
   * Whether an address's local part, shared by two records at different organisations, only writes again the names the
   * records hold ("jennifer.nelson", "jnelson", "nelson.j"): the name comparisons have counted that already, and
   * Fellegi-Sunter would count it a second time as if it were independent — two namesakes at two companies then reached
   * review (the demo world of 200 accounts opened 90 such reviews beside 10 true ones). Such a pair's address is no
   * evidence either way — also where it spells one record's name and the other's is close to it ("priya.obrien" for a
   * Priya O'Brine: the name comparison's "one typo" has counted that the names are close). It still is evidence where
   * it spells one record's name and the other's name differs ("janes" for Jane Smith and for Jane Jones: the address
   * is what links a changed surname), where it is a form of neither name (a handle, a nickname, a number), and where a
   * record lacks a given name (then the address is what carries the name).
   */
  static boolean nameAgain(String x, String y, Entry a, Entry b) {
    if (!a.has(Field.GIVEN_NAME) || !b.has(Field.GIVEN_NAME) || !Entry.localOf(x).equals(Entry.localOf(y))
        || Entry.domainOf(x).equals(Entry.domainOf(y))) {
      return false; // at one organisation a local part names one mailbox: that is evidence
    }
    String local = NOT_LETTER.matcher(Entry.localOf(x)).replaceAll("");
    if (local.isEmpty()) {
      return false;
    }
    boolean ofA = nameForm(local, a), ofB = nameForm(local, b);
    return (ofA && ofB) || ((ofA || ofB) && closeNames(a, b));
  }

  /**
   * Whether two records' names are close enough that the name comparisons already say so (given names compatible or
   * within two typos, surnames within two typos or a letter dropped or swapped).
   */
  private static boolean closeNames(Entry a, Entry b) {
    String ga = a.get(Field.GIVEN_NAME), gb = b.get(Field.GIVEN_NAME), sa = a.get(Field.SURNAME), sb = b.get(Field.SURNAME);
    return (Names.compatibleGiven(ga, gb) || Similarity.jaroWinkler(ga, gb) >= 0.80 || oneDropOrSwap(ga, gb))
        && (Similarity.jaroWinkler(sa, sb) >= 0.80 || oneDropOrSwap(sa, sb));
  }

  private static final java.util.regex.Pattern NOT_LETTER = java.util.regex.Pattern.compile("[^\\p{L}]+");

  /**
   * Why two records that both hold the field give no evidence on it, or null when one lacks it (an explanation's
   * sentence for {@link #MISSING} with both values present).
   */
  @Nullable String whyNoEvidence(Entry a, Entry b) {
    if (field == Field.EMAIL && a.has(Field.EMAIL) && b.has(Field.EMAIL) && nameAgain(a.get(Field.EMAIL), b.get(Field.EMAIL), a, b)) {
      return "the same local part at another organisation only writes the name again, which the names have counted: no evidence.";
    }
    return null;
  }

  /**
   * Whether the letters of a local part are a record's name written as addresses write it: its words in the order
   * given name, middle names, surname (or backwards), each whole, as an initial or left out, with the given name or
   * the surname whole ("jennifer.nelson", "jnelson", "nelson.j", "deborahdevries", "pkallen", "k..allen").
   */
  static boolean nameForm(String local, Entry e) {
    List<String> words = new ArrayList<>();
    for (Field f : List.of(Field.GIVEN_NAME, Field.MIDDLE_NAME, Field.SURNAME)) {
      for (String w : NOT_LETTER.split(e.get(f))) {
        if (!w.isEmpty()) {
          words.add(w);
        }
      }
    }
    String g = NOT_LETTER.matcher(e.get(Field.GIVEN_NAME)).replaceAll(""), s = NOT_LETTER.matcher(e.get(Field.SURNAME)).replaceAll("");
    if (g.isEmpty() || s.isEmpty()) {
      return false;
    }
    List<String> backwards = new ArrayList<>(words);
    java.util.Collections.reverse(backwards);
    return spells(local, 0, words, 0, g, s, false) || spells(local, 0, backwards, 0, g, s, false);
  }

  /** Whether {@code local} from {@code at} is the words from {@code w} on, each whole, an initial or left out. */
  private static boolean spells(String local, int at, List<String> words, int w, String given, String surname, boolean wholeName) {
    if (at == local.length()) {
      return wholeName;
    }
    if (w == words.size()) {
      return false;
    }
    String word = words.get(w);
    boolean whole = wholeName || word.equals(given) || word.equals(surname);
    return (local.startsWith(word, at) && spells(local, at + word.length(), words, w + 1, given, surname, whole))
        || (local.charAt(at) == word.charAt(0) && spells(local, at + 1, words, w + 1, given, surname, wholeName))
        || spells(local, at, words, w + 1, given, surname, wholeName);
  }

  /**
   * Phone (digits): exact; same last seven digits (one number written with and without country code); different.
   * Fewer than five digits is not a phone number: missing.
   */
  static Comparison phone() {
    return new Comparison(Field.PHONE, Set.of(Field.PHONE), false, 5, List.of("exact", "same last 7 digits", "different"),
        (x, y, a, b) -> x.length() >= 7 && y.length() >= 7 && x.substring(x.length() - 7).equals(y.substring(y.length() - 7)) ? 1 : 2);
  }

  /** Date of birth (digits): exact; one edit or transposition (a typo); same year; different. */
  static Comparison dateOfBirth() {
    return of(Field.DOB, false, List.of("exact", "one edit", "same year", "different"), (x, y, a, b) -> {
      if (Similarity.editDistance(x, y, 1) <= 1) {
        return 1;
      }
      return x.length() >= 4 && y.length() >= 4 && x.substring(0, 4).equals(y.substring(0, 4)) ? 2 : 3;
    });
  }

  /** An identifier such as a postcode or a national id: exact, one edit, different. */
  static Comparison code(Field field, boolean tf) {
    return of(field, tf, List.of("exact", "one edit", "different"), (x, y, a, b) -> Similarity.editDistance(x, y, 1) <= 1 ? 1 : 2);
  }

  /** A value that is equal or not (street number, state, web domain, VAT id). */
  static Comparison exact(Field field, boolean tf) {
    return of(field, tf, List.of("exact", "different"), (x, y, a, b) -> 1);
  }

  /** Free text such as an address line or a city: exact, Jaro-Winkler ≥ 0.92, ≥ 0.80, different. */
  static Comparison text(Field field, boolean tf) {
    return of(field, tf, List.of("exact", "jaro-winkler >= 0.92", "jaro-winkler >= 0.80", "different"), (x, y, a, b) -> jwLevel(x, y, 1));
  }

  /**
   * Company name with legal forms stripped: exact, Jaro-Winkler ≥ 0.92, word vectors close (cosine ≥ 0.80 — names
   * used in the same contexts, such as a brand and its owner), Jaro-Winkler ≥ 0.80, different.
   */
  static Comparison company() {
    return company(true);
  }

  /**
   * Company name, with or without the word-vector level: a person's vector is their context, not their company's
   * name, so people's company names are compared by spelling only.
   */
  static Comparison company(boolean nameVectors) {
    Comparison c;
    if (!nameVectors) {
      c = of(Field.COMPANY, true, List.of("exact", "jaro-winkler >= 0.92", "jaro-winkler >= 0.80", "different"),
          (x, y, a, b) -> !sameNumbers(x, y) ? 3 : Math.max(jwLevel(x, y, 1), wordReplaced(x, y) ? 2 : 1));
    } else {
      c = of(Field.COMPANY, true, List.of("exact", "jaro-winkler >= 0.92", "word-vector cosine >= 0.80", "jaro-winkler >= 0.80", "different"),
          (x, y, a, b) -> {
            if (!sameNumbers(x, y)) {
              return 4; // "Company1" and "Company12", "Unit 4" and "Unit 5": a number tells companies apart
            }
            double jw = Similarity.jaroWinkler(x, y);
            if (jw >= 0.92 && !wordReplaced(x, y)) {
              return 1;
            }
            float[] va = a.vector(), vb = b.vector();
            if (va != null && vb != null && cosine(va, vb) >= 0.80) {
              return 2;
            }
            return jw >= 0.80 ? 3 : 4;
          });
    }
    c.weighted = words -> company(nameVectors, words);
    return c;
  }

  /**
   * Company name compared with the words' weights among the records at hand ({@link WordWeights}): the spelling and
   * vector levels as above, then two word levels — the telling words of the shorter name all (weighted overlap ≥ 0.8)
   * or mostly (≥ 0.5) in the other — before the weak spelling level. For free-order strings (an organisation with its
   * department and address) and names with words added ("ibm almaden" / "ibm almaden research center, san jose"),
   * which Jaro-Winkler reads letter by letter. A word replaced ({@link #wordReplaced}) is never the stronger word
   * level; numbers are words like any other (a postcode on one side only does not tell companies apart).
   */
  static Comparison company(boolean nameVectors, WordWeights words) {
    List<String> labels = new ArrayList<>(List.of("exact", "jaro-winkler >= 0.92"));
    if (nameVectors) {
      labels.add("word-vector cosine >= 0.80");
    }
    int w = labels.size();
    labels.addAll(List.of("telling words shared >= 0.8", "telling words shared >= 0.5", "jaro-winkler >= 0.80", "different"));
    Comparison c = of(Field.COMPANY, true, List.copyOf(labels), (x, y, a, b) -> {
      boolean numbers = sameNumbers(x, y);
      boolean replaced = wordReplaced(x, y);
      double jw = Similarity.jaroWinkler(x, y);
      if (numbers && jw >= 0.92 && !replaced) {
        return 1;
      }
      float[] va = a.vector(), vb = b.vector();
      if (nameVectors && numbers && va != null && vb != null && cosine(va, vb) >= 0.80) {
        return 2;
      }
      double shared = words.overlap(x, y);
      if (shared >= 0.8 && !replaced) {
        return w;
      }
      if (shared >= 0.5) {
        return w + 1;
      }
      return numbers && jw >= 0.80 ? w + 2 : w + 3;
    });
    c.weighted = next -> company(nameVectors, next);
    return c;
  }

  /**
   * This comparison with words weighted by their frequency among the given records, where it reads words (company
   * names); itself otherwise.
   */
  public Comparison withWordWeights(WordWeights words) {
    return weighted == null ? this : weighted.apply(words);
  }

  /** Whether {@link #withWordWeights} changes this comparison. */
  public boolean readsWords() {
    return weighted != null;
  }

  /**
   * Whether two company names differ by a word replaced rather than by a typo: with the words they share taken out,
   * both have words left and those differ by more than two edits ("yellowstone capital"/"yellowstone analytics",
   * "riverstone travel"/"riverstone retail") and make up half of each name or more (in a long string such as an
   * affiliation, "dept"/"department" is one word of many). Jaro-Winkler rewards the long shared first word as if it
   * were one name misspelt (0.92 and above); such a pair is at most the weak spelling level. A word added or dropped
   * ("acme" / "acme pharma") is left to Jaro-Winkler.
   */
  static boolean wordReplaced(String x, String y) {
    String[] xs = x.split(" "), ys = y.split(" ");
    List<String> left = new ArrayList<>(List.of(xs)), right = new ArrayList<>(List.of(ys));
    for (java.util.Iterator<String> it = left.iterator(); it.hasNext(); ) {
      if (right.remove(it.next())) {
        it.remove();
      }
    }
    left.removeIf(String::isEmpty);
    right.removeIf(String::isEmpty);
    return !left.isEmpty() && !right.isEmpty() && 2 * left.size() >= xs.length && 2 * right.size() >= ys.length
        && Similarity.editDistance(String.join(" ", left), String.join(" ", right), 2) > 2;
  }

  /**
   * A person's context — the mean word vector of the words around their mentions (what they wrote): cosine ≥ 0.95,
   * ≥ 0.85, lower. Missing unless both records have a context vector. Not among the default comparisons: on the demo
   * world, compared under the prior m it lowers pairwise F1 from 0.919 to 0.889 (one person's emails are not that
   * alike) and under EM it changes nothing (0.581 → 0.584), so people's context vectors serve as nearest-neighbour
   * candidates only ({@code evaluate-resolution} prints all of it).
   */
  public static Comparison context() {
    return new Comparison(Field.CONTEXT, Set.of(Field.CONTEXT), false, 1, List.of("context cosine >= 0.95", "context cosine >= 0.85", "different"),
        (x, y, a, b) -> 2);
  }

  /** Whether two names carry the same numbers in the same order ("acme 2000" and "acme 2000 labs" do; "company1" and "company12" do not). */
  static boolean sameNumbers(String x, String y) {
    return numbers(x).equals(numbers(y));
  }

  private static boolean numbered(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static final java.util.regex.Pattern NOT_DIGITS = java.util.regex.Pattern.compile("\\D+");

  /** The numbers in a name, space-separated in order ("unit 4 b12" → "4 12"). */
  private static String numbers(String s) {
    return NOT_DIGITS.matcher(s).replaceAll(" ").strip();
  }

  private static int jwLevel(String x, String y, int first) {
    double jw = Similarity.jaroWinkler(x, y);
    return jw >= 0.92 ? first : jw >= 0.80 ? first + 1 : first + 2;
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }

  /** Comparisons for people, of those whose fields are present in the data. */
  public static List<Comparison> forPeople(Set<Field> present) {
    // "Same organisation" is one piece of evidence, counted once: by the company where records name one (the domain
    // of their addresses then says nothing more), else by the domain, else by the email's own "same domain" level.
    boolean company = present.contains(Field.COMPANY);
    boolean domain = !company && present.contains(Field.DOMAIN);
    List<Comparison> all = new ArrayList<>(List.of(givenName(), surname(), email(!company && !domain), phone(), dateOfBirth(), exact(Field.STREET_NUMBER, false),
        text(Field.ADDRESS, true), text(Field.ADDRESS2, true), text(Field.CITY, true), code(Field.POSTCODE, true), exact(Field.STATE, false),
        code(Field.NATIONAL_ID, false), company(false)));
    if (domain) {
      all.add(exact(Field.DOMAIN, true));
    }
    List<Comparison> out = new ArrayList<>();
    for (Comparison c : all) {
      if (c.uses(present)) {
        out.add(c);
      }
    }
    return out;
  }

  /** Comparisons for companies. */
  public static List<Comparison> forCompanies() {
    return List.of(company(), exact(Field.DOMAIN, false), exact(Field.VAT, false), phone(), text(Field.CITY, true));
  }
}
