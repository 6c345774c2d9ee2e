package io.customergraph.ingest;

import io.customergraph.ingest.Facts.Fact;
import java.util.List;

/** What parsing a raw record gave: facts to write, or a reason to quarantine it. */
public sealed interface ParseResult {

  /** The record was understood; {@code key} is its stable identity within its source. */
  record Parsed(String key, List<Fact> facts) implements ParseResult {}

  /** The record could not be understood; the reason says what is wrong in terms a person can act on. */
  record Failed(String reason) implements ParseResult {}

  static ParseResult failed(String reason) {
    return new Failed(reason);
  }

  static ParseResult parsed(String key, Fact fact) {
    return new Parsed(key, List.of(fact));
  }
}
