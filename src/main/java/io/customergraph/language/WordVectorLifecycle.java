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
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class WordVectorLifecycle implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(WordVectorLifecycle.class);

  private final WordVectorService vectors;
  private final Signals signals;
  private final boolean trainOnStart;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("word-vectors").daemon(true).factory());

  private final io.customergraph.graph.Startup startup;

  WordVectorLifecycle(
      WordVectorService vectors, Signals signals, @Value("${customer-graph.language.train-on-start:true}") boolean trainOnStart,
      io.customergraph.graph.Startup startup) {
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
          startup.done(VECTORS_STEP, vectors.train().map(t -> "trained version " + t.version()).orElse("no text in the graph to train on yet"));
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
    executor.submit(vectors::train);
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
