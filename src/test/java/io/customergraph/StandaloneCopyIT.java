package io.customergraph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository stands alone: its tracked files, copied to a directory with nothing beside it (no {@code ../shared}),
 * build and pass tests that read real test data — and the one test whose data may not be redistributed skips there,
 * saying why. ({@code .ci/run} runs the whole suite in such a clone; this shows it on every {@code ./mvnw verify} of a
 * checkout that has {@code ../shared} beside it. Where nothing is beside the checkout, the suite running around this
 * test is itself the proof, so it skips rather than build a second copy — 55 s of the CI run.)
 */
class StandaloneCopyIT {

  /** Tests that read the repository's test data without a database, and the licence-bound one that must skip. */
  private static final String TESTS = "TaggerTest,MatchModelTest,SourcesIngestTest#everySharedUblExampleIngestsAndReusedNumbersUpdateInPlace";

  @Test
  void aCopyOfTheTrackedFilesWithNothingBesideItPassesItsTests(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(Path.of(".git")) || Files.isRegularFile(Path.of(".git")), "not a git checkout: nothing tracked to copy");
    Assumptions.assumeTrue(Files.exists(Path.of("..", "shared")),
        "nothing beside this checkout: the whole suite running here already shows the repository stands alone");
    Path copy = dir.resolve("customer-graph");
    Process ls = new ProcessBuilder("git", "ls-files", "-z").redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String[] files = new String(ls.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\0");
    assertThat(ls.waitFor()).isZero();
    int copied = 0;
    for (String f : files) {
      Path source = Path.of(f);
      if (f.isEmpty() || !Files.isRegularFile(source)) {
        continue; // deleted in the working tree, not yet committed
      }
      Path target = copy.resolve(f);
      Files.createDirectories(target.getParent());
      Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      copied++;
    }
    assertThat(copied).isGreaterThan(300);
    assertThat(dir.resolve("shared")).doesNotExist();

    List<String> command = new ArrayList<>(List.of("./mvnw", "-o", "-q", "-B", "test", "-Dtest=" + TESTS, "-Dsurefire.failIfNoSpecifiedTests=false"));
    Process build = new ProcessBuilder(command).directory(copy.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("build.log").toFile()).start();
    int exit = build.waitFor();
    assertThat(exit).as(() -> tail(dir.resolve("build.log"))).isZero();

    Path reports = copy.resolve("target/surefire-reports");
    String tagger = Files.readString(reports.resolve("TEST-io.customergraph.language.TaggerTest.xml"));
    assertThat(tagger).contains("failures=\"0\"").contains("errors=\"0\"").doesNotContain("<skipped");
    String febrl = Files.readString(reports.resolve("TEST-io.customergraph.resolve.MatchModelTest.xml"));
    assertThat(febrl).contains("failures=\"0\"").contains("errors=\"0\"");
    String ubl = Files.readString(reports.resolve("TEST-io.customergraph.ingest.SourcesIngestTest.xml"));
    assertThat(ubl).contains("skipped=\"1\"").contains("is not beside the repository").contains("carry no licence");
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (java.io.IOException e) {
      return "no build log";
    }
  }
}
