package io.customergraph.resolve;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Thin, dirty versions of a data set for evaluation: only the fields real customer lists often have (given name,
 * surname, town, postcode), and a seeded share of the records corrupted further — typos (a letter dropped, doubled,
 * replaced or two swapped), digit-for-letter look-alikes ("0"/"o", "5"/"s"), given name and surname exchanged, a value
 * missing, one postcode digit changed. The same records and seed always give the same copy.
 */
public final class ThinFields {

  /** The fields kept. */
  public static final Set<Field> KEPT = Set.of(Field.GIVEN_NAME, Field.SURNAME, Field.CITY, Field.POSTCODE);

  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
  private static final Map<Character, Character> LOOK_ALIKE = Map.of('o', '0', 's', '5', 'i', '1', 'l', '1', 'e', '3', 'a', '4', 'b', '8', 'g', '9');

  private ThinFields() {}

  /**
   * The records with only {@link #KEPT} fields, and {@code share} of them corrupted by one or two seeded changes.
   *
   * @param share the share of records changed (0.2 = 20 %)
   */
  public static List<Entry> of(List<Entry> entries, double share, long seed) {
    List<Map<Field, String>> rows = rows(entries, share, seed);
    List<Entry> out = new ArrayList<>(entries.size());
    for (int i = 0; i < rows.size(); i++) {
      out.add(Entry.of(entries.get(i).id(), rows.get(i), null));
    }
    return out;
  }

  /**
   * The same thin, corrupted records as {@link #of} before cleaning ("hardis0n" still written with a zero): what a
   * file of them would hold, for a peer to read.
   */
  public static List<Map<Field, String>> rows(List<Entry> entries, double share, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Map<Field, String>> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      Map<Field, String> v = new EnumMap<>(Field.class);
      for (Field f : KEPT) {
        if (e.has(f)) {
          v.put(f, e.get(f));
        }
      }
      if (random.nextDouble() < share) {
        int changes = 1 + random.nextInt(2);
        for (int c = 0; c < changes; c++) {
          corrupt(v, random);
        }
      }
      out.add(v);
    }
    return out;
  }

  private static void corrupt(Map<Field, String> v, SplittableRandom random) {
    int kind = random.nextInt(10);
    Field name = random.nextBoolean() ? Field.GIVEN_NAME : Field.SURNAME;
    switch (kind) {
      case 0, 1, 2, 3 -> v.computeIfPresent(name, (f, s) -> typo(s, random));
      case 4 -> v.computeIfPresent(name, (f, s) -> lookAlike(s, random));
      case 5 -> {
        String g = v.get(Field.GIVEN_NAME), s = v.get(Field.SURNAME);
        if (g != null && s != null) {
          v.put(Field.GIVEN_NAME, s);
          v.put(Field.SURNAME, g);
        }
      }
      case 6 -> v.remove(List.of(Field.GIVEN_NAME, Field.SURNAME, Field.CITY, Field.POSTCODE).get(random.nextInt(4)));
      case 7 -> v.computeIfPresent(Field.POSTCODE, (f, p) -> digit(p, random));
      default -> v.computeIfPresent(Field.CITY, (f, s) -> typo(s, random));
    }
  }

  /** One typing error: a letter dropped, doubled, replaced, or two neighbours swapped. */
  static String typo(String s, SplittableRandom random) {
    if (s.length() < 2) {
      return s;
    }
    int i = random.nextInt(s.length() - 1);
    return switch (random.nextInt(4)) {
      case 0 -> s.substring(0, i) + s.substring(i + 1);
      case 1 -> s.substring(0, i + 1) + s.charAt(i) + s.substring(i + 1);
      case 2 -> s.substring(0, i) + LETTERS.charAt(random.nextInt(LETTERS.length())) + s.substring(i + 1);
      default -> s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2);
    };
  }

  /** A letter written as the digit that looks like it ("hardison" → "hardis0n"), else a typo. */
  static String lookAlike(String s, SplittableRandom random) {
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < s.length(); i++) {
      if (LOOK_ALIKE.containsKey(s.charAt(i))) {
        at.add(i);
      }
    }
    if (at.isEmpty()) {
      return typo(s, random);
    }
    int i = at.get(random.nextInt(at.size()));
    return s.substring(0, i) + LOOK_ALIKE.get(s.charAt(i)) + s.substring(i + 1);
  }

  /** One digit of a postcode changed. */
  static String digit(String p, SplittableRandom random) {
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < p.length(); i++) {
      if (Character.isDigit(p.charAt(i))) {
        at.add(i);
      }
    }
    if (at.isEmpty()) {
      return p;
    }
    int i = at.get(random.nextInt(at.size()));
    char d = (char) ('0' + (p.charAt(i) - '0' + 1 + random.nextInt(9)) % 10);
    return p.substring(0, i) + d + p.substring(i + 1);
  }
}
