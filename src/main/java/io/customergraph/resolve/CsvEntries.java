package io.customergraph.resolve;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/** Reads records to resolve from CSV files with a header, mapping columns onto {@link Field}s. */
public final class CsvEntries {

  private CsvEntries() {}

  /** A row read: the record to resolve and the row's columns as written (for truth columns and output). */
  public record Row(Entry entry, Map<String, String> columns) {}

  /**
   * Reads a file.
   *
   * @param mapping field → column; fields not mapped are taken from columns of the same name (given_name, surname,
   *     email…, or a synonym such as first_name)
   * @param idColumn the column holding each row's id; rows are numbered from 1 when null
   * @throws IllegalArgumentException naming the column when a mapped or id column is missing, or a row's id is empty
   */
  public static List<Row> read(Path file, Map<Field, String> mapping, @Nullable String idColumn) throws IOException {
    return read(file, mapping, idColumn, Set.of(), w -> {});
  }

  /**
   * Reads a file, telling {@code notes} how columns were read: which field each compared column fills, and each column
   * that fills none (other than the id column and {@code known}, columns the caller reads itself). A column named in
   * {@code mapping} fills only the field it is mapped to, never also the field its header would name.
   */
  public static List<Row> read(Path file, Map<Field, String> mapping, @Nullable String idColumn, Set<String> known, java.util.function.Consumer<String> notes)
      throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.DISALLOW).setIgnoreSurroundingSpaces(true).setTrim(true).get();
    List<Row> out = new ArrayList<>();
    CSVParser parser;
    Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    try {
      parser = CSVParser.parse(reader, format);
    } catch (IllegalArgumentException e) {
      // A duplicate or empty header name.
      reader.close();
      throw new IllegalArgumentException("%s: %s".formatted(file.getFileName(), e.getMessage().replaceFirst("\\s*If this is valid.*$", "")), e);
    }
    try (reader; parser) {
      List<String> header = parser.getHeaderNames();
      Map<Field, String> columns = new EnumMap<>(Field.class);
      java.util.Collection<String> explicit = mapping.values();
      for (String h : header) {
        Field f = Field.of(h);
        // An explicitly mapped column is read only as the field it is mapped to ("Name" mapped to company is no full name).
        if (f != null && !explicit.contains(h) && !mapping.containsKey(f)) {
          columns.put(f, h);
        }
      }
      mapping.forEach((field, column) -> {
        if (!header.contains(column)) {
          throw new IllegalArgumentException("%s: --map %s=%s names no column; columns are %s".formatted(file.getFileName(), field.key(), column, header));
        }
        columns.put(field, column);
      });
      StringBuilder read = new StringBuilder();
      columns.forEach((f, c) -> read.append(read.isEmpty() ? "" : ", ").append(f.key()).append(f.key().equals(c) ? "" : " ← " + c));
      notes.accept("%s: comparing %s".formatted(file.getFileName(), read));
      List<String> unused = header.stream().filter(h -> !columns.containsValue(h) && !h.equals(idColumn) && !known.contains(h)).toList();
      if (!unused.isEmpty()) {
        boolean idLike = idColumn == null && unused.stream().anyMatch(h -> h.equalsIgnoreCase("id"));
        notes.accept("%s: warning: column%s %s map%s to no field and %s not compared (map with --map field=column%s)".formatted(file.getFileName(),
            unused.size() == 1 ? "" : "s", String.join(", ", unused), unused.size() == 1 ? "s" : "", unused.size() == 1 ? "is" : "are",
            idLike ? "; name the rows' id column with --id-column" : ""));
      }
      if (idColumn != null && !header.contains(idColumn)) {
        throw new IllegalArgumentException("%s: --id-column %s names no column; columns are %s".formatted(file.getFileName(), idColumn, header));
      }
      if (columns.isEmpty()) {
        throw new IllegalArgumentException("%s: no column maps to a field to compare; map some with --map given_name=<column>,…".formatted(file.getFileName()));
      }
      for (CSVRecord r : parser) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (String h : header) {
          raw.put(h, r.isSet(h) ? r.get(h) : "");
        }
        String id = idColumn == null ? String.valueOf(r.getRecordNumber()) : raw.get(idColumn);
        if (id == null || id.isBlank()) {
          throw new IllegalArgumentException("%s, line %d: the id column %s is empty".formatted(file.getFileName(), r.getParser().getCurrentLineNumber(), idColumn));
        }
        Map<Field, String> values = new EnumMap<>(Field.class);
        columns.forEach((f, c) -> values.put(f, raw.get(c)));
        out.add(new Row(Entry.of(id, values, null), raw));
      }
    } catch (java.io.UncheckedIOException e) {
      // commons-csv reports a malformed row (an unclosed quote, text after a closing quote) this way, with its line.
      throw new IOException("%s is not valid CSV: %s".formatted(file.getFileName(), e.getCause().getMessage()), e.getCause());
    }
    return out;
  }

  /** Parses "given_name=firstName,surname=lastName" into a mapping; unknown field names are an error naming them. */
  public static Map<Field, String> mapping(@Nullable String spec) {
    Map<Field, String> out = new EnumMap<>(Field.class);
    if (spec == null || spec.isBlank()) {
      return out;
    }
    for (String part : spec.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv.length != 2 || kv[1].isBlank()) {
        throw new IllegalArgumentException("--map expects field=column pairs separated by commas, got '" + part + "'");
      }
      Field f = Field.of(kv[0]);
      if (f == null) {
        throw new IllegalArgumentException("--map: unknown field '%s'; fields are %s".formatted(kv[0], java.util.Arrays.stream(Field.values()).map(Field::key).toList()));
      }
      out.put(f, kv[1].strip());
    }
    return out;
  }
}
