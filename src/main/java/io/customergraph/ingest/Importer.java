package io.customergraph.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/** Imports files of one kind: streams their records, writes them batch by batch, reports progress. */
@Service
public class Importer {

  private final IngestWriter writer;
  private final IngestProperties properties;

  Importer(IngestWriter writer, IngestProperties properties) {
    this.writer = writer;
    this.properties = properties;
  }

  /**
   * Progress after each batch.
   *
   * @param outcome counts so far
   * @param lastPosition where the last record of the batch came from
   */
  public record Progress(IngestOutcome outcome, String lastPosition) {}

  /** The end of an import. */
  public record Summary(IngestOutcome outcome, long millis) {
    /** Records per second over the whole import. */
    public double rate() {
      return millis == 0 ? outcome.total() : outcome.total() * 1000.0 / millis;
    }
  }

  /** Imports everything under the paths; a column mapping ({@code field=column}) applies to CSV and JSON rows. */
  public Summary importFiles(IngestKind kind, List<Path> paths, java.util.Map<String, String> mapping, Consumer<Progress> progress) {
    long started = System.nanoTime();
    IngestOutcome total = IngestOutcome.NONE;
    try (RecordSource source = RecordSource.open(kind, paths)) {
      List<RawRecord> batch = new ArrayList<>(properties.batchSize());
      while (source.hasNext()) {
        batch.add(withMapping(source.next(), mapping));
        if (batch.size() >= properties.batchSize()) {
          total = total.plus(writer.write(batch));
          progress.accept(new Progress(total, batch.get(batch.size() - 1).position()));
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        total = total.plus(writer.write(batch));
        progress.accept(new Progress(total, batch.get(batch.size() - 1).position()));
      }
    }
    return new Summary(total, (System.nanoTime() - started) / 1_000_000);
  }

  /** Writes records that are already in memory (GraphQL single records, HTTP uploads), batch by batch. */
  public IngestOutcome importRecords(List<RawRecord> records) {
    IngestOutcome total = IngestOutcome.NONE;
    for (int from = 0; from < records.size(); from += properties.batchSize()) {
      total = total.plus(writer.write(records.subList(from, Math.min(records.size(), from + properties.batchSize()))));
    }
    return total;
  }

  static RawRecord withMapping(RawRecord r, java.util.Map<String, String> mapping) {
    if (mapping.isEmpty()) {
      return r;
    }
    StringBuilder map = new StringBuilder("map ");
    mapping.forEach((field, column) -> map.append(field).append('=').append(column).append(','));
    String metadata = (r.metadata() == null ? "" : r.metadata().split("\n", 2)[0]) + "\n" + map;
    return new RawRecord(r.kind(), r.source(), r.position(), r.payload(), metadata);
  }
}
