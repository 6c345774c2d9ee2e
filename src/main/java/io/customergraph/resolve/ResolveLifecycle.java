package io.customergraph.resolve;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Builds the candidate indexes from the graph once the service is up (after the demo world, if any, is loaded). */
@Component
class ResolveLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ResolveLifecycle.class);

  private final EntityIndex index;
  private final Resolver resolver;

  ResolveLifecycle(EntityIndex index, Resolver resolver) {
    this.index = index;
    this.resolver = resolver;
  }

  /**
   * Contacts and accounts written by an upsert (GraphQL) join the candidate index at once, so search and resolution
   * see them; ingestion indexes what it writes as it resolves it.
   */
  @EventListener
  void on(io.customergraph.graph.GraphChanged changed) {
    if (changed.origin() != io.customergraph.graph.GraphChanged.Origin.UPSERT) {
      return;
    }
    java.util.Map<EntityKind, java.util.List<String>> byKind = new java.util.EnumMap<>(EntityKind.class);
    for (String id : changed.ids()) {
      EntityKind.ofId(id).ifPresent(k -> byKind.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(id));
    }
    byKind.forEach(index::refresh);
  }

  /**
   * New word vectors (loaded after start-up, or retrained): company-name and context vectors in the index are stale.
   * Refreshed in place on the publishing thread (the vectors' own background thread), not emptied first.
   */
  @EventListener
  void on(io.customergraph.language.WordVectorsChanged changed) {
    long started = System.nanoTime();
    var sizes = index.refreshVectors();
    log.info("Entity resolution index refreshed for word vectors v{} in {} ms: {}", changed.info().version(), (System.nanoTime() - started) / 1_000_000, sizes);
  }

  @EventListener(ApplicationReadyEvent.class)
  void rebuild() {
    long started = System.nanoTime();
    var sizes = index.rebuild();
    log.info("Entity resolution index built from the graph in {} ms: {}", (System.nanoTime() - started) / 1_000_000, sizes);
    int pending = resolver.resolvePending();
    if (pending > 0) {
      log.info("Resolved {} entities left unresolved by an interrupted import", pending);
    }
  }
}
