package io.customergraph.resolve;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Builds the candidate indexes from the graph once the service is up (after the demo world, if any, is loaded). */
@Component
public class ResolveLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ResolveLifecycle.class);

  private final EntityIndex index;
  private final Resolver resolver;
  /** Resolves upserted entities one batch at a time, off the request thread. */
  private final java.util.concurrent.ExecutorService upserts =
      java.util.concurrent.Executors.newSingleThreadExecutor(Thread.ofPlatform().name("resolve-upserts").daemon(true).factory());

  private final io.customergraph.graph.Startup startup;

  ResolveLifecycle(EntityIndex index, Resolver resolver, io.customergraph.graph.Startup startup) {
    this.index = index;
    this.resolver = resolver;
    this.startup = startup;
    startup.expect(INDEX_STEP);
  }

  /**
   * Contacts and accounts written by an upsert (GraphQL) join the candidate index at once, so search and resolution
   * see them; new ones are then resolved against the others like ingested ones — after the upsert's transaction has
   * committed, on the resolver's own thread (a merge may follow the mutation's answer by a moment; the id it returned
   * keeps resolving). Ingestion resolves what it writes itself.
   */
  @EventListener
  void on(io.customergraph.graph.GraphChanged changed) {
    if (changed.origin() == io.customergraph.graph.GraphChanged.Origin.FEED) {
      // Written by any process: re-read into the index (ids merged away leave it); the writer resolved them.
      byKind(changed.ids()).forEach(index::refresh);
      return;
    }
    if (changed.origin() != io.customergraph.graph.GraphChanged.Origin.UPSERT) {
      return;
    }
    byKind(changed.ids()).forEach(index::refresh);
    java.util.Map<EntityKind, java.util.List<String>> created = byKind(changed.created());
    if (created.isEmpty()) {
      return;
    }
    Runnable resolve = () -> upserts.submit(() -> created.forEach((kind, ids) -> {
      try {
        resolver.resolve(kind, ids);
      } catch (RuntimeException e) {
        log.warn("Resolving upserted {} failed: {}", ids, e.getMessage());
      }
    }));
    if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
      org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
          new org.springframework.transaction.support.TransactionSynchronization() {
            @Override
            public void afterCommit() {
              resolve.run();
            }
          });
    } else {
      resolve.run();
    }
  }

  /** Contacts and accounts among the ids, by kind (other ids left out). */
  private static java.util.Map<EntityKind, java.util.List<String>> byKind(java.util.List<String> ids) {
    java.util.Map<EntityKind, java.util.List<String>> out = new java.util.EnumMap<>(EntityKind.class);
    for (String id : ids) {
      EntityKind.ofId(id).ifPresent(k -> out.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(id));
    }
    return out;
  }

  /** Waits until the upserts written so far are resolved (tests wipe the graph only after that). */
  public void awaitUpserts() {
    try {
      upserts.submit(() -> { }).get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("upserted entities still resolving after 60 s", e);
    }
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    upserts.shutdownNow();
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
    startup.running(INDEX_STEP);
    try {
      long started = System.nanoTime();
      var sizes = index.rebuild();
      log.info("Entity resolution index built from the graph in {} ms: {}", (System.nanoTime() - started) / 1_000_000, sizes);
      int rolled = resolver.rollUpSubDomains();
      if (rolled > 0) {
        log.info("Rolled up {} accounts keyed by a sub-domain into their organisation's account", rolled);
      }
      int pending = resolver.resolvePending();
      if (pending > 0) {
        log.info("Resolved {} entities waiting for resolution (a new demo world, or an import interrupted before it resolved)", pending);
      }
      startup.done(INDEX_STEP, "indexed " + sizes);
    } catch (RuntimeException e) {
      startup.failed(INDEX_STEP, String.valueOf(e.getMessage()));
      throw e;
    }
  }

  /** The readiness step of building the candidate index from the graph. */
  private static final String INDEX_STEP = "entityIndex";
}
