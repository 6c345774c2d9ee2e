package io.customergraph.api;

import io.customergraph.api.Connections.TimelineConnection;
import io.customergraph.graph.Account;
import io.customergraph.graph.Contact;
import io.customergraph.graph.Interaction;
import io.customergraph.graph.NodeKind;
import io.customergraph.graph.Page;
import io.customergraph.graph.Timeline;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * Timelines of accounts and contacts. Requests are collected by a DataLoader and answered together, so a page of
 * accounts each with its timeline costs one timeline query, whatever the page size or arguments.
 */
@Controller
class TimelineController {

  static final String LOADER = "timeline";

  /** Kinds of interaction as the schema names them. */
  enum InteractionKind {
    EMAIL(NodeKind.EMAIL), CALL(NodeKind.CALL), TICKET(NodeKind.TICKET), INVOICE(NodeKind.INVOICE),
    ACTIVITY(NodeKind.ACTIVITY), DEAL(NodeKind.DEAL);

    final NodeKind kind;

    InteractionKind(NodeKind kind) {
      this.kind = kind;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  TimelineController(BatchLoaderRegistry registry, Timeline timeline) {
    registry
        .forTypePair(Timeline.Request.class, Page.class)
        .withName(LOADER)
        .registerMappedBatchLoader((requests, env) -> Mono.fromCallable(() -> (java.util.Map) timeline.pages(requests)));
  }

  @SchemaMapping(typeName = "Account")
  CompletableFuture<TimelineConnection> timeline(
      Account account,
      @Argument @Nullable Integer first,
      @Argument @Nullable String after,
      @Argument @Nullable List<InteractionKind> kinds,
      DataLoader<Timeline.Request, Page<Interaction>> timeline) {
    return load(account.id(), first, after, kinds, timeline);
  }

  @SchemaMapping(typeName = "Contact", field = "timeline")
  CompletableFuture<TimelineConnection> contactTimeline(
      Contact contact,
      @Argument @Nullable Integer first,
      @Argument @Nullable String after,
      @Argument @Nullable List<InteractionKind> kinds,
      DataLoader<Timeline.Request, Page<Interaction>> timeline) {
    return load(contact.id(), first, after, kinds, timeline);
  }

  private static CompletableFuture<TimelineConnection> load(
      String ownerId,
      @Nullable Integer first,
      @Nullable String after,
      @Nullable List<InteractionKind> kinds,
      DataLoader<Timeline.Request, Page<Interaction>> loader) {
    List<NodeKind> wanted = kinds == null ? List.of() : kinds.stream().map(k -> k.kind).distinct().toList();
    Timeline.Request request = new Timeline.Request(ownerId, Pagination.size(first), Pagination.after(after), wanted);
    return loader.load(request).thenApply(TimelineConnection::new);
  }
}
