package io.customergraph.graph;

/** Anything in the graph with a stable id. */
public sealed interface Node
    permits Account, Contact, Interaction, Competitor, Tag, SourceRecord {
  /** The stable id. */
  String id();
}
