package io.customergraph.graph;

import io.customergraph.graph.Values.Direction;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An email; senders and recipients are relationships ({@code SENT}, {@code TO}, {@code CC}). */
public record Email(
    String id,
    @Nullable String messageId,
    String subject,
    String body,
    OffsetDateTime occurredAt,
    Direction direction,
    @Nullable String owner,
    @Nullable String quoted,
    @Nullable String signature,
    List<Attachment> attachments,
    List<String> replyTo,
    List<String> folders,
    boolean listMail)
    implements Interaction {

  /** A file attached to the email: noted, not stored. */
  public record Attachment(String name, String contentType, long size) {}

  @Override
  public String summary() {
    return (direction == Direction.INBOUND ? "Email received: " : "Email sent: ") + subject;
  }
}
