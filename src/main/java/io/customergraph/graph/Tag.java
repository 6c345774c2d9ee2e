package io.customergraph.graph;

/** A language signal such as frustration or pricing intent. */
public record Tag(String id, String name) implements Node {}
