package io.customergraph.graph;

import java.time.OffsetDateTime;

/**
 * One of the customer's own fields on an account, contact or deal: a column of their export that no built-in field
 * reads, kept as written.
 *
 * @param name the property, {@code field_<column in snake case>}
 * @param value the value as the file wrote it
 * @param since when this value became known (the file's as-of time, else the import that changed it); null for a
 *     field's first value where the file gave no time (see {@link FieldHistory})
 */
public record OwnField(String name, String value, @org.jspecify.annotations.Nullable OffsetDateTime since) {}
