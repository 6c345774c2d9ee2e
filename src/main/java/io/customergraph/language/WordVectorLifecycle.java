package io.customergraph.language;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * When the service is ready: tags the graph again if it was tagged by other rules ({@link Signals#retagIfRulesChanged}),
 * then loads the newest word vectors, or trains them (in the background, on one named thread,
 * so start-up is not held up) when none are stored yet; retrains on the configured schedule.
 *
 * <p>Several instances on one database (issue #23): training at start and the nightly retraining take the lease
 * {@value #TRAIN_LEASE}, so one instance trains; every instance looks every
 * {@code customer-graph.language.version-check} (default 30 s) for a newer stored version and loads it, copying the
 * bytes from the graph — after a retraining or an erasure elsewhere, all instances answer with the same vectors.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class WordVectorLifecycle implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(WordVectorLifecycle.class);

  private final WordVectorService vectors;
  private final Signals signals;
  private final boolean trainOnStart;
  /** Package-visible for the test that waits for it. */
  final ExecutorService executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("word-vectors").daemon(true).factory());

  private final io.customergraph.graph.Startup startup;
  private final io.customergraph.graph.Leases leases;

  /** The lease one instance holds while it trains (at most this long; released when done). */
  static final String TRAIN_LEASE = "word-vectors-training";
  private static final java.time.Duration TRAIN_AT_MOST = java.time.Duration.ofHours(2);

  WordVectorLifecycle(
      WordVectorService vectors, Signals signals, @Value("${customer-graph.language.train-on-start:true}") boolean trainOnStart,
      io.customergraph.graph.Startup startup, io.customergraph.graph.Leases leases) {
    this.leases = leases;
    this.vectors = vectors;
    this.signals = signals;
    this.trainOnStart = trainOnStart;
    this.startup = startup;
    startup.expect(TAGS_STEP);
    startup.expect(VECTORS_STEP);
  }

  /** Readiness steps: tags current with the rules, word vectors loaded or trained (and the candidate index given them). */
  private static final String TAGS_STEP = "tags";
  private static final String VECTORS_STEP = "wordVectors";

  @EventListener(ApplicationReadyEvent.class)
  void loadOrTrain() {
    executor.submit(() -> {
      startup.running(TAGS_STEP);
      try {
        long retagged = signals.retagIfRulesChanged();
        if (retagged > 0) {
          log.info("Tagging rules changed to {}: {} interaction texts tagged again", Tagger.VERSION, retagged);
        }
        startup.done(TAGS_STEP, retagged > 0 ? retagged + " texts tagged again for rules " + Tagger.VERSION : "tagged by rules " + Tagger.VERSION);
      } catch (RuntimeException e) {
        startup.failed(TAGS_STEP, "tags could not be recomputed for rules " + Tagger.VERSION + ": " + e.getMessage());
      }
      startup.running(VECTORS_STEP);
      try {
        var loaded = vectors.load();
        if (loaded.isPresent()) {
          startup.done(VECTORS_STEP, "loaded version " + loaded.get().version());
        } else if (trainOnStart) {
          Training t = trainOnce();
          if (t.elsewhere()) {
            startup.skipped(VECTORS_STEP, "another instance is training them; they are loaded once stored");
          } else {
            startup.done(VECTORS_STEP, t.trained().map(i -> "trained version " + i.version()).orElse("no text in the graph to train on yet"));
          }
        } else {
          startup.skipped(VECTORS_STEP, "none stored, and training at start is off (customer-graph.language.train-on-start)");
        }
      } catch (RuntimeException e) {
        startup.failed(VECTORS_STEP, "word vectors could not be loaded or trained: " + e.getMessage());
      }
    });
  }

  @Scheduled(cron = "${customer-graph.language.retrain-cron:0 30 3 * * *}", zone = "UTC")
  void retrain() {
    // While the service starts, its start-up step loads or trains the vectors: a schedule that fires then (a start at
    // the cron's minute) would train first, with the step still pending — and twice.
    if (!startup.finished()) {
      log.info("Word vectors: the scheduled retraining is skipped while the service starts (start-up loads or trains them)");
      return;
    }
    // The nightly lease is kept until it expires: an instance whose clock runs a minute behind would otherwise find it
    // free after the first finished, and train the same night's version again.
    executor.submit(() -> trainOnce(false));
  }

  /** What a training under the lease did: trained here (a version, or none without text), or left to another instance. */
  record Training(java.util.Optional<WordVectorService.Info> trained, boolean elsewhere) {}

  /** Trains under the lease, giving it back when done; when another instance holds it, that one stores the version. */
  Training trainOnce() {
    return trainOnce(true);
  }

  /** Trains under the lease; {@code release} gives it back when done, else it is held until it expires. */
  Training trainOnce(boolean release) {
    if (!leases.tryAcquire(TRAIN_LEASE, TRAIN_AT_MOST)) {
      log.info("Word vectors: another instance is training them; this one loads the version it stores");
      return new Training(java.util.Optional.empty(), true);
    }
    try {
      return new Training(vectors.train(), false);
    } finally {
      if (release) {
        leases.release(TRAIN_LEASE);
      }
    }
  }

  /** Loads a version another instance stored, when it is newer than the one loaded here. */
  @Scheduled(initialDelayString = "${customer-graph.language.version-check:PT30S}", fixedDelayString = "${customer-graph.language.version-check:PT30S}")
  void loadNewerVersion() {
    if (!startup.finished()) {
      return;
    }
    executor.submit(() -> {
      try {
        int loaded = vectors.info().map(WordVectorService.Info::version).orElse(0);
        if (vectors.storedVersion() > loaded && vectors.info().map(i -> !i.source().startsWith("file:")).orElse(true)) {
          vectors.load().ifPresent(i -> log.info("Word vectors v{} loaded: stored by another instance", i.version()));
        }
      } catch (RuntimeException e) {
        log.warn("Word vectors: could not look for a newer version: {}", e.getMessage());
      }
    });
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
