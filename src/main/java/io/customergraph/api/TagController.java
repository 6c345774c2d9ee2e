package io.customergraph.api;

import io.customergraph.graph.Call;
import io.customergraph.graph.Email;
import io.customergraph.graph.Ticket;
import io.customergraph.language.Signals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** Language signals on interactions (batch-loaded per type) and their recomputation. */
@Controller
class TagController {

  private final Signals signals;

  TagController(Signals signals) {
    this.signals = signals;
  }

  @BatchMapping(typeName = "Email", field = "tags")
  Map<Email, List<Signals.TagMatch>> emailTags(List<Email> emails) {
    return load(emails, Email::id, "Email");
  }

  /** A stretch of one of an email's text fields and what it is (GraphQL {@code TextSegment}). */
  record TextSegment(String kind, String field, int start, int end) {}

  /**
   * Whose words an email holds: its body's segments ({@link io.customergraph.language.Segments}, computed from the
   * stored text as the tagger reads it), then its quoted history and signature whole.
   */
  @org.springframework.graphql.data.method.annotation.SchemaMapping(typeName = "Email", field = "segments")
  List<TextSegment> segments(Email email) {
    List<TextSegment> out = new java.util.ArrayList<>();
    for (io.customergraph.language.Segments.Segment s : io.customergraph.language.Segments.of(email.body(), email.listMail())) {
      out.add(new TextSegment(s.kind().name(), "body", s.start(), s.end()));
    }
    if (email.quoted() != null && !email.quoted().isEmpty()) {
      out.add(new TextSegment("QUOTED", "quoted", 0, email.quoted().length()));
    }
    if (email.signature() != null && !email.signature().isEmpty()) {
      out.add(new TextSegment("SIGNATURE", "signature", 0, email.signature().length()));
    }
    return out;
  }

  @BatchMapping(typeName = "Call", field = "tags")
  Map<Call, List<Signals.TagMatch>> callTags(List<Call> calls) {
    return load(calls, Call::id, "Call");
  }

  @BatchMapping(typeName = "Ticket", field = "tags")
  Map<Ticket, List<Signals.TagMatch>> ticketTags(List<Ticket> tickets) {
    return load(tickets, Ticket::id, "Ticket");
  }

  @org.springframework.graphql.data.method.annotation.QueryMapping
  List<Signals.Summary> signals(
      @org.springframework.graphql.data.method.annotation.Argument String accountId,
      @org.springframework.graphql.data.method.annotation.Argument java.time.@org.jspecify.annotations.Nullable OffsetDateTime since) {
    return signals.forAccount(accountId, since);
  }

  @MutationMapping
  long recomputeTags() {
    return signals.recomputeAll();
  }

  private <T> Map<T, List<Signals.TagMatch>> load(List<T> nodes, Function<T, String> id, String label) {
    Map<String, List<Signals.TagMatch>> byId = signals.tagsOf(label, nodes.stream().map(id).distinct().toList());
    Map<T, List<Signals.TagMatch>> out = new LinkedHashMap<>();
    nodes.forEach(n -> out.put(n, byId.getOrDefault(id.apply(n), List.of())));
    return out;
  }
}
