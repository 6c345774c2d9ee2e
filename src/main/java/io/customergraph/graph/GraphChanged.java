package io.customergraph.graph;

import java.util.List;

/**
 * Published after a transaction that wrote to the graph has committed: the ids of the nodes it created or changed.
 * Capabilities that derive something from the graph (scores) listen; the writer does not need to know them.
 * {@code created} names those of the ids that did not exist before (an upsert that made a new contact or account).
 */
public record GraphChanged(List<String> ids, Origin origin, List<String> created) {

  /**
   * Who wrote: ingestion resolves (and indexes) what it writes itself; an upsert leaves that to listeners; the change
   * feed reports what any process wrote (another instance, the CLI, this one), for listeners to catch up with.
   */
  public enum Origin { INGEST, UPSERT, FEED }

  /** A change without a list of what it created. */
  public GraphChanged(List<String> ids, Origin origin) {
    this(ids, origin, List.of());
  }

  /** A change written by an upsert. */
  public GraphChanged(List<String> ids) {
    this(ids, Origin.UPSERT);
  }
}
