package io.customergraph.graph;

import io.customergraph.graph.Values.Direction;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** An email; senders and recipients are relationships ({@code SENT}, {@code TO}, {@code CC}). */
public record Email(
    String id,
    @Nullable String messageId,
    String subject,
    String body,
    OffsetDateTime occurredAt,
    Direction direction,
    @Nullable String owner)
    implements Interaction {
  @Override
  public String summary() {
    return (direction == Direction.INBOUND ? "Email received: " : "Email sent: ") + subject;
  }
}
