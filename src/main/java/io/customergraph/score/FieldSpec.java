package io.customergraph.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One of the customer's own fields a score learns from, as {@code customer-graph.score.fields.<kind>} names it:
 * {@code name[:numeric|:categorical][:increasing|:decreasing]}. The name is the property an import wrote
 * ({@code field_customer_service_calls}; the {@code field_} may be left out). Without a type, a field whose values are
 * all numbers with more than {@value #FEW_LEVELS} distinct ones is numeric, anything else categorical. A direction
 * declares the learnt shape monotone (more calls never lower churn risk).
 *
 * @param property the node property, {@code field_…}
 * @param type null: decided from the training values
 * @param direction +1 increasing, −1 decreasing, 0 free
 */
public record FieldSpec(String property, @Nullable Type type, int direction) {

  /** How a field's values enter the model. */
  public enum Type { NUMERIC, CATEGORICAL }

  /** A numeric-looking field with at most this many distinct values is read as categories (an area code, a 0/1 flag). */
  static final int FEW_LEVELS = 5;

  /** Parses a list of specs, refusing a malformed one by name. */
  static List<FieldSpec> parse(List<String> specs) {
    List<FieldSpec> out = new ArrayList<>();
    for (String raw : specs) {
      String s = raw.strip();
      if (s.isEmpty()) {
        continue;
      }
      String[] parts = s.split(":");
      String name = parts[0].strip();
      if (!name.matches("[A-Za-z0-9_]+")) {
        throw new IllegalArgumentException("customer-graph.score.fields: '%s' is not a field name (letters, digits and _; e.g. field_customer_service_calls:numeric:increasing)".formatted(raw));
      }
      // Named as the file's header or as the import wrote it: "SeniorCitizen" is field_senior_citizen.
      String snake = io.customergraph.graph.FieldHistory.snakeCase(name.startsWith("field_") ? name.substring("field_".length()) : name);
      if (snake.isEmpty()) {
        throw new IllegalArgumentException("customer-graph.score.fields: '%s' is not a field name".formatted(raw));
      }
      String property = "field_" + snake;
      Type type = null;
      int direction = 0;
      for (int i = 1; i < parts.length; i++) {
        switch (parts[i].strip().toLowerCase(Locale.ROOT)) {
          case "numeric", "number" -> type = Type.NUMERIC;
          case "categorical", "category", "text" -> type = Type.CATEGORICAL;
          case "increasing", "up" -> direction = 1;
          case "decreasing", "down" -> direction = -1;
          default -> throw new IllegalArgumentException(
              "customer-graph.score.fields: '%s' has an unknown part '%s'; expected numeric, categorical, increasing or decreasing".formatted(raw, parts[i]));
        }
      }
      if (direction != 0 && type == Type.CATEGORICAL) {
        throw new IllegalArgumentException("customer-graph.score.fields: '%s' is categorical and cannot be monotone".formatted(raw));
      }
      out.add(new FieldSpec(property, type, direction));
    }
    return List.copyOf(out);
  }

  /** The field's name as a person reads it: {@code field_customer_service_calls} → "customer service calls". */
  static String label(String property) {
    return (property.startsWith("field_") ? property.substring(6) : property).replace('_', ' ');
  }

  /** A field value as a number, or null when it is not one. */
  static @Nullable Double number(@Nullable String v) {
    if (v == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(v.strip().replace(",", ""));
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
