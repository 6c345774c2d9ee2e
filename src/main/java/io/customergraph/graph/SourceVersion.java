package io.customergraph.graph;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** What a record had produced before a later version of it was ingested in its place. */
public record SourceVersion(String id, String contentHash, String node, @Nullable String label, String properties, OffsetDateTime replacedAt) {}
