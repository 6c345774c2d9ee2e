package io.customergraph.ingest;

import io.customergraph.graph.Ids;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One record as it came in, before parsing: where it came from, where in that source, and its bytes.
 *
 * @param kind what the record should be (email, call, ticket…)
 * @param source the system or file it came from, e.g. {@code maildir:allen-p} or {@code tickets.csv}
 * @param position where in the source: a file path, {@code file:line}, {@code mbox message 12}
 * @param payload the raw bytes, kept as they are for quarantine and retries
 * @param metadata side information some kinds need (a call's metadata JSON beside its VTT; CSV header); may be null
 */
public record RawRecord(IngestKind kind, String source, String position, byte[] payload, @Nullable String metadata) {

  /** SHA-256 of payload and metadata: the content hash of the SourceRecord. */
  public String contentHash() {
    return Ids.sha256(new String(payload, StandardCharsets.ISO_8859_1) + "\u0000" + (metadata == null ? "" : metadata));
  }

  /** The payload as UTF-8 text (lossy for binary input; the bytes themselves are kept). */
  public String text() {
    return new String(payload, StandardCharsets.UTF_8);
  }
}
