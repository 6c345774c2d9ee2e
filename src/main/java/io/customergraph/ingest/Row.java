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

  private Row(Map<String, String> values, Map<String, String> mapping, @Nullable JsonNode json) {
    this.values = values;
    this.mapping = mapping;
    this.json = json;
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
    String header = null;
    if (metadata != null) {
      String[] lines = metadata.split("\n", -1);
      header = lines[0].isBlank() ? null : lines[0];
      for (int i = 1; i < lines.length; i++) {
        if (lines[i].startsWith("map ")) {
          for (String pair : lines[i].substring(4).split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
              mapping.put(key(kv[0]), key(kv[1]));
            }
          }
        }
      }
    }
    if (header != null) {
      return csv(header, raw.text(), mapping);
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
    node.properties().forEach(e -> {
      JsonNode v = e.getValue();
      if (v.isValueNode() && !v.isNull()) {
        values.put(key(e.getKey()), v.asString());
      }
    });
    return new Row(values, mapping, node);
  }

  private static Row csv(String header, String line, Map<String, String> mapping) {
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
      for (int i = 0; i < names.size(); i++) {
        values.put(key(names.get(i)), r.get(i));
      }
      return new Row(values, mapping, null);
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
      String mapped = mapping.get(key(name));
      String v = values.get(mapped != null ? mapped : key(name));
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
