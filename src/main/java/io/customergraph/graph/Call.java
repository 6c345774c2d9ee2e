package io.customergraph.graph;

import io.customergraph.graph.Values.Direction;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A recorded call or meeting; participants are {@code JOINED} relationships. */
public record Call(
    String id,
    String title,
    OffsetDateTime occurredAt,
    int durationSeconds,
    Direction direction,
    @Nullable String owner,
    @Nullable String transcript,
    List<String> speakers,
    boolean startKnown)
    implements Interaction {
  @Override
  public String summary() {
    return "Call: " + title + " (" + Math.round(durationSeconds / 60.0) + " min)";
  }
}
