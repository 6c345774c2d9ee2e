package io.customergraph.api;

import io.customergraph.graph.Account;
import io.customergraph.graph.Contact;
import io.customergraph.graph.GraphReader;
import io.customergraph.graph.Node;
import io.customergraph.graph.Page;
import io.customergraph.resolve.EntityKind;
import io.customergraph.resolve.Explanation;
import io.customergraph.resolve.Resolver;
import io.customergraph.resolve.Resolver.Review;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Entity resolution over GraphQL: the review queue, explanations, people's decisions, aliases and fuzzy search. */
@Controller
class ResolutionController {

  /** Who decides, until authentication (issue #9) names the person. */
  static final String ACTOR = "api";

  private final Resolver resolver;
  private final GraphReader reader;
  private final ApiProperties properties;

  ResolutionController(Resolver resolver, GraphReader reader, ApiProperties properties) {
    this.properties = properties;
    this.resolver = resolver;
    this.reader = reader;
  }

  /** A mutation's result: done, or refused with a reason. */
  sealed interface MatchPayload permits MatchDecided, MatchRefused {}

  record MatchDecided(@Nullable Node survivor, @Nullable Node other, @Nullable Review review) implements MatchPayload {}

  record MatchRefused(String code, String message) implements MatchPayload {}

  /** An explanation as the API shows it. */
  record MatchExplanation(@Nullable Node a, @Nullable Node b, double prior, List<Factor> factors, double weight, double probability, boolean namesSwapped,
      Resolver.Decision decision, @Nullable String veto) {}

  record Factor(String name, String level, @Nullable String valueA, @Nullable String valueB, double m, double u, double weight, double tfAdjustment,
      double contribution, String sentence) {}

  record SearchHit(Node node, double score) {}

  record EntityAlias(String kind, String value, @Nullable String decision) {}

  record ReviewConnection(List<Page.Edge<Review>> edges, Pagination.PageInfo pageInfo) {}

  @QueryMapping
  ReviewConnection reviewQueue(@Argument Integer first, @Argument @Nullable String after) {
    if (first != null && first < 1) {
      throw new BadRequest("first must be at least 1, got " + first);
    }
    try {
      Page<Review> page = resolver.reviewQueue(first == null ? 20 : first, after);
      return new ReviewConnection(page.edges(), Pagination.info(page));
    } catch (Resolver.Rejected e) {
      throw new BadRequest(e.getMessage());
    }
  }

  @QueryMapping
  MatchExplanation matchExplanation(@Argument String aId, @Argument String bId) {
    try {
      return view(resolver.explain(aId, bId));
    } catch (Resolver.Rejected e) {
      throw new BadRequest(e.getMessage());
    }
  }

  @QueryMapping
  List<SearchHit> search(@Argument String text, @Argument @Nullable List<EntityKind> types, @Argument Integer first, graphql.GraphQLContext context) {
    if (first != null && first < 1) {
      throw new BadRequest("first must be at least 1, got " + first);
    }
    try {
      List<Resolver.Hit> hits = resolver.search(text, types == null ? List.of() : types, first == null ? 10 : first, ApiLimits.remaining(context, properties));
      return hits.stream().flatMap(h -> reader.node(h.id()).map(n -> new SearchHit(n, h.score())).stream()).toList();
    } catch (Resolver.Rejected e) {
      throw new BadRequest(e.getMessage());
    }
  }

  @SchemaMapping(typeName = "Review", field = "a")
  @Nullable Node reviewA(Review r) {
    return reader.node(r.aId()).orElse(null);
  }

  @SchemaMapping(typeName = "Review", field = "b")
  @Nullable Node reviewB(Review r) {
    return reader.node(r.bId()).orElse(null);
  }

  @SchemaMapping(typeName = "Review", field = "explanation")
  @Nullable MatchExplanation reviewExplanation(Review r) {
    try {
      return view(resolver.explain(r.aId(), r.bId()));
    } catch (Resolver.Rejected e) {
      return null;
    }
  }

  @MutationMapping
  MatchPayload confirmMatch(@Argument String reviewId) {
    return decided(() -> {
      String survivor = resolver.confirm(reviewId, ACTOR);
      Review r = resolver.review(reviewId).orElseThrow();
      String other = r.aId().equals(survivor) ? r.bId() : r.aId();
      return new MatchDecided(reader.node(survivor).orElse(null), merged(other), r);
    });
  }

  @MutationMapping
  MatchPayload rejectMatch(@Argument String reviewId, @Argument @Nullable String reason) {
    return decided(() -> {
      Review r = resolver.reject(reviewId, ACTOR, reason);
      return new MatchDecided(reader.node(r.aId()).orElse(null), reader.node(r.bId()).orElse(null), r);
    });
  }

  @MutationMapping
  MatchPayload mergeEntities(@Argument String aId, @Argument String bId) {
    return decided(() -> {
      String survivor = resolver.mergeEntities(aId, bId, ACTOR);
      String other = survivor.equals(aId) ? bId : aId;
      return new MatchDecided(reader.node(survivor).orElse(null), merged(other), null);
    });
  }

  @MutationMapping
  MatchPayload splitEntity(@Argument String id, @Argument @Nullable String mergedId) {
    return decided(() -> {
      String restored = resolver.split(id, mergedId, ACTOR);
      return new MatchDecided(reader.node(id).orElse(null), reader.node(restored).orElse(null), null);
    });
  }

  @BatchMapping(typeName = "Contact", field = "aliases")
  Map<Contact, List<EntityAlias>> contactAliases(List<Contact> contacts) {
    Map<String, List<Resolver.Alias>> found = resolver.aliases(contacts.stream().map(Contact::id).toList());
    return contacts.stream().collect(java.util.stream.Collectors.toMap(c -> c, c -> aliases(found.get(c.id())), (x, y) -> x, java.util.LinkedHashMap::new));
  }

  @BatchMapping(typeName = "Account", field = "aliases")
  Map<Account, List<EntityAlias>> accountAliases(List<Account> accounts) {
    Map<String, List<Resolver.Alias>> found = resolver.aliases(accounts.stream().map(Account::id).toList());
    return accounts.stream().collect(java.util.stream.Collectors.toMap(a -> a, a -> aliases(found.get(a.id())), (x, y) -> x, java.util.LinkedHashMap::new));
  }

  private static List<EntityAlias> aliases(@Nullable List<Resolver.Alias> found) {
    return found == null ? List.of() : found.stream().map(a -> new EntityAlias(a.kind(), a.key(), a.decision())).toList();
  }

  /** The node an id now stands for; a merged-away id resolves to its survivor, so the merged node itself is shown as null. */
  private @Nullable Node merged(String id) {
    return reader.node(id).filter(n -> n.id().equals(id)).orElse(null);
  }

  private static MatchPayload decided(Supplier<MatchPayload> action) {
    try {
      return action.get();
    } catch (Resolver.Rejected e) {
      return new MatchRefused(e.code(), e.getMessage());
    }
  }

  private MatchExplanation view(Resolver.MatchExplanation m) {
    Explanation e = m.explanation();
    return new MatchExplanation(reader.node(m.aId()).orElse(null), reader.node(m.bId()).orElse(null), e.prior(),
        e.factors().stream().map(f -> new Factor(f.name(), f.level(), f.valueA(), f.valueB(), f.m(), f.u(), f.weight(), f.tfAdjustment(), f.contribution(),
            f.sentence())).toList(), e.weight(), e.probability(), e.swapped(), m.decision(), e.veto());
  }
}
