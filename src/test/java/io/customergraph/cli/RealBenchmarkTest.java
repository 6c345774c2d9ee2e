package io.customergraph.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code benchmark-real} refuses what it cannot run by name, before it starts anything. */
class RealBenchmarkTest {

  private static final PrintStream NOWHERE = new PrintStream(java.io.OutputStream.nullOutputStream());

  @Test
  void optionsItCannotRunAreRefusedByName(@TempDir Path empty) {
    assertThatThrownBy(() -> RealBenchmark.run(Map.of("parts", "mail,wrk"), NOWHERE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown part 'wrk'").hasMessageContaining("[mail, resolve, graphql, start]");
    assertThatThrownBy(() -> RealBenchmark.run(Map.of("parts", "resolve", "peer-minutes", "0"), NOWHERE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--peer-minutes must be at least 1");
    assertThatThrownBy(() -> RealBenchmark.run(Map.of("parts", "resolve", "data", empty.toString()), NOWHERE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no dataset2.csv");
  }
}
