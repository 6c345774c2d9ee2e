package io.customergraph.graph;

/**
 * One of the customer's own fields on an account, contact or deal: a column of their export that no built-in field
 * reads, kept as written.
 *
 * @param name the property, {@code field_<column in snake case>}
 * @param value the value as the file wrote it
 */
public record OwnField(String name, String value) {}
