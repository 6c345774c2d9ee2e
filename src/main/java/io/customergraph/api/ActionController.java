package io.customergraph.api;

import io.customergraph.act.Action;
import io.customergraph.act.Actions;
import io.customergraph.act.Suppression;
import io.customergraph.act.Webhooks;
import io.customergraph.graph.Contact;
import io.customergraph.graph.GraphReader;
import io.customergraph.graph.Node;
import io.customergraph.score.ScoreChanged;
import io.customergraph.score.ScoreKind;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** Next actions, consent, webhooks and live score subscriptions over GraphQL. */
@Controller
class ActionController {

  private final Actions actions;
  private final Webhooks webhooks;
  private final GraphReader reader;
  /** Score changes as they happen; subscribers that fall behind miss changes rather than slow rescoring down. */
  private final Sinks.Many<ScoreChanged> changes = Sinks.many().multicast().directBestEffort();

  private final SubscriptionSlots slots;

  ActionController(Actions actions, Webhooks webhooks, GraphReader reader, SubscriptionSlots slots) {
    this.slots = slots;
    this.actions = actions;
    this.webhooks = webhooks;
    this.reader = reader;
  }

  sealed interface ActionPayload permits ActionDone, ActionRefused {}

  record ActionDone(@Nullable Action action) implements ActionPayload {}

  record ActionRefused(String code, String message, List<Suppression> suppressions) implements ActionPayload {}

  sealed interface WebhookPayload permits WebhookDone, WebhookRefused {}

  record WebhookDone(Webhooks.@Nullable Subscription webhook, Webhooks.@Nullable Delivery delivery) implements WebhookPayload {}

  record WebhookRefused(String code, String message) implements WebhookPayload {}

  // ------------------------------------------------------------ actions

  @QueryMapping
  List<Action> nextActions(@Argument String id) {
    try {
      return actions.nextActions(id);
    } catch (Actions.Rejected e) {
      throw new BadRequest(e.getMessage());
    }
  }

  @QueryMapping
  List<Suppression> suppressions(@Argument String id) {
    try {
      return actions.suppressions(id);
    } catch (Actions.Rejected e) {
      throw new BadRequest(e.getMessage());
    }
  }

  @QueryMapping
  @Nullable Action action(@Argument String id) {
    return actions.find(id).orElse(null);
  }

  @SchemaMapping(typeName = "NextAction", field = "entity")
  @Nullable Node entity(Action a) {
    return reader.node(a.entityId()).orElse(null);
  }

  @SchemaMapping(typeName = "NextAction", field = "contact")
  @Nullable Contact contact(Action a) {
    return a.contactId() == null ? null : reader.node(a.contactId()).filter(Contact.class::isInstance).map(Contact.class::cast).orElse(null);
  }

  @SchemaMapping(typeName = "NextAction", field = "target")
  @Nullable Node target(Action a) {
    return a.targetId() == null ? null : reader.node(a.targetId()).orElse(null);
  }

  /**
   * Who acted, as the audit of an action names them: the key's (or token's) name, its owner for a rep, and its id —
   * issue #19.5: every approval was recorded as "api", whoever approved.
   */
  static String actor(io.customergraph.security.Caller caller) {
    return caller.name() + (caller.owner() == null ? "" : " for " + caller.owner()) + " (" + caller.id() + ")";
  }

  @SchemaMapping(typeName = "NextAction", field = "audit")
  List<Action.Change> audit(Action a) {
    return actions.audit(a.id());
  }

  @MutationMapping
  ActionPayload approveAction(@Argument String id, @org.springframework.graphql.data.method.annotation.ContextValue(name = io.customergraph.security.Caller.KEY) io.customergraph.security.Caller caller) {
    return done(() -> actions.approve(id, actor(caller)));
  }

  @MutationMapping
  ActionPayload editAction(@Argument String id, @Argument @Nullable String subject, @Argument @Nullable String body, @org.springframework.graphql.data.method.annotation.ContextValue(name = io.customergraph.security.Caller.KEY) io.customergraph.security.Caller caller) {
    return done(() -> actions.edit(id, subject, body, actor(caller)));
  }

  @MutationMapping
  ActionPayload rejectAction(@Argument String id, @Argument String reason, @Argument @Nullable Boolean scoreTooHigh, @org.springframework.graphql.data.method.annotation.ContextValue(name = io.customergraph.security.Caller.KEY) io.customergraph.security.Caller caller) {
    return done(() -> actions.reject(id, reason, Boolean.TRUE.equals(scoreTooHigh), actor(caller)));
  }

  @MutationMapping
  ActionPayload setConsent(@Argument String contactId, @Argument String purpose, @Argument boolean granted) {
    return done(() -> {
      actions.setConsent(contactId, purpose, granted);
      return null;
    });
  }

  @MutationMapping
  ActionPayload setDoNotContact(@Argument String contactId, @Argument boolean value) {
    return done(() -> {
      actions.setDoNotContact(contactId, value);
      return null;
    });
  }

  private static ActionPayload done(Supplier<@Nullable Action> change) {
    try {
      return new ActionDone(change.get());
    } catch (Actions.Rejected e) {
      return new ActionRefused(e.code(), e.getMessage(), e.suppressions());
    }
  }

  // ------------------------------------------------------------ webhooks

  @QueryMapping
  List<Webhooks.Subscription> webhooks() {
    return webhooks.subscriptions();
  }

  @QueryMapping
  List<Webhooks.Delivery> webhookDeliveries(@Argument @Nullable String status, @Argument @Nullable String webhookId, @Argument @Nullable Integer first) {
    return webhooks.deliveries(status, webhookId, Pagination.size(first));
  }

  @SchemaMapping(typeName = "WebhookDelivery", field = "webhookId")
  String webhookId(Webhooks.Delivery d) {
    return d.subscriptionId();
  }

  @MutationMapping
  WebhookPayload createWebhook(@Argument String url, @Argument List<Webhooks.Event> events, @Argument Webhooks.@Nullable Format format,
      @Argument String secret) {
    return webhookDone(() -> new WebhookDone(webhooks.subscribe(url, events, format == null ? Webhooks.Format.JSON : format, secret), null));
  }

  @MutationMapping
  WebhookPayload deleteWebhook(@Argument String id) {
    return webhookDone(() -> new WebhookDone(webhooks.unsubscribe(id), null));
  }

  @MutationMapping
  WebhookPayload replayWebhookDelivery(@Argument String id) {
    return webhookDone(() -> new WebhookDone(null, webhooks.replay(id)));
  }

  private static WebhookPayload webhookDone(Supplier<WebhookPayload> change) {
    try {
      return change.get();
    } catch (Webhooks.Rejected e) {
      return new WebhookRefused(e.code(), e.getMessage());
    }
  }

  // ------------------------------------------------------------ subscriptions

  @EventListener
  void on(ScoreChanged change) {
    changes.tryEmitNext(change);
  }

  @SubscriptionMapping
  Flux<ScoreChanged> scoreChanged(@Argument @Nullable ScoreKind kind, @Argument @Nullable Double minDelta,
      @org.springframework.graphql.data.method.annotation.ContextValue(name = io.customergraph.security.Caller.KEY) io.customergraph.security.Caller caller) {
    double min = minDelta == null ? 0.05 : minDelta;
    return slots.hold(caller, changes.asFlux().filter(c -> (kind == null || c.kind() == kind) && Math.abs(c.delta()) >= min));
  }

  @SubscriptionMapping
  Flux<ScoreChanged> riskRaised(
      @org.springframework.graphql.data.method.annotation.ContextValue(name = io.customergraph.security.Caller.KEY) io.customergraph.security.Caller caller) {
    return slots.hold(caller, changes.asFlux().filter(c -> c.kind() == ScoreKind.CHURN_RISK && c.after() >= 0.5 && c.before() < 0.5));
  }
}
