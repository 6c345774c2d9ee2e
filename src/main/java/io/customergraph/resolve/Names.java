package io.customergraph.resolve;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Cleaners for names: accent and case folding, nicknames, "Last, First M." parsing and company legal suffixes. */
public final class Names {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  /** Variant → canonical given names it may stand for (from {@code resolve/nicknames.tsv}). */
  private static final Map<String, Set<String>> NICKNAMES = loadNicknames();

  /**
   * Legal forms dropped from company names before comparing: "ACME Corporation" and "Acme Corp." are both "acme".
   * Only at the end of the name, so "Limited Brands" keeps its first word.
   */
  private static final Set<String> LEGAL_SUFFIXES = Set.of(
      "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "llp", "lp", "plc",
      "gmbh", "ag", "kg", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "ab", "as", "aps", "pty", "pte",
      "kk", "sl", "se", "group", "holding", "holdings", "the", "aktiengesellschaft", "kommanditgesellschaft");

  /**
   * Legal forms written out in several words, dropped like the suffixes ("Dunder Retail Aktiengesellschaft",
   * "Acme Public Limited Company"): a last word alone would leave "public" or "liability" behind.
   */
  private static final List<List<String>> LEGAL_PHRASES = List.of(
      List.of("gesellschaft", "mit", "beschrankter", "haftung"), List.of("public", "limited", "company"),
      List.of("limited", "liability", "company"), List.of("limited", "liability", "partnership"), List.of("limited", "partnership"),
      List.of("societe", "anonyme"), List.of("societe", "par", "actions", "simplifiee"), List.of("societa", "per", "azioni"),
      List.of("naamloze", "vennootschap"), List.of("besloten", "vennootschap"), List.of("proprietary", "limited"));

  /** Titles and generational suffixes that say nothing about which person it is. */
  private static final Set<String> HONORIFICS = Set.of("mr", "mrs", "ms", "miss", "dr", "prof", "sir", "jr", "sr", "ii", "iii", "iv", "phd", "md");

  private Names() {}

  /** Lower case, accents removed, punctuation turned into single spaces: "Zoë  O'Neil" becomes "zoe o neil". */
  public static String fold(@Nullable String raw) {
    if (raw == null) {
      return "";
    }
    String s = MARKS.matcher(Normalizer.normalize(raw, Normalizer.Form.NFKD)).replaceAll("");
    return NOT_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  /** Folded, with apostrophes and hyphens joined rather than split: "O'Neil" is "oneil", "Smith-Jones" "smithjones". */
  public static String foldToken(@Nullable String raw) {
    return fold(raw == null ? null : raw.replaceAll("['’\\-]", "")).replace(" ", "");
  }

  /**
   * Digits in a name read as the letters they are mistaken for ("hardis0n" → "hardison", "5mith" → "smith"): a name
   * has no digits, and a scanned or retyped list swaps them in. 1 is read as "i" (it stands for "l" as often; that is
   * one letter apart, which the comparison's typo levels absorb).
   */
  public static String lookAlikes(String folded) {
    boolean digits = false;
    for (int i = 0; i < folded.length() && !digits; i++) {
      digits = Character.isDigit(folded.charAt(i));
    }
    if (!digits) {
      return folded;
    }
    StringBuilder out = new StringBuilder(folded.length());
    for (char c : folded.toCharArray()) {
      out.append(switch (c) {
        case '0' -> 'o';
        case '1' -> 'i';
        case '3' -> 'e';
        case '4' -> 'a';
        case '5' -> 's';
        case '7' -> 't';
        case '8' -> 'b';
        case '9' -> 'g';
        default -> c;
      });
    }
    return out.toString();
  }

  /** A person's name split into given name, middle names and surname. Empty strings for parts that are missing. */
  public record PersonName(String given, String middle, String surname) {
    /** Whether nothing was parsed. */
    public boolean isEmpty() {
      return given.isEmpty() && surname.isEmpty();
    }
  }

  /**
   * Parses a name as written: "Allen, Phillip K." → (phillip, k, allen); "Phillip K Allen" → the same; directory
   * suffixes ("&lt;/O=ENRON/…&gt;"), quotes and honorifics dropped; a single word is taken as the given name.
   */
  public static PersonName parse(@Nullable String raw) {
    if (raw == null || raw.isBlank() || raw.contains("@")) {
      return new PersonName("", "", "");
    }
    String n = raw.replaceAll("<[^>]*>", "").replace("\"", "").strip();
    int comma = n.indexOf(',');
    if (comma > 0 && n.indexOf(',', comma + 1) < 0) {
      n = n.substring(comma + 1).strip() + " " + n.substring(0, comma).strip();
    }
    List<String> words = new ArrayList<>();
    for (String w : n.split("\\s+")) {
      String t = foldToken(w);
      if (!t.isEmpty() && !HONORIFICS.contains(t)) {
        words.add(t);
      }
    }
    if (words.isEmpty()) {
      return new PersonName("", "", "");
    }
    if (words.size() == 1) {
      return new PersonName(words.get(0), "", "");
    }
    return new PersonName(words.get(0), String.join(" ", words.subList(1, words.size() - 1)), words.get(words.size() - 1));
  }

  /** The canonical names a given name may be short for, including itself ("bob" → robert, bob). */
  public static Set<String> canonical(String given) {
    Set<String> out = new HashSet<>();
    out.add(given);
    out.addAll(NICKNAMES.getOrDefault(given, Set.of()));
    return out;
  }

  /** Whether two given names can be the same person's: equal, one a nickname of the other, or one an initial. */
  public static boolean compatibleGiven(String a, String b) {
    if (a.isEmpty() || b.isEmpty()) {
      return false;
    }
    if (a.equals(b)) {
      return true;
    }
    if (a.length() == 1 || b.length() == 1) {
      return a.charAt(0) == b.charAt(0);
    }
    Set<String> ca = canonical(a);
    for (String c : canonical(b)) {
      if (ca.contains(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A company name without legal forms and punctuation: "ACME Corporation" → "acme", "Globex GmbH &amp; Co. KG" →
   * "globex", "Acme Pharma G.m.b.H." → "acme pharma" (letters written one by one are one word: "j p morgan" is
   * "jp morgan", as "JP Morgan" is), "Dunder Retail Aktiengesellschaft" → "dunder retail".
   */
  public static String company(@Nullable String raw) {
    List<String> words = joinSingleLetters(fold(raw == null ? null : raw.replace("&", " and ")).split(" "));
    boolean stripped = true;
    while (stripped && words.size() > 1) {
      stripped = false;
      // Phrases first: "public limited company" word by word would leave "public".
      for (List<String> phrase : LEGAL_PHRASES) {
        if (words.size() > phrase.size() && words.subList(words.size() - phrase.size(), words.size()).equals(phrase)) {
          words.subList(words.size() - phrase.size(), words.size()).clear();
          stripped = true;
          break;
        }
      }
      String last = words.get(words.size() - 1);
      if (!stripped && (LEGAL_SUFFIXES.contains(last) || last.equals("and"))) {
        words.remove(words.size() - 1);
        stripped = true;
      }
    }
    if (words.size() > 1 && words.get(0).equals("the")) {
      words.remove(0);
    }
    return String.join(" ", words);
  }

  /** The words, with runs of two or more single letters written as one word ("g m b h" → "gmbh"); empty words dropped. */
  private static List<String> joinSingleLetters(String[] split) {
    List<String> out = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    for (String w : split) {
      if (w.length() == 1 && Character.isLetter(w.charAt(0))) {
        run.append(w);
        continue;
      }
      flush(out, run);
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    flush(out, run);
    return out;
  }

  /** Adds the run of single letters read so far, if any (one letter stays a word of its own), and starts a new one. */
  private static void flush(List<String> out, StringBuilder run) {
    if (!run.isEmpty()) {
      out.add(run.toString());
    }
    run.setLength(0);
  }

  private static Map<String, Set<String>> loadNicknames() {
    Map<String, Set<String>> out = new HashMap<>();
    try (InputStream in = Names.class.getResourceAsStream("/resolve/nicknames.tsv")) {
      if (in == null) {
        throw new IllegalStateException("resolve/nicknames.tsv is missing from the class path");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t");
        for (String v : parts[1].split(",")) {
          out.computeIfAbsent(v.strip(), k -> new HashSet<>()).add(parts[0]);
        }
        out.computeIfAbsent(parts[0], k -> new HashSet<>()).add(parts[0]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
