package io.customergraph.observe;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Locale;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the Prometheus exposition clean enough for {@code promtool check metrics}: every meter has help text (the
 * libraries' own meters that come without one get a description made from their name), and the three JVM meters
 * whose names carry abbreviated units or a {@code _count} suffix are dropped or renamed; camelCase names (observation
 * events) become snake_case.
 */
@Configuration(proxyBeanMethods = false)
class ObserveConfiguration {

  @Bean
  MeterRegistryCustomizer<io.micrometer.core.instrument.MeterRegistry> promtoolClean() {
    return registry -> registry.config()
        // jvm_compilation_time_ms_total and process_cpu_time_ns_total: unit abbreviations in the name (promtool);
        // process_cpu_usage covers the second.
        .meterFilter(MeterFilter.deny(id -> id.getName().equals("jvm.compilation.time") || id.getName().equals("process.cpu.time")))
        .meterFilter(new MeterFilter() {
          @Override
          public Meter.Id map(Meter.Id id) {
            Meter.Id named = id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
            // Observation events become meters named after them (graphql.request.ValidationError): snake_case them.
            if (!named.getName().equals(named.getName().toLowerCase(Locale.ROOT))) {
              named = named.withName(named.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT));
            }
            if (named.getDescription() == null || named.getDescription().isBlank()) {
              return new Meter.Id(named.getName(), io.micrometer.core.instrument.Tags.of(named.getTagsAsIterable()), named.getBaseUnit(),
                  named.getName().replace('.', ' ').replace('_', ' ').toLowerCase(Locale.ROOT) + " (described by its name)", named.getType());
            }
            return named;
          }
        });
  }
}
