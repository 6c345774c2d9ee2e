package io.customergraph.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The administrator key's length is checked when the configuration is bound, before anything starts. */
class SecurityPropertiesTest {

  private static SecurityProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("customer-graph.security", SecurityProperties.class);
  }

  @Test
  void aShortAdministratorKeyIsRefusedByNameWhenBound() {
    assertThatThrownBy(() -> bind(Map.of("customer-graph.security.admin-key", "benchkey-0123456789abcdef")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("customer-graph.security.admin-key")
        .hasMessageContaining("at least 32 characters long, got 25");
  }

  @Test
  void aLongEnoughKeyOrNoneIsAccepted() {
    assertThat(bind(Map.of("customer-graph.security.admin-key", "k".repeat(32))).adminKey()).hasSize(32);
    assertThat(bind(Map.of()).adminKey()).isNull();
    assertThat(bind(Map.of()).requestsPerMinute()).isEqualTo(600);
  }
}
