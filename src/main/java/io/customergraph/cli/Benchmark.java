package io.customergraph.cli;

import java.io.PrintStream;
import java.util.Map;

/** Placeholder until the benchmark lands; see README. */
final class Benchmark {
  private Benchmark() {}

  static int run(Map<String, String> options, PrintStream out) {
    out.println("benchmark: not built yet");
    return 1;
  }
}
