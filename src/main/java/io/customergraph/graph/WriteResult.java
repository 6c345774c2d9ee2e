package io.customergraph.graph;

import io.customergraph.graph.Inputs.FieldError;
import java.util.List;

/** The outcome of an upsert: written, or refused with the reasons and nothing stored. */
public sealed interface WriteResult<T> {

  /** Stored; {@code created} tells a new node from an update. */
  record Written<T>(T value, boolean created) implements WriteResult<T> {}

  /** Refused; nothing was written. */
  record Rejected<T>(List<FieldError> errors) implements WriteResult<T> {}
}
