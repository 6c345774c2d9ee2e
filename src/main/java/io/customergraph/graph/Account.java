package io.customergraph.graph;

import io.customergraph.graph.Values.AccountStatus;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A company we sell to or serve. */
public record Account(
    String id,
    String name,
    @Nullable String domain,
    @Nullable String industry,
    @Nullable Integer employees,
    @Nullable String country,
    AccountStatus status,
    @Nullable String owner,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt)
    implements Node {}
