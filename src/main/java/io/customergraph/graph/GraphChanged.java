package io.customergraph.graph;

import java.util.List;

/**
 * Published after a transaction that wrote to the graph has committed: the ids of the nodes it created or changed.
 * Capabilities that derive something from the graph (scores) listen; the writer does not need to know them.
 */
public record GraphChanged(List<String> ids) {}
