package io.customergraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher ({@code target/customer-graph}, built by {@code ./mvnw package}) as users run it: commands
 * print their own output and nothing else — no JVM warnings about sun.misc.Unsafe, native access or Lucene's Vector
 * API — whether they need no graph ({@code resolve}) or start Spring and the embedded Neo4j ({@code import}).
 */
class LauncherIT {

  private static final Path LAUNCHER = Path.of("target", "customer-graph");

  @Test
  void aCommandWithoutTheGraphPrintsOnlyItsOwnOutput(@TempDir Path dir) throws Exception {
    Path people = Files.writeString(dir.resolve("people.csv"), "id,given_name,surname,city\n1,Ann,Lee,Leeds\n2,Anne,Lee,Leeds\n3,Bob,Stone,York\n");
    Run run = run(dir, "resolve", "--input", people.toString(), "--output", dir.resolve("clusters.csv").toString());
    assertThat(run.exit()).as(run.err()).isZero();
    // On a busy machine a run past five seconds prints its own progress line ("resolve: indexing 3 records … (5 s)",
    // seen in CI): that is the command's output; nothing else may be there.
    assertThat(run.err().lines().filter(l -> !l.matches("resolve: .+ … \\(\\d+ s\\)")).toList()).as("stderr").isEmpty();
    // Its own output: what it compares, the table it learnt, the clusters — no JVM or library warnings.
    assertThat(run.out()).startsWith("people.csv: comparing given_name, surname, city").contains("model learnt").contains("resolved 3 rows into")
        .doesNotContain("WARNING");
    assertThat(Files.readAllLines(dir.resolve("clusters.csv"))).hasSize(4);
  }

  /**
   * Issue #25: a command runs from the jar extracted beside the launcher and maps its classes from an archive of its
   * own, written when its first run exits (a service's is classes.jsa).
   */
  @Test
  void aCommandWritesAClassArchiveOfItsOwnAndRunsFromTheExtractedJar(@TempDir Path dir) throws Exception {
    Path people = Files.writeString(dir.resolve("people.csv"), "id,given_name,surname,city\n1,Ann,Lee,Leeds\n2,Anne,Lee,Leeds\n");
    Path archive = LAUNCHER.toAbsolutePath().getParent().resolve("customer-graph-app").resolve("resolve.jsa");
    for (int i = 0; i < 2; i++) {
      Run run = run(dir, "resolve", "--input", people.toString(), "--output", dir.resolve("clusters.csv").toString());
      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.out()).contains("resolved 2 rows into");
      assertThat(run.err().lines().filter(l -> !l.matches("resolve: .+ … \\(\\d+ s\\)")).toList()).as("stderr").isEmpty();
    }
    assertThat(archive).isNotEmptyFile();
  }

  @Test
  void anImportThatStartsSpringAndNeo4jPrintsOnlyItsOwnOutput(@TempDir Path dir) throws Exception {
    Run run = run(dir, "import", "account", Path.of("src/test/data/crm/accounts.csv").toAbsolutePath().toString(),
        "--customer-graph.neo4j.data-directory=" + dir.resolve("data"), "--customer-graph.neo4j.bolt-port=" + io.customergraph.Neo4jFixture.freePort());
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.err()).as("stderr").isEmpty();
    assertThat(run.out()).doesNotContain("WARNING").contains("Imported 85 account records");
  }

  /** Issue #23: an import into the data directory of a running service says in one line what to do, no stack trace. */
  @Test
  void anImportIntoTheDirectoryOfARunningServiceSaysWhatToDoInOneLine(@TempDir Path dir) throws Exception {
    // The running service's database: an embedded Neo4j holding the directory's store lock, as the service does.
    try (io.customergraph.graph.EmbeddedNeo4j running = io.customergraph.graph.EmbeddedNeo4j.start(
        dir.resolve("data"), "127.0.0.1", io.customergraph.Neo4jFixture.freePort(), 64L << 20)) {
      Run run = run(dir, "import", "account", Path.of("src/test/data/crm/accounts.csv").toAbsolutePath().toString(),
          "--customer-graph.neo4j.data-directory=" + dir.resolve("data"), "--customer-graph.neo4j.bolt-port=" + io.customergraph.Neo4jFixture.freePort());
      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(3);
      assertThat(run.err().strip().lines().toList()).as(run.err()).hasSize(1);
      assertThat(run.err()).contains("in use by a running service", "/api/ingest/account", "or stop the service").doesNotContain("\tat ");
    }
  }

  @Test
  void helpListsEveryCommand(@TempDir Path dir) throws Exception {
    Run run = run(dir, "--help");
    assertThat(run.exit()).isZero();
    assertThat(run.err()).isEmpty();
    for (Help h : Help.COMMANDS) {
      assertThat(run.out()).contains("  " + h.name() + " ");
    }
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(Path dir, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
    pb.environment().put("CUSTOMER_GRAPH_DATA_DIR", dir.resolve("data").toString());
    int exit = pb.start().waitFor();
    return new Run(exit, Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8), Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
  }
}
