package io.customergraph.graph;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The values an own field ({@code field_x}) has had, with when each became known — so a score read as of a date, and
 * a model learning from an outcome, read the field as it was then, never a value set at or after the outcome (issue
 * #18's leak guard by time, #22's history). Kept beside the field as {@code fieldHistory_x}: a list of
 * {@code "<instant>|<value>"} strings, oldest first.
 *
 * <p>When a value became known: the time the file gives for its rows ({@code --map asOf=column} or
 * {@code asOf==2026-01-01}), else the import's time — except for a field's <b>first</b> value, which is the baseline:
 * without a time from the file it is <em>undated</em> (an empty instant) and read at any moment, as a CRM snapshot
 * describes the customer as it has been. A column present but blank is a value too (known to be empty), so a field
 * that is filled in later — a cancellation reason, a close value — is dated by the import that brought it and read
 * as empty before. Equal neighbours collapse (the earlier time is kept), so importing the same file again changes
 * nothing.
 */
public final class FieldHistory {

  private FieldHistory() {}

  /**
   * A column's name as an own field is named after it, without {@code field_}: lower snake case, accents dropped, at
   * most 60 characters ("Customer service calls", "CustomerServiceCalls" → {@code customer_service_calls}). The import
   * writes {@code field_} and this; configuration and evaluations name fields by it, so a header's spelling is enough.
   */
  public static String snakeCase(String column) {
    String snake = java.text.Normalizer.normalize(column, java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
        .replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    return snake.length() > 60 ? snake.substring(0, 60) : snake;
  }

  /** The property holding a field's history: {@code field_x} → {@code fieldHistory_x}. */
  public static String property(String field) {
    return "fieldHistory_" + field.substring(field.indexOf('_') + 1);
  }

  /**
   * One value and when it became known.
   *
   * @param at when it became known; null: undated, the first value of a file that said no time
   * @param value the value; empty when the column was blank
   */
  public record Entry(@Nullable Instant at, String value) {

    String encode() {
      return (at == null ? "" : at.toString()) + "|" + value;
    }

    static Entry decode(String s) {
      int bar = s.indexOf('|');
      if (bar < 0) {
        return new Entry(null, s);
      }
      return new Entry(bar == 0 ? null : Instant.parse(s.substring(0, bar)), s.substring(bar + 1));
    }
  }

  private static final Comparator<Entry> BY_TIME = Comparator.comparing(Entry::at, Comparator.nullsFirst(Comparator.naturalOrder()));

  public static List<Entry> decode(@Nullable List<?> stored) {
    List<Entry> out = new ArrayList<>();
    if (stored != null) {
      for (Object o : stored) {
        out.add(Entry.decode(String.valueOf(o)));
      }
    }
    return out;
  }

  public static List<String> encode(List<Entry> history) {
    return history.stream().map(Entry::encode).toList();
  }

  /**
   * The history after a file gave the field a value.
   *
   * @param history what is stored (oldest first), possibly empty
   * @param legacy the field's value where it was written before histories were kept (no history), else null: it
   *     becomes the undated baseline
   * @param value the new value ("" for a blank column)
   * @param asOf the time the file gives, or null
   * @param now the import's time, for a change the file gives no time for
   */
  public static List<Entry> merge(List<Entry> history, @Nullable String legacy, String value, @Nullable Instant asOf, Instant now) {
    List<Entry> h = new ArrayList<>(history);
    if (h.isEmpty() && legacy != null) {
      h.add(new Entry(null, legacy));
    }
    if (h.isEmpty()) {
      h.add(new Entry(asOf, value));
      return h;
    }
    Entry added = new Entry(asOf != null ? asOf : now, value);
    // A value for a moment already held replaces it (a corrected snapshot); otherwise it goes in at its time.
    h.removeIf(e -> added.at().equals(e.at()));
    h.add(added);
    h.sort(BY_TIME);
    List<Entry> collapsed = new ArrayList<>();
    for (Entry e : h) {
      if (collapsed.isEmpty() || !collapsed.get(collapsed.size() - 1).value().equals(e.value())) {
        collapsed.add(e);
      }
    }
    return collapsed;
  }

  /** The value known at the moment (null where none was known yet, or it was blank). */
  public static @Nullable String at(List<Entry> history, Instant moment) {
    String out = null;
    boolean known = false;
    for (Entry e : history) {
      if (e.at() == null || !e.at().isAfter(moment)) {
        out = e.value();
        known = true;
      }
    }
    return known && !out.isBlank() ? out : null;
  }

  /** The value now: the newest (null when blank). */
  public static @Nullable String current(List<Entry> history) {
    if (history.isEmpty()) {
      return null;
    }
    String v = history.get(history.size() - 1).value();
    return v.isBlank() ? null : v;
  }

  /** When the current value became known (null: undated, or no value). */
  public static @Nullable Instant since(List<Entry> history) {
    return history.isEmpty() ? null : history.get(history.size() - 1).at();
  }
}
