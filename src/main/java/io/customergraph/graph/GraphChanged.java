package io.customergraph.graph;

import java.util.List;

/**
 * Published after a transaction that wrote to the graph has committed: the ids of the nodes it created or changed.
 * Capabilities that derive something from the graph (scores) listen; the writer does not need to know them.
 */
public record GraphChanged(List<String> ids, Origin origin) {

  /** Who wrote: ingestion resolves (and indexes) what it writes itself; an upsert leaves that to listeners. */
  public enum Origin { INGEST, UPSERT }

  /** A change written by an upsert. */
  public GraphChanged(List<String> ids) {
    this(ids, Origin.UPSERT);
  }
}
