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

  WordVectorLifecycle(WordVectorService vectors, Signals signals, @Value("${customer-graph.language.train-on-start:true}") boolean trainOnStart) {
    this.vectors = vectors;
    this.signals = signals;
    this.trainOnStart = trainOnStart;
  }

  @EventListener(ApplicationReadyEvent.class)
  void loadOrTrain() {
    executor.submit(() -> {
      try {
        long retagged = signals.retagIfRulesChanged();
        if (retagged > 0) {
          log.info("Tagging rules changed to {}: {} interaction texts tagged again", Tagger.VERSION, retagged);
        }
      } catch (RuntimeException e) {
        log.warn("Tags could not be recomputed for rules {}: {}", Tagger.VERSION, e.getMessage());
      }
      try {
        if (vectors.load().isEmpty() && trainOnStart) {
          vectors.train();
        }
      } catch (RuntimeException e) {
        log.warn("Word vectors could not be loaded or trained: {}", e.getMessage());
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
