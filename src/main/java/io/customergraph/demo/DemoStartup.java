package io.customergraph.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Loads the demo world on first start, before the service reports itself ready, and writes the world's ground
 * truth beside the data so resolution and scoring can be measured against it.
 */
@Component("demoWorld")
@Order(10)
class DemoStartup implements ApplicationRunner, HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(DemoStartup.class);

  private final DemoLoader loader;
  private final DemoProperties properties;
  private final Path dataDirectory;
  private final Clock clock;
  private final io.customergraph.language.Signals signals;

  DemoStartup(
      DemoLoader loader,
      DemoProperties properties,
      io.customergraph.graph.GraphProperties graph,
      Clock clock,
      io.customergraph.language.Signals signals) {
    this.signals = signals;
    this.loader = loader;
    this.properties = properties;
    this.dataDirectory = graph.dataDirectory();
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!properties.enabled()) {
      loader.disabled();
      return;
    }
    LocalDate anchor = properties.anchor() != null ? properties.anchor() : LocalDate.now(clock);
    DemoLoader.Report report = loader.loadIfEmpty(properties.seed(), properties.accounts(), anchor);
    if (report.world() != null) {
      writeTruth(report.world());
      log.info("Demo world tagged: {} texts", signals.recomputeAll());
    }
  }

  private void writeTruth(DemoWorld world) {
    Path file = dataDirectory.resolve("demo-truth.json");
    try {
      Files.createDirectories(dataDirectory);
      DemoFiles.writeTruth(world, file);
      log.info("Demo world ground truth written to {}", file.toAbsolutePath());
    } catch (IOException e) {
      log.warn("Could not write the demo world's ground truth to {}: {}", file, e.getMessage());
    }
  }

  @Override
  public Health health() {
    DemoLoader.State state = loader.state();
    return switch (state) {
      case PENDING, LOADING -> Health.outOfService().withDetail("state", state).build();
      case FAILED -> Health.down().withDetail("state", state).build();
      default -> Health.up().withDetail("state", state).build();
    };
  }
}
