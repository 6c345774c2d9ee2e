package io.customergraph.ingest;

import java.util.List;
import java.util.Locale;

/** How an outcome file says what happened: the values read as positive or negative, and the columns that hold them. */
public final class OutcomeValues {

  /** Column names read as the outcome when no {@code --map outcome=…} says otherwise (compared without case, spaces or _). */
  public static final List<String> COLUMNS = List.of("outcome", "churn", "churned", "exited", "attrition", "won", "converted", "label", "result", "target");

  private OutcomeValues() {}

  /** Of a file's header, the first column that {@link #COLUMNS} names (as an outcome import reads it), or null. */
  public static @org.jspecify.annotations.Nullable String column(List<String> header) {
    for (String name : COLUMNS) {
      for (String h : header) {
        if (Row.key(h).equals(name)) {
          return h;
        }
      }
    }
    return null;
  }

  /**
   * Whether a value says the outcome happened (true/yes/y/1, won, churned, converted, positive) or not (false/no/n/0,
   * lost, renewed, stayed, retained, negative).
   *
   * @throws IllegalArgumentException naming the value, for anything else
   */
  public static boolean positive(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "")) {
      case "true", "yes", "y", "1", "1.0", "won", "churned", "converted", "positive" -> true;
      case "false", "no", "n", "0", "0.0", "lost", "renewed", "stayed", "retained", "negative" -> false;
      default -> throw new IllegalArgumentException("unreadable outcome '" + value + "': expected true/false, yes/no, 1/0, won/lost, churned/renewed");
    };
  }
}
