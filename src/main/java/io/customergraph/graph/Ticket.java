package io.customergraph.graph;

import io.customergraph.graph.Values.TicketPriority;
import io.customergraph.graph.Values.TicketStatus;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A support ticket raised by a contact for an account. */
public record Ticket(
    String id,
    String subject,
    @Nullable String description,
    TicketStatus status,
    TicketPriority priority,
    OffsetDateTime occurredAt,
    @Nullable OffsetDateTime updatedAt,
    @Nullable OffsetDateTime solvedAt,
    List<String> comments,
    List<StatusChange> statusHistory)
    implements Interaction {

  /** A status the ticket was seen in, and when. */
  public record StatusChange(TicketStatus status, OffsetDateTime at) {}

  @Override
  public String summary() {
    return "Ticket (" + priority + ", " + status + "): " + subject;
  }
}
