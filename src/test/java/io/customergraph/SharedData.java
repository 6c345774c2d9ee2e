package io.customergraph;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared public test material beside the repository ({@code ../shared/data}); never copied into it. */
public final class SharedData {

  private static final Path ROOT = Path.of("..", "shared", "data");

  private SharedData() {}

  /** A file or folder of the shared data; fails with a clear message when the material is not there. */
  public static Path path(String relative) {
    Path p = ROOT.resolve(relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException("Shared test data " + p.toAbsolutePath().normalize() + " is missing: check out ../shared beside the repository");
    }
    return p;
  }
}
