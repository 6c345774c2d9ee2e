package io.customergraph.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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

  /**
   * Imports everything under the paths; a column mapping ({@code field=column}) applies to CSV and JSON rows.
   *
   * <p>Two stages: one thread reads and parses the next batches (no database work) while the calling thread writes
   * the current one, so parsing overlaps with the database on two cores. Batches are written in input order; at most
   * {@link #AHEAD} parsed batches wait, which bounds memory whatever the input size.
   */
  public Summary importFiles(IngestKind kind, List<Path> paths, java.util.Map<String, String> mapping, Consumer<Progress> progress) {
    return importFiles(kind, paths, mapping, progress, null);
  }

  /** The same, with records' positions relative to {@code root} (an upload's own folder, which is nobody's business). */
  public Summary importFiles(
      IngestKind kind, List<Path> paths, java.util.Map<String, String> mapping, Consumer<Progress> progress, @org.jspecify.annotations.Nullable Path root) {
    long started = System.nanoTime();
    // Finish the resolution an interrupted import left undone, so this run continues from the same graph.
    writer.resolvePending();
    IngestOutcome total = IngestOutcome.NONE;
    BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    RecordSource source = RecordSource.open(kind, paths, root);
    Thread reader = Thread.ofPlatform().name("ingest-reader").daemon(true).start(() -> read(source, mapping, queue));
    try {
      while (true) {
        Object next = queue.take();
        if (next == END) {
          break;
        }
        if (next instanceof RuntimeException e) {
          throw e;
        }
        IngestWriter.Prepared batch = (IngestWriter.Prepared) next;
        total = total.plus(writer.write(batch));
        progress.accept(new Progress(total, batch.lastPosition()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Import interrupted", e);
    } finally {
      reader.interrupt();
      source.close();
    }
    return new Summary(total, (System.nanoTime() - started) / 1_000_000);
  }

  /** Parsed batches waiting to be written: enough to keep the writer busy, few enough to bound memory. */
  private static final int AHEAD = 2;
  private static final Object END = new Object();

  private void read(RecordSource source, java.util.Map<String, String> mapping, BlockingQueue<Object> queue) {
    try {
      List<RawRecord> batch = new ArrayList<>(properties.batchSize());
      while (source.hasNext()) {
        batch.add(withMapping(source.next(), mapping));
        if (batch.size() >= properties.batchSize()) {
          queue.put(writer.prepare(batch));
          batch = new ArrayList<>(properties.batchSize());
        }
      }
      if (!batch.isEmpty()) {
        queue.put(writer.prepare(batch));
      }
      queue.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      try {
        queue.put(e);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Attaches a column mapping to a CSV row or JSON object; emails and calls have no columns (a call's metadata is its sidecar JSON). */
  static RawRecord withMapping(RawRecord r, java.util.Map<String, String> mapping) {
    if (mapping.isEmpty() || r.kind() == IngestKind.EMAIL || r.kind() == IngestKind.CALL) {
      return r;
    }
    StringBuilder map = new StringBuilder("map ");
    mapping.forEach((field, column) -> map.append(field).append('=').append(column).append(','));
    String metadata = (r.metadata() == null ? "" : r.metadata().split("\n", 2)[0]) + "\n" + map;
    return new RawRecord(r.kind(), r.source(), r.position(), r.payload(), metadata);
  }
}
