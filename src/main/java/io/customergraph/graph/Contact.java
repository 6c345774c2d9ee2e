package io.customergraph.graph;

import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A person at an account. */
public record Contact(
    String id,
    String name,
    @Nullable String email,
    @Nullable String phone,
    @Nullable String title,
    @Nullable String timeZone,
    @Nullable String accountId,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    List<String> emails,
    List<String> nameVariants)
    implements Node {}
