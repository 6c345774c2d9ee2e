package io.customergraph;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.security.ApiKeys;
import io.customergraph.security.Role;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A first start with no key: in the prod-like setting it only says how to make one; by default it creates one
 * administrator key and prints it once, and that printed key works; a later start creates no second one.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstKeyTest {

  @Test
  void aFirstStartPrintsOneWorkingAdministratorKeyOrSaysHowToMakeOne(CapturedOutput output) {
    Path data = Neo4jFixture.freshDirectory();
    String[] common = TestService.withoutKey(data, "--customer-graph.demo.enabled=false");
    try (ConfigurableApplicationContext app = SpringApplication.run(CustomerGraphApplication.class,
        TestService.withoutKey(data, "--customer-graph.demo.enabled=false", "--customer-graph.security.create-first-key=false"))) {
      assertThat(app.getBean(ApiKeys.class).active()).isZero();
      assertThat(output.getOut()).contains("No API key exists").contains("api-key create").doesNotContain("cg_");
    }
    try (ConfigurableApplicationContext app = SpringApplication.run(CustomerGraphApplication.class, common)) {
      ApiKeys keys = app.getBean(ApiKeys.class);
      Matcher printed = Pattern.compile("\\b(cg_[A-Za-z0-9]{43})\\b").matcher(output.getOut());
      assertThat(printed.find()).as("the key is printed").isTrue();
      assertThat(keys.authenticate(printed.group(1))).hasValueSatisfying(c -> assertThat(c.roles()).containsExactly(Role.ADMIN));
      assertThat(keys.active()).isEqualTo(1);
    }
    try (ConfigurableApplicationContext app = SpringApplication.run(CustomerGraphApplication.class, common)) {
      assertThat(app.getBean(ApiKeys.class).active()).as("no second key on the next start").isEqualTo(1);
    }
  }
}
