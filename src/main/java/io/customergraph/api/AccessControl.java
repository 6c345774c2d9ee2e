package io.customergraph.api;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLObjectType;
import io.customergraph.graph.Page;
import io.customergraph.security.Audit;
import io.customergraph.security.Caller;
import io.customergraph.security.Pseudonyms;
import io.customergraph.security.Role;
import io.customergraph.security.Visibility;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who may ask for what, enforced on every field of every request (HTTP, WebSocket and in-process alike):
 *
 * <ul>
 *   <li>each root field (query, mutation, subscription) lists the roles that may use it ({@link #POLICY}); a field not
 *       listed is ADMIN-only, so a new field is closed until someone decides otherwise;
 *   <li>for a rep, every id argument must be within their reach and every object returned is checked: lists and pages
 *       drop what is out of reach, paths and subgraphs lose the nodes and relationships that are, a single object out of
 *       reach becomes null with a FORBIDDEN error — so no field, {@code node}, {@code neighborhood} or {@code path} leads
 *       to another team's account;
 *   <li>for an analyst without the personal-data grant, names, addresses, phone numbers and free text come back
 *       pseudonymised ({@link Pseudonyms});
 *   <li>reads of personal fields and changes through personal-data mutations are written to the audit log.
 * </ul>
 *
 * Denials are GraphQL errors on the field (code FORBIDDEN or UNAUTHENTICATED), never stack traces.
 */
@Component
class AccessControl extends SimplePerformantInstrumentation {

  private static final Set<Role> EVERYONE_READING = Set.of(Role.ADMIN, Role.MANAGER, Role.REP, Role.ANALYST);
  private static final Set<Role> ACTING = Set.of(Role.ADMIN, Role.MANAGER, Role.REP);
  private static final Set<Role> MANAGING = Set.of(Role.ADMIN, Role.MANAGER);
  private static final Set<Role> ANALYSING = Set.of(Role.ADMIN, Role.MANAGER, Role.ANALYST);
  private static final Set<Role> INGESTING = Set.of(Role.ADMIN, Role.MANAGER, Role.INGEST);
  private static final Set<Role> ADMIN = Set.of(Role.ADMIN);

  /** Roles allowed on each root field. Anything missing is ADMIN-only (a test checks every field is listed). */
  static final Map<String, Set<Role>> POLICY = Map.ofEntries(
      Map.entry("Query.node", EVERYONE_READING), Map.entry("Query.account", EVERYONE_READING),
      Map.entry("Query.accounts", EVERYONE_READING), Map.entry("Query.contact", EVERYONE_READING),
      Map.entry("Query.contacts", EVERYONE_READING), Map.entry("Query.deal", EVERYONE_READING),
      Map.entry("Query.deals", EVERYONE_READING), Map.entry("Query.pipeline", EVERYONE_READING),
      Map.entry("Query.neighborhood", EVERYONE_READING),
      Map.entry("Query.path", EVERYONE_READING), Map.entry("Query.search", EVERYONE_READING),
      Map.entry("Query.signals", EVERYONE_READING), Map.entry("Query.topScored", EVERYONE_READING),
      Map.entry("Query.scoreHistory", EVERYONE_READING), Map.entry("Query.whatIf", EVERYONE_READING),
      Map.entry("Query.similarWords", EVERYONE_READING), Map.entry("Query.similarity", EVERYONE_READING),
      Map.entry("Query.wordVectors", EVERYONE_READING), Map.entry("Query.model", EVERYONE_READING),
      Map.entry("Query.modelVersions", EVERYONE_READING),
      Map.entry("Query.nextActions", ACTING), Map.entry("Query.action", ACTING), Map.entry("Query.suppressions", ACTING),
      Map.entry("Query.mispredictions", ANALYSING),
      Map.entry("Query.reviewQueue", MANAGING), Map.entry("Query.matchExplanation", MANAGING),
      Map.entry("Query.quarantine", INGESTING), Map.entry("Query.ingestJob", INGESTING),
      Map.entry("Query.stats", Set.of(Role.ADMIN, Role.MANAGER, Role.ANALYST, Role.INGEST)),
      Map.entry("Query.webhooks", ADMIN), Map.entry("Query.webhookDeliveries", ADMIN),
      Map.entry("Query.exportPersonalData", ADMIN), Map.entry("Query.erasure", ADMIN),
      Map.entry("Query.apiKeys", ADMIN), Map.entry("Query.auditLog", ADMIN), Map.entry("Query.me", Set.of(Role.values())),
      Map.entry("Mutation.approveAction", ACTING), Map.entry("Mutation.editAction", ACTING),
      Map.entry("Mutation.rejectAction", ACTING), Map.entry("Mutation.setConsent", ACTING),
      Map.entry("Mutation.setDoNotContact", ACTING), Map.entry("Mutation.overrideScore", ACTING),
      Map.entry("Mutation.recordOutcome", ACTING), Map.entry("Mutation.recordOutcomes", ACTING),
      Map.entry("Mutation.trainModel", MANAGING), Map.entry("Mutation.confirmMatch", MANAGING),
      Map.entry("Mutation.rejectMatch", MANAGING), Map.entry("Mutation.mergeEntities", MANAGING),
      Map.entry("Mutation.splitEntity", MANAGING),
      Map.entry("Mutation.ingestRecord", INGESTING), Map.entry("Mutation.retryQuarantined", INGESTING),
      Map.entry("Mutation.upsertAccount", INGESTING), Map.entry("Mutation.upsertContact", INGESTING),
      Map.entry("Mutation.upsertDeal", INGESTING), Map.entry("Mutation.recordActivity", INGESTING),
      Map.entry("Mutation.createWebhook", ADMIN), Map.entry("Mutation.deleteWebhook", ADMIN),
      Map.entry("Mutation.replayWebhookDelivery", ADMIN), Map.entry("Mutation.retrainWordVectors", ADMIN),
      Map.entry("Mutation.recomputeTags", ADMIN), Map.entry("Mutation.erasePerson", ADMIN),
      Map.entry("Mutation.createApiKey", ADMIN), Map.entry("Mutation.revokeApiKey", ADMIN),
      Map.entry("Subscription.scoreChanged", ACTING), Map.entry("Subscription.riskRaised", ACTING));

  /**
   * For a key that sees people pseudonymised, a filter or search on the very values that are masked is an oracle:
   * growing a name one letter at a time, or confirming a guessed address, recovers what the mask hides (issue #18:
   * two full names in about 250 queries each). Such questions are refused, saying what may be asked instead.
   */
  private static @Nullable String oracle(String coordinate, Map<String, Object> arguments) {
    if (coordinate.equals("Query.contacts") && arguments.get("filter") instanceof Map<?, ?> filter
        && (filter.get("nameContains") != null || filter.get("email") != null)) {
      return "Filtering people by name or address would reveal what is pseudonymised for this key; filter by account, owner or status, "
          + "or use a key with the personal-data grant";
    }
    if (coordinate.equals("Query.search")) {
      Object types = arguments.get("types");
      if (!(types instanceof java.util.Collection<?> c) || c.isEmpty() || c.stream().anyMatch(t -> String.valueOf(t).equals("CONTACT"))) {
        return "Searching people by name or address would reveal what is pseudonymised for this key; search companies with types: [ACCOUNT], "
            + "or use a key with the personal-data grant";
      }
    }
    return null;
  }

  private enum Mask { NAME, EMAIL, PHONE, TEXT, DISPLAY, PROPERTIES }

  /** Fields holding personal data: pseudonymised for analysts without the grant, and audited when read. */
  static final Map<String, Mask> PERSONAL = Map.ofEntries(
      Map.entry("Contact.name", Mask.NAME), Map.entry("Contact.nameVariants", Mask.NAME), Map.entry("Contact.email", Mask.EMAIL),
      Map.entry("Contact.emails", Mask.EMAIL), Map.entry("Contact.phone", Mask.PHONE), Map.entry("Call.speakers", Mask.NAME),
      Map.entry("Email.replyTo", Mask.EMAIL), Map.entry("Email.subject", Mask.TEXT), Map.entry("Email.body", Mask.TEXT),
      Map.entry("Email.quoted", Mask.TEXT), Map.entry("Email.signature", Mask.TEXT), Map.entry("Email.summary", Mask.TEXT),
      Map.entry("Call.title", Mask.TEXT), Map.entry("Call.transcript", Mask.TEXT), Map.entry("Call.summary", Mask.TEXT),
      Map.entry("SourceVersion.properties", Mask.TEXT), Map.entry("Action.reason", Mask.TEXT), Map.entry("Email.folders", Mask.TEXT),
      Map.entry("Ticket.subject", Mask.TEXT), Map.entry("Ticket.description", Mask.TEXT), Map.entry("Ticket.comments", Mask.TEXT),
      Map.entry("Ticket.summary", Mask.TEXT), Map.entry("Activity.url", Mask.TEXT), Map.entry("Activity.summary", Mask.TEXT),
      Map.entry("Attachment.name", Mask.TEXT), Map.entry("TagMatch.span", Mask.TEXT), Map.entry("SignalEvidence.span", Mask.TEXT),
      Map.entry("ScoreFactor.sentence", Mask.TEXT), Map.entry("ScoreExplanation.summary", Mask.TEXT),
      Map.entry("WhatIf.sentence", Mask.TEXT), Map.entry("ActionReason.sentence", Mask.TEXT),
      Map.entry("MatchFactor.valueA", Mask.TEXT), Map.entry("MatchFactor.valueB", Mask.TEXT), Map.entry("MatchFactor.sentence", Mask.TEXT),
      Map.entry("EntityAlias.value", Mask.TEXT), Map.entry("SourceRecord.sourceId", Mask.TEXT),
      Map.entry("EvidenceNode.displayName", Mask.DISPLAY), Map.entry("EvidenceNode.detail", Mask.TEXT),
      Map.entry("GraphNode.displayName", Mask.DISPLAY), Map.entry("GraphNode.properties", Mask.PROPERTIES),
      Map.entry("GraphRelationship.properties", Mask.PROPERTIES), Map.entry("OwnField.value", Mask.TEXT));

  /** Root fields that change or disclose a person's data: their id arguments are audited as CHANGE. */
  private static final Set<String> CHANGES_PERSONAL_DATA = Set.of(
      "Mutation.upsertContact", "Mutation.recordActivity", "Mutation.setConsent", "Mutation.setDoNotContact",
      "Mutation.mergeEntities", "Mutation.splitEntity", "Mutation.confirmMatch", "Mutation.rejectMatch", "Mutation.erasePerson",
      "Mutation.editAction", "Mutation.approveAction", "Mutation.rejectAction", "Mutation.overrideScore", "Query.exportPersonalData",
      "Mutation.ingestRecord", "Mutation.retryQuarantined");

  /**
   * Fields whose values are within a rep's reach whenever their parent is (and a parent reaches a rep only if it is):
   * an account's contacts, deals and timeline, a contact's account and timeline, a deal's, ticket's or invoice's
   * account, scores of what is shown, and the pages of list queries already limited in Cypher. Checking them again
   * would cost a query per parent without ever removing anything.
   */
  private static final Set<String> INHERITED = Set.of(
      "Account.contacts", "Account.deals", "Account.timeline", "Contact.account", "Contact.timeline", "Deal.account",
      "Ticket.account", "Invoice.account", "Account.score", "Contact.score", "Deal.score",
      "Account.ownFields", "Contact.ownFields", "Deal.ownFields",
      "AccountConnection.edges", "ContactConnection.edges", "DealConnection.edges", "TimelineConnection.edges",
      "AccountEdge.node", "ContactEdge.node", "DealEdge.node", "TimelineEdge.node");

  private static final String STATE = AccessControl.class.getName() + ".request";

  /** What one request has looked at: visibility answers so far, and what to audit. */
  private static final class RequestState {
    final Map<String, Boolean> visible = new ConcurrentHashMap<>();
    final Set<String> fields = ConcurrentHashMap.newKeySet();
    final Set<String> subjects = ConcurrentHashMap.newKeySet();
    final Set<String> changed = ConcurrentHashMap.newKeySet();
    volatile boolean changing;
    volatile String operation = "";
  }

  private final Visibility visibility;
  private final Pseudonyms pseudonyms;
  private final Audit audit;
  private final Map<Class<?>, Map<String, Method>> accessors = new ConcurrentHashMap<>();

  AccessControl(Visibility visibility, Pseudonyms pseudonyms, Audit audit) {
    this.visibility = visibility;
    this.pseudonyms = pseudonyms;
    this.audit = audit;
  }

  @Override
  public @Nullable InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters, InstrumentationState state) {
    GraphQLContext context = parameters.getGraphQLContext();
    RequestState request = new RequestState();
    request.operation = parameters.getOperation() != null ? parameters.getOperation() : "";
    context.put(STATE, request);
    return SimpleInstrumentationContext.whenCompleted((result, error) -> {
      Caller caller = context.get(Caller.KEY);
      if (caller == null) {
        return;
      }
      String op = request.operation.isEmpty() ? String.join(",", request.fields.stream().filter(f -> f.startsWith("Query.") || f.startsWith("Mutation.")).sorted().toList()) : request.operation;
      if (request.changing) {
        audit.record(caller, op, Audit.Access.CHANGE, request.fields, request.changed);
      }
      if (!request.subjects.isEmpty()) {
        audit.record(caller, op, Audit.Access.READ, request.fields, request.subjects);
      }
    });
  }

  @Override
  public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
    DataFetchingEnvironment env0 = parameters.getEnvironment();
    String parent = env0.getParentType() instanceof GraphQLObjectType o ? o.getName() : "";
    String coordinate = parent + "." + env0.getField().getName();
    boolean root = parent.equals("Query") || parent.equals("Mutation") || parent.equals("Subscription");
    Mask mask = PERSONAL.get(coordinate);
    boolean inherited = INHERITED.contains(coordinate);
    // Introspection (the schema GraphiQL and code generators read; off in the prod profile) is the same for every
    // key: it describes the API, not the data. Before, "Query.__schema" fell under "not listed: ADMIN only".
    if (parent.startsWith("__") || env0.getField().getName().startsWith("__")) {
      return fetcher;
    }
    return env -> {
      Caller caller = env.getGraphQlContext().get(Caller.KEY);
      RequestState request = env.getGraphQlContext().get(STATE);
      if (caller == null) {
        return denied(env, ErrorType.UNAUTHORIZED, "UNAUTHENTICATED", "No caller: send an API key as 'Authorization: Bearer cg_…'");
      }
      if (root) {
        Set<Role> allowed = POLICY.getOrDefault(coordinate, ADMIN);
        if (!caller.hasAny(allowed)) {
          return denied(env, ErrorType.FORBIDDEN, "FORBIDDEN", "%s needs one of the roles %s; this key has %s"
              .formatted(coordinate.substring(coordinate.indexOf('.') + 1), allowed.stream().map(Enum::name).sorted().toList(), caller.rolesText()));
        }
        String oracle = caller.masked() ? oracle(coordinate, env.getArguments()) : null;
        if (oracle != null) {
          return denied(env, ErrorType.FORBIDDEN, "FORBIDDEN", oracle);
        }
        if (request != null) {
          request.fields.add(coordinate);
          if (CHANGES_PERSONAL_DATA.contains(coordinate)) {
            request.changing = true;
            request.changed.addAll(ids(env.getArguments()));
          }
        }
      }
      if (caller.scoped()) {
        Set<String> argumentIds = ids(env.getArguments());
        if (!argumentIds.isEmpty()) {
          Set<String> hidden = new LinkedHashSet<>(argumentIds);
          hidden.removeAll(visible(caller, request, argumentIds));
          if (!hidden.isEmpty()) {
            return denied(env, ErrorType.FORBIDDEN, "FORBIDDEN",
                "%s is not within your reach: it belongs to an account neither you nor your team own (or it does not exist)".formatted(hidden.iterator().next()));
          }
        }
      }
      if (mask != null && request != null && personal(mask, env.getSource())) {
        request.fields.add(coordinate);
        String subject = idOf(env.getSource());
        if (subject != null) {
          request.subjects.add(subject);
        }
      }
      Object result = fetcher.get(env);
      return after(result, value -> shape(env, caller, request, mask, inherited, value));
    };
  }

  /** Whether a field read is of personal data: exploration views of companies, products and the like are not. */
  private boolean personal(Mask mask, @Nullable Object source) {
    if ((mask == Mask.DISPLAY || mask == Mask.PROPERTIES) && source != null) {
      Object label = component(source, "label");
      return !(label instanceof String l && Pseudonyms.IMPERSONAL_LABELS.contains(l));
    }
    return true;
  }

  /** Applies a transformation to a value, inside whatever wrapper a data fetcher returned it in. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static @Nullable Object after(@Nullable Object result, java.util.function.Function<@Nullable Object, @Nullable Object> f) {
    if (result instanceof CompletionStage<?> stage) {
      return stage.thenApply(f::apply);
    }
    if (result instanceof Mono<?> mono) {
      return mono.map(v -> (Object) f.apply(v));
    }
    if (result instanceof Publisher<?> publisher) {
      return Flux.from(publisher).concatMap(v -> {
        Object shaped = f.apply(v);
        return shaped == null || shaped instanceof DataFetcherResult<?> r && r.getData() == null ? Flux.empty() : Flux.just(shaped);
      });
    }
    if (result instanceof DataFetcherResult<?> r) {
      Object shaped = f.apply(r.getData());
      if (shaped instanceof DataFetcherResult<?> denied) {
        return DataFetcherResult.newResult().data(null).errors(r.getErrors()).errors(denied.getErrors()).localContext(r.getLocalContext()).build();
      }
      return ((DataFetcherResult) r).transform(b -> ((DataFetcherResult.Builder) b).data(shaped));
    }
    return f.apply(result);
  }

  /** For a rep: what is out of reach removed; for a masked analyst: personal data pseudonymised. */
  private @Nullable Object shape(
      DataFetchingEnvironment env, Caller caller, @Nullable RequestState request, @Nullable Mask mask, boolean inherited, @Nullable Object value) {
    if (value == null) {
      return null;
    }
    Object v = value;
    if (caller.scoped() && !inherited) {
      if (v instanceof Collection<?> items) {
        Map<Object, Set<String>> revealed = new HashMap<>();
        Set<String> all = new LinkedHashSet<>();
        for (Object item : items) {
          Set<String> ids = revealedByItem(item);
          revealed.put(item, ids);
          all.addAll(ids);
        }
        if (!all.isEmpty()) {
          Set<String> ok = visible(caller, request, all);
          List<Object> kept = new ArrayList<>(items.size());
          for (Object item : items) {
            if (ok.containsAll(revealed.get(item))) {
              kept.add(item);
            }
          }
          v = kept;
        }
      } else {
        String id = idOf(v);
        if (id != null && !visible(caller, request, Set.of(id)).contains(id)) {
          return denied(env, ErrorType.FORBIDDEN, "FORBIDDEN", id + " is not within your reach: it belongs to an account neither you nor your team own");
        }
      }
    }
    if (mask != null && caller.masked()) {
      v = masked(mask, env.getSource(), v);
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private @Nullable Object masked(Mask mask, @Nullable Object source, Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(x -> x == null ? null : masked(mask, source, x)).toList();
    }
    return switch (mask) {
      case NAME -> pseudonyms.name(String.valueOf(value));
      case EMAIL -> pseudonyms.email(String.valueOf(value));
      case PHONE -> pseudonyms.phone(String.valueOf(value));
      case TEXT -> value instanceof String s ? pseudonyms.text(s) : value;
      case DISPLAY -> {
        String label = source == null ? null : String.valueOf(component(source, "label"));
        yield label != null && Pseudonyms.IMPERSONAL_LABELS.contains(label) ? value : pseudonyms.name(String.valueOf(value));
      }
      case PROPERTIES -> {
        String label = source == null ? null : (String) component(source, "label");
        yield value instanceof Map<?, ?> m ? pseudonyms.properties((Map<String, Object>) m, label) : value;
      }
    };
  }

  private Set<String> visible(Caller caller, @Nullable RequestState request, Set<String> ids) {
    if (request == null) {
      return visibility.visible(caller, ids);
    }
    Set<String> unknown = new LinkedHashSet<>();
    for (String id : ids) {
      if (!request.visible.containsKey(id)) {
        unknown.add(id);
      }
    }
    if (!unknown.isEmpty()) {
      Set<String> ok = visibility.visible(caller, unknown);
      unknown.forEach(id -> request.visible.put(id, ok.contains(id)));
    }
    Set<String> out = new LinkedHashSet<>();
    ids.forEach(id -> {
      if (Boolean.TRUE.equals(request.visible.get(id))) {
        out.add(id);
      }
    });
    return out;
  }

  /** The ids of the entities an item of a list shows: the entity itself, an edge's node, a path's nodes, a relationship's ends. */
  private Set<String> revealedByItem(@Nullable Object item) {
    if (item == null) {
      return Set.of();
    }
    if (item instanceof Page.Edge<?> edge) {
      return revealedByItem(edge.node());
    }
    Set<String> out = new LinkedHashSet<>();
    Object start = component(item, "startId");
    Object end = component(item, "endId");
    if (start instanceof String s && end instanceof String e) {
      out.add(s);
      out.add(e);
      return out;
    }
    Object nodes = component(item, "nodes");
    if (nodes instanceof Collection<?> c && component(item, "truncated") == null) {
      c.forEach(n -> out.addAll(revealedByItem(n)));
      return out;
    }
    Object node = component(item, "node");
    if (node != null) {
      return revealedByItem(node);
    }
    String id = idOf(item);
    if (id != null) {
      out.add(id);
    }
    return out;
  }

  /** The entity id an object stands for: its {@code id}, or the {@code entityId} of a score or score event. */
  private @Nullable String idOf(@Nullable Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof Map<?, ?> m) {
      return m.get("id") instanceof String s ? s : null;
    }
    Object entity = component(o, "entityId");
    if (entity instanceof String s) {
      return s;
    }
    Object id = component(o, "id");
    return id instanceof String s && io.customergraph.graph.NodeKind.ofId(s).isPresent() ? s : null;
  }

  private @Nullable Object component(Object o, String name) {
    if (!o.getClass().isRecord()) {
      return null;
    }
    Method m = accessors.computeIfAbsent(o.getClass(), c -> {
      Map<String, Method> byName = new HashMap<>();
      for (RecordComponent rc : c.getRecordComponents()) {
        Method acc = rc.getAccessor();
        acc.setAccessible(true);
        byName.put(rc.getName(), acc);
      }
      return byName;
    }).get(name);
    if (m == null) {
      return null;
    }
    try {
      return m.invoke(o);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  /** Every id in the arguments: values of arguments (also inside inputs) named id, ids or ending in Id/Ids. */
  private static Set<String> ids(Map<String, Object> arguments) {
    Set<String> out = new LinkedHashSet<>();
    collect(arguments, out);
    return out;
  }

  private static void collect(Map<?, ?> map, Set<String> out) {
    map.forEach((k, v) -> {
      String key = String.valueOf(k);
      boolean idName = key.equals("id") || key.equals("ids") || key.endsWith("Id") || key.endsWith("Ids");
      if (v instanceof Map<?, ?> inner) {
        collect(inner, out);
      } else if (v instanceof Collection<?> c) {
        for (Object x : c) {
          if (x instanceof Map<?, ?> inner) {
            collect(inner, out);
          } else if (idName && x instanceof String s) {
            out.add(s);
          }
        }
      } else if (idName && v instanceof String s) {
        out.add(s);
      }
    });
  }

  /** A denial: null, or an empty list where the schema promises a list (so the rest of the answer survives). */
  private static DataFetcherResult<Object> denied(DataFetchingEnvironment env, ErrorType type, String code, String message) {
    boolean list = graphql.schema.GraphQLTypeUtil.unwrapNonNull(env.getFieldType()) instanceof graphql.schema.GraphQLList;
    return DataFetcherResult.newResult().data(list ? List.of() : null)
        .error(GraphqlErrorBuilder.newError(env).errorType(type).message(message).extensions(Map.of("code", code)).build())
        .build();
  }
}
