package io.customergraph.resolve;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One record to resolve: an id and its cleaned field values (empty string = missing), plus an optional name vector
 * (mean word vector of a company name) for nearest-neighbour candidates and cosine comparison.
 */
public final class Entry {

  private static final Field[] FIELDS = Field.values();

  private final String id;
  private final String[] values;
  private final float @Nullable [] vector;
  /** The entity's other email addresses (merged in, or held besides the main one): found by search, compared as forms. */
  private final java.util.List<String> otherEmails;

  private Entry(String id, String[] values, float @Nullable [] vector) {
    this(id, values, vector, java.util.List.of());
  }

  private Entry(String id, String[] values, float @Nullable [] vector, java.util.List<String> otherEmails) {
    this.id = id;
    this.values = values;
    this.vector = vector;
    this.otherEmails = otherEmails;
  }

  /** The same record under another id (a batch's ids are unique: files that share an id are told apart by name). */
  public Entry withId(String other) {
    return new Entry(other, values, vector, otherEmails);
  }

  /** The same record holding other email addresses too (cleaned; the main one and blanks left out). */
  public Entry withOtherEmails(java.util.Collection<String> emails) {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    for (String e : emails) {
      String c = Field.EMAIL.clean(e);
      if (!c.isEmpty() && !c.equals(get(Field.EMAIL))) {
        out.add(c);
      }
    }
    return new Entry(id, values, vector, java.util.List.copyOf(out));
  }

  /** Other email addresses of the entity ({@link #withOtherEmails}). */
  public java.util.List<String> otherEmails() {
    return otherEmails;
  }

  /**
   * The record as it is and once with each other address as its email: an entity with several addresses matches
   * a record by whichever of them is that record's.
   */
  java.util.List<Entry> forms() {
    if (otherEmails.isEmpty()) {
      return java.util.List.of(this);
    }
    java.util.List<Entry> out = new java.util.ArrayList<>();
    out.add(this);
    for (String e : otherEmails) {
      String[] v = values.clone();
      v[Field.EMAIL.ordinal()] = e;
      out.add(new Entry(id, v, vector, otherEmails));
    }
    return out;
  }

  /** Cleans raw values; a full name fills the given, middle and surname fields that are not given separately. */
  public static Entry of(String id, Map<Field, String> raw, float @Nullable [] vector) {
    String[] v = new String[FIELDS.length];
    Arrays.fill(v, "");
    raw.forEach((f, value) -> v[f.ordinal()] = f.clean(value));
    String full = raw.get(Field.FULL_NAME);
    if (full != null && v[Field.GIVEN_NAME.ordinal()].isEmpty() && v[Field.SURNAME.ordinal()].isEmpty()) {
      Names.PersonName n = Names.parse(full);
      v[Field.GIVEN_NAME.ordinal()] = n.given();
      v[Field.MIDDLE_NAME.ordinal()] = n.middle();
      v[Field.SURNAME.ordinal()] = n.surname();
    }
    if (v[Field.DOMAIN.ordinal()].isEmpty() && !v[Field.EMAIL.ordinal()].isEmpty() && raw.containsKey(Field.COMPANY)) {
      // A record naming a company but no web domain takes the domain of its address (note: the email comparison's
      // "same domain" level then counts the same evidence a second time when both are compared).
      v[Field.DOMAIN.ordinal()] = domainOf(v[Field.EMAIL.ordinal()]);
    }
    return new Entry(id, v, vector);
  }

  /** Values as stored (already clean), in {@link Field} order; used when reading entries back from the index. */
  static Entry ofClean(String id, String[] values, float @Nullable [] vector) {
    return new Entry(id, values, vector);
  }

  /** As {@link #ofClean(String, String[], float[])}, with other (clean) email addresses. */
  static Entry ofClean(String id, String[] values, float @Nullable [] vector, java.util.List<String> otherEmails) {
    return new Entry(id, values, vector, java.util.List.copyOf(otherEmails));
  }

  public String id() {
    return id;
  }

  /** The cleaned value, empty when missing. */
  public String get(Field f) {
    return values[f.ordinal()];
  }

  public boolean has(Field f) {
    return !values[f.ordinal()].isEmpty();
  }

  public float @Nullable [] vector() {
    return vector;
  }

  String[] values() {
    return values;
  }

  /** The same record with given name and surname exchanged (for "Smith John" written the wrong way round). */
  Entry swapped() {
    String[] v = values.clone();
    v[Field.GIVEN_NAME.ordinal()] = values[Field.SURNAME.ordinal()];
    v[Field.SURNAME.ordinal()] = values[Field.GIVEN_NAME.ordinal()];
    return new Entry(id, v, vector, otherEmails);
  }

  /** The local part of an address. */
  static String localOf(String email) {
    int at = email.lastIndexOf('@');
    return at < 0 ? email : email.substring(0, at);
  }

  /** The organisation of an address's domain ("ect.enron.com" → "enron.com", {@link io.customergraph.graph.Organisations}), or empty. */
  static String domainOf(String email) {
    int at = email.lastIndexOf('@');
    return at < 0 || at == email.length() - 1 ? "" : io.customergraph.graph.Organisations.of(email.substring(at + 1));
  }

  /** A readable view for explanations: field → value for the fields present. */
  public Map<Field, String> present() {
    Map<Field, String> out = new EnumMap<>(Field.class);
    for (Field f : FIELDS) {
      if (!values[f.ordinal()].isEmpty()) {
        out.put(f, values[f.ordinal()]);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return id + present();
  }
}
