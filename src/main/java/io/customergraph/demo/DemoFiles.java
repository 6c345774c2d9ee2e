package io.customergraph.demo;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes a demo world and its ground truth as files: JSON lines per kind, and one truth JSON document. */
public final class DemoFiles {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
  private static final JsonMapper LINES =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private DemoFiles() {}

  /** The ground truth as an indented JSON document. */
  public static void writeTruth(DemoWorld world, Path file) throws IOException {
    Map<String, Object> doc = new TreeMap<>();
    doc.put("seed", world.seed());
    doc.put("anchor", world.anchor().toString());
    doc.put("duplicates", world.truth().duplicates());
    doc.put("accounts", world.truth().accounts());
    doc.put("deals", world.truth().deals());
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      JSON.writeValue(out, doc);
    }
  }

  /** Every kind as {@code <kind>.jsonl} in the directory, plus {@code truth.json}. */
  public static void writeWorld(DemoWorld world, Path directory) throws IOException {
    Files.createDirectories(directory);
    Map<String, List<Map<String, Object>>> parts = new TreeMap<>();
    parts.put("accounts", world.accounts());
    parts.put("contacts", world.contacts());
    parts.put("emails", world.emails());
    parts.put("calls", world.calls());
    parts.put("tickets", world.tickets());
    parts.put("invoices", world.invoices());
    parts.put("deals", world.deals());
    parts.put("activities", world.activities());
    parts.put("competitors", world.competitors());
    for (Map.Entry<String, List<Map<String, Object>>> part : parts.entrySet()) {
      try (Writer out = Files.newBufferedWriter(directory.resolve(part.getKey() + ".jsonl"), StandardCharsets.UTF_8)) {
        for (Map<String, Object> row : part.getValue()) {
          out.write(LINES.writeValueAsString(row));
          out.write('\n');
        }
      }
    }
    writeTruth(world, directory.resolve("truth.json"));
  }
}
