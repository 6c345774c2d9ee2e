package io.customergraph.api;

import io.customergraph.api.Connections.AccountConnection;
import io.customergraph.api.Connections.ContactConnection;
import io.customergraph.api.Connections.DealConnection;
import io.customergraph.graph.Account;
import io.customergraph.graph.Contact;
import io.customergraph.graph.Deal;
import io.customergraph.graph.Exploration;
import io.customergraph.graph.Exploration.GraphPath;
import io.customergraph.graph.Exploration.Subgraph;
import io.customergraph.graph.Filters.AccountFilter;
import io.customergraph.graph.Filters.ContactFilter;
import io.customergraph.graph.Filters.DealFilter;
import io.customergraph.graph.GraphReader;
import io.customergraph.graph.Node;
import io.customergraph.graph.Pipeline;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import org.springframework.graphql.data.method.annotation.ContextValue;
import io.customergraph.security.Caller;
import io.customergraph.security.Visibility;
import java.util.Set;

/** Entry points for reading: lookups by id, lists with filters, and graph exploration. */
@Controller
class QueryController {

  private final GraphReader reader;
  private final Exploration exploration;
  private final Visibility visibility;
  private final Pipeline pipeline;

  QueryController(GraphReader reader, Exploration exploration, Visibility visibility, Pipeline pipeline) {
    this.pipeline = pipeline;
    this.reader = reader;
    this.exploration = exploration;
    this.visibility = visibility;
  }

  @QueryMapping
  @Nullable Node node(@Argument String id) {
    return reader.node(id).orElse(null);
  }

  /** An account by id; the id of an account merged into another gives the survivor, as {@code node} does. */
  @QueryMapping
  @Nullable Account account(@Argument String id) {
    return reader.node(id).filter(Account.class::isInstance).map(Account.class::cast).orElse(null);
  }

  /** A contact by id; the id of a contact merged into another gives the survivor, as {@code node} does. */
  @QueryMapping
  @Nullable Contact contact(@Argument String id) {
    return reader.node(id).filter(Contact.class::isInstance).map(Contact.class::cast).orElse(null);
  }

  @QueryMapping
  @Nullable Deal deal(@Argument String id) {
    return reader.deals(List.of(id)).get(id);
  }

  @QueryMapping
  AccountConnection accounts(@Argument @Nullable Integer first, @Argument @Nullable String after, @Argument @Nullable AccountFilter filter,
      @ContextValue(name = Caller.KEY) Caller caller, graphql.schema.DataFetchingEnvironment env) {
    AccountFilter f = filter == null ? AccountFilter.NONE : filter;
    Set<String> scope = scope(caller);
    // The accounts' contacts and deals, when the question asks for them, come in the same statement as the page; they
    // are handed to the batch loaders of Account.contacts and Account.deals, which then have nothing left to read.
    org.dataloader.DataLoader<Account, List<Contact>> contactLoader =
        env.getSelectionSet().contains("edges/node/contacts") ? env.getDataLoader("Account.contacts") : null;
    org.dataloader.DataLoader<Account, List<Deal>> dealLoader =
        env.getSelectionSet().contains("edges/node/deals") ? env.getDataLoader("Account.deals") : null;
    GraphReader.AccountsWithRelations read =
        reader.accountsWith(f, scope, Pagination.size(first), Pagination.after(after), contactLoader != null, dealLoader != null);
    for (var edge : read.page().edges()) {
      Account a = edge.node();
      if (contactLoader != null) {
        contactLoader.prime(a, read.contacts().getOrDefault(a.id(), List.of()));
      }
      if (dealLoader != null) {
        dealLoader.prime(a, read.deals().getOrDefault(a.id(), List.of()));
      }
    }
    return new AccountConnection(read.page(), f, scope);
  }

  @SchemaMapping(typeName = "AccountConnection")
  long totalCount(AccountConnection connection) {
    return reader.countAccounts(connection.filter(), connection.scope());
  }

  @QueryMapping
  ContactConnection contacts(@Argument @Nullable Integer first, @Argument @Nullable String after, @Argument @Nullable ContactFilter filter,
      @ContextValue(name = Caller.KEY) Caller caller) {
    ContactFilter f = filter == null ? ContactFilter.NONE : filter;
    Set<String> scope = scope(caller);
    return new ContactConnection(reader.contacts(f, scope, Pagination.size(first), Pagination.after(after)), f, scope);
  }

  @SchemaMapping(typeName = "ContactConnection")
  long totalCount(ContactConnection connection) {
    return reader.countContacts(connection.filter(), connection.scope());
  }

  @QueryMapping
  DealConnection deals(@Argument @Nullable Integer first, @Argument @Nullable String after, @Argument @Nullable DealFilter filter,
      @ContextValue(name = Caller.KEY) Caller caller) {
    DealFilter f = filter == null ? DealFilter.NONE : filter;
    Set<String> scope = scope(caller);
    return new DealConnection(reader.deals(f, scope, Pagination.size(first), Pagination.after(after)), f, scope);
  }

  @SchemaMapping(typeName = "DealConnection")
  long totalCount(DealConnection connection) {
    return reader.countDeals(connection.filter(), connection.scope());
  }

  @QueryMapping
  List<Pipeline.Stage> pipeline(@Argument @Nullable Integer dealsPerStage, @ContextValue(name = Caller.KEY) Caller caller) {
    int n = dealsPerStage == null ? 20 : dealsPerStage;
    if (n < 1 || n > 100) {
      throw new BadRequest("dealsPerStage must be between 1 and 100, got " + n);
    }
    return pipeline.stages(scope(caller), n);
  }

  /** The deals of a pipeline's stages, one read per request. */
  @BatchMapping(typeName = "PipelineDeal", field = "deal")
  Map<Pipeline.OpenDeal, Deal> deal(List<Pipeline.OpenDeal> open) {
    Map<String, Deal> found = reader.deals(open.stream().map(Pipeline.OpenDeal::dealId).toList());
    Map<Pipeline.OpenDeal, Deal> out = new java.util.LinkedHashMap<>();
    for (Pipeline.OpenDeal o : open) {
      Deal d = found.get(o.dealId());
      if (d != null) {
        out.put(o, d);
      }
    }
    return out;
  }

  /** A rep's reach for list queries (filtered in the query, so pages and counts are right); null for everyone else. */
  private @Nullable Set<String> scope(Caller caller) {
    return caller.scoped() ? visibility.accounts(caller) : null;
  }

  @QueryMapping
  @Nullable Subgraph neighborhood(
      @Argument String id, @Argument @Nullable Integer depth, @Argument @Nullable Integer limit, @Argument @Nullable Boolean includeProvenance) {
    int d = depth == null ? 1 : depth;
    int l = limit == null ? 100 : limit;
    if (d < 1 || d > Exploration.MAX_DEPTH) {
      throw new BadRequest("depth must be between 1 and " + Exploration.MAX_DEPTH + ", got " + d);
    }
    if (l < 1 || l > Exploration.MAX_NODES) {
      throw new BadRequest("limit must be between 1 and " + Exploration.MAX_NODES + ", got " + l);
    }
    return exploration.neighborhood(id, d, l, Boolean.TRUE.equals(includeProvenance)).orElse(null);
  }

  @QueryMapping
  List<GraphPath> path(
      @Argument String fromId, @Argument String toId, @Argument @Nullable Integer maxHops, @Argument @Nullable Integer limit) {
    int hops = maxHops == null ? 4 : maxHops;
    int l = limit == null ? 5 : limit;
    if (hops < 1 || hops > Exploration.MAX_HOPS) {
      throw new BadRequest("maxHops must be between 1 and " + Exploration.MAX_HOPS + ", got " + hops);
    }
    if (l < 1 || l > Exploration.MAX_PATHS) {
      throw new BadRequest("limit must be between 1 and " + Exploration.MAX_PATHS + ", got " + l);
    }
    return exploration.paths(fromId, toId, hops, l);
  }
}
