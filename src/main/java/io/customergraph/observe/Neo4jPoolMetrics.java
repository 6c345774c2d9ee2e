package io.customergraph.observe;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import org.neo4j.driver.observation.metrics.ConnectionPoolMetrics;
import org.neo4j.driver.observation.metrics.MetricsObservationProvider;
import org.springframework.boot.neo4j.autoconfigure.ConfigBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Neo4j driver's connection pool as metrics ({@code customer_graph_neo4j_pool_*}): connections in use, idle,
 * being acquired, acquired in total and timed out. Summed over pools (one per server; one in all with the embedded
 * database), so no tag carries an address.
 */
@Configuration(proxyBeanMethods = false)
class Neo4jPoolMetrics {

  private final MetricsObservationProvider provider = MetricsObservationProvider.newInstance();

  @Bean
  ConfigBuilderCustomizer driverPoolObservation() {
    return builder -> builder.withObservationProvider(provider);
  }

  @Bean
  Object neo4jPoolMeters(MeterRegistry registry) {
    gauge(registry, "customer_graph.neo4j.pool.in_use", "Driver connections in use", ConnectionPoolMetrics::inUse);
    gauge(registry, "customer_graph.neo4j.pool.idle", "Idle driver connections", ConnectionPoolMetrics::idle);
    gauge(registry, "customer_graph.neo4j.pool.acquiring", "Callers waiting for a driver connection", ConnectionPoolMetrics::acquiring);
    FunctionCounter.builder("customer_graph.neo4j.pool.acquired", provider, p -> sum(p, ConnectionPoolMetrics::acquired))
        .description("Driver connections acquired").register(registry);
    FunctionCounter.builder("customer_graph.neo4j.pool.acquisition_timeouts", provider, p -> sum(p, ConnectionPoolMetrics::timedOutToAcquire))
        .description("Driver connection acquisitions that timed out").register(registry);
    return provider;
  }

  private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<ConnectionPoolMetrics> f) {
    Gauge.builder(name, provider, p -> sum(p, f)).description(description).register(registry);
  }

  private static double sum(MetricsObservationProvider p, ToDoubleFunction<ConnectionPoolMetrics> f) {
    return p.metrics().connectionPoolMetrics().stream().mapToDouble(f).sum();
  }
}
