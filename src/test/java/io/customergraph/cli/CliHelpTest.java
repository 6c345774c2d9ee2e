package io.customergraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every command explains itself with --help (each option with its default) and refuses options it does not take. */
class CliHelpTest {

  private record Printed(int exit, String out, String err) {}

  private static synchronized Printed run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int exit = Cli.run(args);
      return new Printed(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void everyCommandHasAHelpPageListingEachOptionWithItsDefault() {
    assertThat(Help.COMMANDS).hasSizeGreaterThanOrEqualTo(10);
    for (Help h : Help.COMMANDS) {
      for (String[] ask : new String[][] {{h.name(), "--help"}, {h.name(), "-h"}, {"help", h.name()}}) {
        Printed p = run(ask);
        assertThat(p.exit()).as(String.join(" ", ask)).isZero();
        assertThat(p.out()).startsWith("usage: customer-graph " + h.name());
        for (Help.Option o : h.options()) {
          assertThat(p.out()).contains("--" + o.name() + " " + o.value());
          if (!o.fallback().isEmpty()) {
            assertThat(p.out()).contains("(default: " + o.fallback() + ")");
          }
        }
      }
    }
  }

  @Test
  void helpWithoutACommandListsThemAll() {
    for (String ask : new String[] {"--help", "-h", "help"}) {
      Printed p = run(ask);
      assertThat(p.exit()).isZero();
      assertThat(p.out()).startsWith("usage: customer-graph");
      Help.COMMANDS.forEach(h -> assertThat(p.out()).contains("  " + h.name() + " "));
    }
    assertThat(Cli.handles(new String[] {"--help"})).as("--help is answered, not taken for the service's arguments").isTrue();
  }

  @Test
  void anOptionACommandDoesNotTakeIsRefusedNamingThoseItDoes() {
    Printed p = run("benchmark", "--acounts", "5");
    assertThat(p.exit()).isEqualTo(2);
    assertThat(p.err()).contains("unknown option --acounts for benchmark; it takes --accounts, --seed").contains("benchmark --help");
    Printed resolve = run("resolve", "--inptu", "a.csv");
    assertThat(resolve.exit()).isEqualTo(2);
    assertThat(resolve.err()).contains("unknown option --inptu for resolve");
    Printed imports = run("import", "email", "--batch", "5");
    assertThat(imports.err()).contains("unknown option --batch for import; it takes --map, --kind, --to, --key, --batch-size");
  }
}
