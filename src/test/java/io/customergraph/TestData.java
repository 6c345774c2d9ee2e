package io.customergraph;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Real public test material: the copy kept in the repository ({@code src/test/data}, origins and licences in its
 * {@code SOURCES.md}), and the few files whose licence keeps them out of it, read from the shared data beside the
 * repository when it is there.
 */
public final class TestData {

  private static final Path ROOT = Path.of("src", "test", "data");
  private static final Path SHARED = Path.of("..", "shared", "data");

  private TestData() {}

  /** A file or folder of the repository's test data; fails with a clear message when it is missing. */
  public static Path path(String relative) {
    Path p = ROOT.resolve(relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException("Test data " + p + " is missing from the repository (see src/test/data/SOURCES.md)");
    }
    return p;
  }

  /**
   * A file or folder that may not be redistributed with the repository: read from {@code ../shared/data} when that
   * is checked out beside it; otherwise the calling test is skipped, saying why.
   */
  public static Path sharedOnly(String relative, String why) {
    Path p = SHARED.resolve(relative);
    Assumptions.assumeTrue(Files.exists(p), () -> p + " is not beside the repository, and " + why + " (src/test/data/SOURCES.md)");
    return p;
  }
}
