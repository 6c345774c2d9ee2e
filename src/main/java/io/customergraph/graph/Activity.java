package io.customergraph.graph;

import io.customergraph.graph.Values.ActivityType;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A behavioural event performed by a contact: an email opened, a page viewed, content downloaded. */
public record Activity(
    String id,
    ActivityType type,
    OffsetDateTime occurredAt,
    @Nullable String url,
    @Nullable String campaign,
    @Nullable String content)
    implements Interaction {
  @Override
  public String summary() {
    String what = type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    String where = content != null ? content : url;
    return where == null ? what : what + ": " + where;
  }
}
