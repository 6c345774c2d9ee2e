package io.customergraph.graph;

import java.time.OffsetDateTime;

/** Provenance: one raw input record, the system it came from and the hash of its content. */
public record SourceRecord(
    String id,
    String source,
    String sourceId,
    String contentHash,
    OffsetDateTime ingestedAt,
    @org.jspecify.annotations.Nullable String kind,
    @org.jspecify.annotations.Nullable String position,
    String status,
    @org.jspecify.annotations.Nullable String reason)
    implements Node {}
