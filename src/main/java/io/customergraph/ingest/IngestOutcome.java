package io.customergraph.ingest;

/**
 * Counts of one batch, job or import.
 *
 * @param ingested records seen for the first time and stored
 * @param updated records seen before with different content, stored again in place
 * @param unchanged records seen before with the same content: nothing written
 * @param quarantined records that could not be parsed, kept with their reason
 */
public record IngestOutcome(long ingested, long updated, long unchanged, long quarantined) {

  public static final IngestOutcome NONE = new IngestOutcome(0, 0, 0, 0);

  public IngestOutcome plus(IngestOutcome o) {
    return new IngestOutcome(ingested + o.ingested, updated + o.updated, unchanged + o.unchanged, quarantined + o.quarantined);
  }

  /** All records counted. */
  public long total() {
    return ingested + updated + unchanged + quarantined;
  }
}
