package io.customergraph.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One CSV row or JSON object as named fields. Fields are found by the caller's column mapping first, then by a list
 * of usual column names, compared without case, spaces, dashes or underscores ("Requester Email", "requester_email"
 * and "requesterEmail" are one column).
 *
 * <p>A raw CSV record carries its header (and the mapping, if any) in {@link RawRecord#metadata()}: the first line is
 * the CSV header, an optional second line {@code map field=column,…}. So a quarantined row can be retried alone.
 */
final class Row {

  private final Map<String, String> values;
  private final Map<String, String> mapping;
  private final @Nullable JsonNode json;
  /** Each column's name as the file wrote it, by its key. */
  private final Map<String, String> columns;
  /** Values given by the mapping itself ({@code kind==CHURN_RISK}): the same for every row. */
  private final Map<String, String> constants;
  /** Where the row is in its source ({@code file:row}): what {@code @row} in a mapping stands for. */
  private final String position;
  /** Keys of the columns a parser has read; the rest are the record's own fields. */
  private final java.util.Set<String> read = new java.util.HashSet<>();

  private Row(Map<String, String> values, Map<String, String> columns, Map<String, String> mapping, Map<String, String> constants,
      String position, @Nullable JsonNode json) {
    this.values = values;
    this.columns = columns;
    this.mapping = mapping;
    this.constants = constants;
    this.position = position;
    this.json = json;
  }

  /** What a mapping writes for a field to be the row's place in its file: {@code id=@row}. */
  static final String ROW = "@row";

  /** At most this many own fields are kept per record; a file with more columns is refused row by row, with the reason. */
  static final int MAX_OWN_FIELDS = 200;

  /**
   * The columns no parser read, as the record's own fields: {@code field_<name in snake case>} → value, a blank value
   * as "" (known to be empty). A column the mapping names for one of our fields was read; so was every usual column
   * name found. With them the time the row's values hold from, when the file gives one ({@code asOf}: a column such
   * as {@code as_of} or {@code snapshot_date}, or a constant {@code --map asOf==2026-01-01}); never in the future.
   */
  Facts.OwnValues ownFields() {
    OffsetDateTime asOf = pastTime("as-of time", "a row's values hold from a moment that has come", "as_of", "snapshot_date", "snapshot_at", "valid_from");
    Map<String, String> out = new java.util.TreeMap<>();
    values.forEach((k, v) -> {
      if (!read.contains(k) && v != null) {
        String name = fieldName(columns.getOrDefault(k, k));
        if (!name.isEmpty()) {
          String stripped = v.strip();
          if (stripped.length() > MAX_FIELD) {
            throw new Unreadable("column %s is %,d characters long; at most %,d are kept as an own field".formatted(columns.getOrDefault(k, k), stripped.length(), MAX_FIELD));
          }
          // Two columns of one name in snake case: a value wins over a blank.
          out.merge(name, stripped, (a, b) -> a.isEmpty() ? b : a);
        }
      }
    });
    if (out.size() > MAX_OWN_FIELDS) {
      throw new Unreadable("%d columns to keep as own fields; at most %d are kept per record".formatted(out.size(), MAX_OWN_FIELDS));
    }
    return new Facts.OwnValues(out, asOf == null ? null : asOf.toInstant());
  }

  /** {@code field_} and the column's name in lower snake case ("Customer service calls" → {@code field_customer_service_calls}). */
  static String fieldName(String column) {
    String snake = io.customergraph.graph.FieldHistory.snakeCase(column);
    return snake.isEmpty() ? "" : "field_" + snake;
  }

  /** Thrown when a record is not a readable row; its message is the quarantine reason. */
  static final class Unreadable extends RuntimeException {
    Unreadable(String message) {
      super(message);
    }
  }

  static Row of(RawRecord raw) {
    String metadata = raw.metadata();
    Map<String, String> mapping = new HashMap<>();
    Map<String, String> constants = new HashMap<>();
    String header = null;
    if (metadata != null) {
      String[] lines = metadata.split("\n", -1);
      header = lines[0].isBlank() ? null : lines[0];
      for (int i = 1; i < lines.length; i++) {
        if (lines[i].startsWith("map ")) {
          for (String pair : lines[i].substring(4).split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && kv[1].strip().startsWith("=")) {
              constants.put(key(kv[0]), kv[1].strip().substring(1).strip());
            } else if (kv.length == 2) {
              mapping.put(key(kv[0]), key(kv[1]));
            }
          }
        }
      }
    }
    if (header != null) {
      return csv(header, raw.text(), mapping, constants, rowRef(raw));
    }
    JsonNode node;
    try {
      node = RecordSource.JSON.readTree(raw.payload());
    } catch (RuntimeException e) {
      throw new Unreadable("invalid JSON: " + firstLine(e.getMessage()));
    }
    if (node == null || !node.isObject()) {
      throw new Unreadable("expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(Locale.ROOT)));
    }
    Map<String, String> values = new HashMap<>();
    Map<String, String> columns = new HashMap<>();
    node.properties().forEach(e -> {
      JsonNode v = e.getValue();
      if (v.isValueNode() && !v.isNull()) {
        values.put(key(e.getKey()), v.asString());
        columns.put(key(e.getKey()), e.getKey());
      }
    });
    return new Row(values, columns, mapping, constants, rowRef(raw), node);
  }

  /** The row's place: its file's name (without folders) and its record number, e.g. {@code churn-80.csv:12}. */
  private static String rowRef(RawRecord raw) {
    String position = raw.position();
    int slash = Math.max(position.lastIndexOf('/'), position.lastIndexOf('\\'));
    return slash < 0 ? position : position.substring(slash + 1);
  }

  private static Row csv(String header, String line, Map<String, String> mapping, Map<String, String> constants, String position) {
    try {
      List<String> names = CSVFormat.DEFAULT.parse(new StringReader(header)).getRecords().get(0).toList();
      List<CSVRecord> records = CSVFormat.DEFAULT.builder().setTrim(true).get().parse(new StringReader(line)).getRecords();
      if (records.size() != 1) {
        throw new Unreadable("expected one CSV row, found " + records.size());
      }
      CSVRecord r = records.get(0);
      if (r.size() != names.size()) {
        throw new Unreadable("row has " + r.size() + " columns but the header has " + names.size() + " (" + String.join(", ", names) + "); a separator or quote is probably missing or extra");
      }
      Map<String, String> values = new HashMap<>();
      Map<String, String> columns = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        values.put(key(names.get(i)), r.get(i));
        columns.put(key(names.get(i)), names.get(i).strip());
      }
      return new Row(values, columns, mapping, constants, position, null);
    } catch (IOException | IndexOutOfBoundsException e) {
      throw new Unreadable("unreadable CSV: " + e.getMessage());
    }
  }

  static String key(String column) {
    return column.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-.]", "");
  }

  /**
   * Longest value of a short field (a name, id, email, phone, date, status, URL): they are keys, matched and indexed,
   * and Neo4j refuses to index a value of several kilobytes — a megabyte in one column failed the whole import
   * (issue #18's hostile-input corpus). A longer value makes the row unreadable, so it is quarantined with the reason.
   */
  static final int MAX_FIELD = 1_000;

  /** Longest free text (a ticket's description, a comment): a megabyte holds any real one. */
  static final int MAX_TEXT = 1_000_000;

  /** The first non-blank value among the field's mapped column and its usual names; a short field, at most {@value #MAX_FIELD} characters. */
  @Nullable String get(String... names) {
    return value(MAX_FIELD, names);
  }

  /** As {@link #get}, for free text: at most {@value #MAX_TEXT} characters. */
  @Nullable String text(String... names) {
    return value(MAX_TEXT, names);
  }

  private @Nullable String value(int limit, String... names) {
    for (String name : names) {
      String constant = constants.get(key(name));
      if (constant != null && !constant.isBlank()) {
        return constant;
      }
      String mapped = mapping.get(key(name));
      if (ROW.equals(mapped)) {
        return position;
      }
      String column = mapped != null ? mapped : key(name);
      if (values.containsKey(column)) {
        read.add(column);
      }
      String v = values.get(column);
      if (v != null && !v.isBlank()) {
        String stripped = v.strip();
        if (stripped.length() > limit) {
          throw new Unreadable("column %s is %,d characters long; at most %,d are read for it".formatted(mapped != null ? mapped : name, stripped.length(), limit));
        }
        return stripped;
      }
    }
    return null;
  }

  String require(String what, String... names) {
    String v = get(names);
    if (v == null) {
      throw new Unreadable("missing " + what + " (looked for column " + String.join(" / ", names) + ")");
    }
    return v;
  }

  /** A list field: a JSON array of strings or objects with a body/text, or text separated by " | ". */
  List<String> list(String name) {
    List<String> out = new ArrayList<>();
    if (json != null && json.get(name) != null && json.get(name).isArray()) {
      for (JsonNode item : json.get(name)) {
        if (item.isObject()) {
          String author = item.has("author") ? item.get("author").asString() + ": " : "";
          String body = item.has("body") ? item.get("body").asString() : item.has("text") ? item.get("text").asString() : item.toString();
          out.add(author + body);
        } else {
          out.add(item.asString());
        }
      }
      return out;
    }
    String v = get(name);
    if (v != null) {
      for (String part : v.split("\\s\\|\\s")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  @Nullable OffsetDateTime time(String what, String... names) {
    String v = get(names);
    return v == null ? null : parseTime(what, v);
  }

  /**
   * As {@link #time}, for a moment that must have come (five minutes' clock skew allowed); a later one makes the row
   * unreadable, saying {@code why}.
   */
  @Nullable OffsetDateTime pastTime(String what, String why, String... names) {
    OffsetDateTime t = time(what, names);
    if (t != null && t.toInstant().isAfter(java.time.Instant.now().plus(java.time.Duration.ofMinutes(5)))) {
      throw new Unreadable(what + " " + t + " is in the future: " + why);
    }
    return t;
  }

  OffsetDateTime requireTime(String what, String... names) {
    return parseTime(what, require(what, names));
  }

  static OffsetDateTime parseTime(String what, String v) {
    try {
      return OffsetDateTime.parse(v);
    } catch (DateTimeParseException e) {
      // try the other usual forms
    }
    try {
      return LocalDateTime.parse(v.replace(' ', 'T')).atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // try the other usual forms
    }
    try {
      return LocalDate.parse(v).atStartOfDay().atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // try the other usual forms
    }
    try {
      return OffsetDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
    } catch (DateTimeParseException e) {
      // try the other usual forms
    }
    if (v.matches("\\d{10,13}")) {
      long n = Long.parseLong(v);
      return java.time.Instant.ofEpochMilli(v.length() == 13 ? n : n * 1000).atOffset(ZoneOffset.UTC);
    }
    throw new Unreadable("unreadable " + what + " '" + v + "': use ISO-8601 such as 2026-03-01T12:00:00Z or 2026-03-01");
  }

  @Nullable LocalDate date(String what, String... names) {
    OffsetDateTime t = time(what, names);
    return t == null ? null : t.toLocalDate();
  }

  @Nullable Double number(String what, String... names) {
    String v = get(names);
    if (v == null) {
      return null;
    }
    try {
      return Double.parseDouble(v.replace(",", "").replace("$", "").replace("€", "").strip());
    } catch (NumberFormatException e) {
      throw new Unreadable("unreadable " + what + " '" + v + "': expected a number");
    }
  }

  @Nullable Integer integer(String what, String... names) {
    Double d = number(what, names);
    return d == null ? null : (int) Math.round(d);
  }

  private static String firstLine(@Nullable String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
