package io.customergraph.resolve;

import io.customergraph.graph.Ids;
import io.customergraph.graph.NodeKind;
import io.customergraph.graph.Page;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Entity resolution on the live graph. Streaming: each new contact or account is compared with its candidates from
 * the {@link EntityIndex}; at or above the merge threshold it is merged into the best candidate (INFERRED), between
 * the thresholds a {@code Review} asks a person, below it stays a new entity. People decide reviews (confirm, reject),
 * merge and split by hand (ASSERTED); a person's decision is never undone by automation, and a pair a person said
 * are different is never merged automatically. An inferred merge whose evidence is gone is RETRACTED and split.
 */
@Service
public class Resolver {

  private final Neo4jClient client;
  private final TransactionTemplate transactions;
  private final EntityIndex index;
  private final Merges merges;
  private final ResolveProperties properties;
  private final Clock clock;

  private final org.springframework.context.ApplicationEventPublisher events;
  private final io.micrometer.core.instrument.MeterRegistry meters;

  private void decided(String decision) {
    meters.counter(io.customergraph.observe.Metrics.RESOLUTION_DECISIONS, "decision", decision).increment();
  }

  Resolver(Neo4jClient client, TransactionTemplate transactions, EntityIndex index, Merges merges, ResolveProperties properties, Clock clock,
      org.springframework.context.ApplicationEventPublisher events, io.micrometer.core.instrument.MeterRegistry meters) {
    this.meters = meters;
    this.events = events;
    // Every decision from the start, at zero, so dashboards show a line before the first one.
    for (String decision : List.of("merge", "review", "new", "split")) {
      meters.counter(io.customergraph.observe.Metrics.RESOLUTION_DECISIONS, "decision", decision);
    }
    this.client = client;
    this.transactions = transactions;
    this.index = index;
    this.merges = merges;
    this.properties = properties;
    this.clock = clock;
  }

  /** What resolving one entity decided. */
  public enum Decision { MERGE, REVIEW, NEW }

  /**
   * The outcome for one entity.
   *
   * @param id the entity resolved
   * @param decision merged, sent to review, or left new
   * @param matchedId the best candidate (the survivor when merged), null when there was none
   * @param probability the best candidate's match probability (0 without candidates)
   * @param mergedId when merged, the entity merged away (this one, or the candidate if this one is older)
   */
  public record Resolution(String id, Decision decision, @Nullable String matchedId, double probability, @Nullable String mergedId) {}

  /** Why a pair matches or not, with the decision the thresholds give. */
  public record MatchExplanation(String aId, String bId, Explanation explanation, Decision decision) {}

  /** An uncertain match waiting for a person. */
  public record Review(
      String id, String kind, String aId, String bId, double probability, double weight, double uncertainty, String status,
      OffsetDateTime createdAt, @Nullable OffsetDateTime decidedAt, @Nullable String decidedBy, @Nullable String reason, double openedProbability) {}

  /** An identity key or old id that resolves to an entity. */
  public record Alias(String entityId, String key, String kind, @Nullable String decision) {}

  /** A search hit: an entity and how well it matches the text (the match model's probability). */
  public record Hit(String id, EntityKind kind, double score) {}

  /** Why a request could not be carried out, as data for the API. */
  public static final class Rejected extends RuntimeException {
    private final String code;

    Rejected(String code, String message) {
      super(message);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  // ---- streaming --------------------------------------------------------------------------------------------

  /**
   * Resolves entities just written (new contacts or accounts): index them, then merge, review or leave each.
   * Each merge runs in its own transaction; the index follows every change.
   */
  public List<Resolution> resolve(EntityKind kind, Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, Entry> live = index.refresh(kind, ids);
    Map<String, Set<String>> apart = assertedApart(kind, ids);
    // Merges made by this loop: an entity merged into an earlier one of the same batch is no longer to be resolved.
    Set<String> mergedAway = new HashSet<>();
    // Decisions not written yet: pending flags to clear and reviews to open. Only a merge changes what later
    // entities are compared with, so these wait for the next merge's transaction or the end of the loop and go in one
    // statement each. A crash before that re-resolves them against the graph they were decided on (nothing was
    // written in between), so they come out the same.
    Unwritten unwritten = new Unwritten(kind);
    List<Resolution> out = new ArrayList<>();
    for (String id : ids) {
      Entry self = live.get(id);
      Resolution r = self == null || mergedAway.contains(id)
          ? new Resolution(id, Decision.NEW, null, 0, null)
          : resolveOne(kind, self, apart.getOrDefault(id, Set.of()), unwritten);
      if (r.decision() == Decision.MERGE) {
        mergedAway.add(r.mergedId());
      }
      decided(r.decision().name().toLowerCase(java.util.Locale.ROOT));
      if (r.decision() != Decision.MERGE) {
        unwritten.settled.add(id);
      }
      out.add(r);
    }
    // A merge gives the survivor more to be found by — another address, another form of its name — so it looks for
    // its matches once more: an entity decided before the merge is compared with what the survivor holds now (allen-p:
    // phillip.k.allen@ was decided before pallen@ joined Phillip Allen, then never compared again). Once, not until
    // nothing changes: a further merge's survivor waits for its next write.
    Set<String> survivors = new java.util.LinkedHashSet<>();
    for (Resolution r : out) {
      if (r.decision() == Decision.MERGE && !mergedAway.contains(r.matchedId())) {
        survivors.add(r.matchedId());
      }
    }
    if (!survivors.isEmpty()) {
      Map<String, Entry> now = index.refresh(kind, survivors);
      Map<String, Set<String>> apartNow = assertedApart(kind, survivors);
      for (String id : survivors) {
        Entry self = now.get(id);
        if (self != null && !mergedAway.contains(id)) {
          Resolution again = resolveOne(kind, self, apartNow.getOrDefault(id, Set.of()), unwritten);
          if (again.decision() == Decision.MERGE) {
            mergedAway.add(again.mergedId());
          }
          decided(again.decision().name().toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    if (!unwritten.reviews.isEmpty() || !unwritten.settled.isEmpty()) {
      transactions.executeWithoutResult(s -> unwritten.write());
    }
    return out;
  }

  /** Decisions of a streaming run not written yet; {@link #write} writes them in the caller's transaction. */
  private final class Unwritten {
    private final EntityKind kind;
    final List<String> settled = new ArrayList<>();
    final List<Map<String, Object>> reviews = new ArrayList<>();

    Unwritten(EntityKind kind) {
      this.kind = kind;
    }

    void write() {
      // Labels come from EntityKind.
      if (!reviews.isEmpty()) {
        List<Map<String, Object>> opened = List.copyOf(client.query("""
            UNWIND $reviews AS row
            MATCH (x:%1$s {id: row.a}), (y:%1$s {id: row.b})
            OPTIONAL MATCH (old:Review {id: row.id})
            WITH row, x, y, old IS NULL AS fresh
            MERGE (r:Review {id: row.id})
              ON CREATE SET r.kind = row.kind, r.aId = row.a, r.bId = row.b, r.createdAt = $now, r.status = 'OPEN', r.openedProbability = row.probability
            SET r.probability = row.probability, r.weight = row.weight, r.uncertainty = row.uncertainty, r.factors = row.factors
            MERGE (r)-[:ABOUT]->(x)
            MERGE (r)-[:ABOUT]->(y)
            WITH r, fresh WHERE fresh
            RETURN r.id AS id, r.kind AS kind, r.aId AS a, r.bId AS b, r.probability AS probability""".formatted(kind.label()))
            .bindAll(Map.of("reviews", List.copyOf(reviews), "now", now())).fetch().all());
        for (Map<String, Object> r : opened) {
          events.publishEvent(new ReviewOpened((String) r.get("id"), (String) r.get("kind"), (String) r.get("a"), (String) r.get("b"),
              ((Number) r.get("probability")).doubleValue()));
        }
      }
      if (!settled.isEmpty()) {
        client.query("UNWIND $ids AS id MATCH (n:%s {id: id}) WHERE n.resolvePending REMOVE n.resolvePending".formatted(kind.label()))
            .bind(List.copyOf(settled)).to("ids").run();
      }
      settled.clear();
      reviews.clear();
    }
  }

  /**
   * Resolves entities that ingestion created but whose resolution never ran (the process stopped between the batch's
   * commit and its resolution), oldest first. Run before an import and at start-up.
   */
  public int resolvePending() {
    int n = 0;
    // Accounts first, as ingestion resolves them (a contact's company is one of the fields it is compared on).
    for (EntityKind kind : List.of(EntityKind.ACCOUNT, EntityKind.CONTACT)) {
      // The label comes from EntityKind.
      List<String> pending = List.copyOf(client.query("MATCH (n:%s) WHERE n.resolvePending RETURN n.id AS id ORDER BY n.createdAt, n.id".formatted(kind.label()))
          .fetchAs(String.class).all());
      resolve(kind, pending);
      n += pending.size();
    }
    return n;
  }

  /** An account and the domain it is keyed by. */
  private record DomainAccount(String id, String domain) {}

  /**
   * Accounts keyed by a sub-domain before domains rolled up to their organisation (graphs imported before session 9:
   * "ect.enron.com" beside "enron.com"): each is merged into the account of its organisation (INFERRED, with the reason
   * first among the merge's factors; {@code splitEntity} undoes it), and where the organisation has no account of its
   * own, the oldest of its sub-domain accounts takes the organisation's domain — so later imports, which key accounts
   * by the organisation, find it. {@code customer-graph.ingest.separate-domains} keeps a sub-domain apart. Run at
   * start-up before pending entities are resolved; a graph with nothing to roll up costs one read.
   *
   * @return the accounts rolled up (merged away or given their organisation's domain)
   */
  public int rollUpSubDomains() {
    Map<String, List<DomainAccount>> byOrganisation = new java.util.LinkedHashMap<>();
    client.query("MATCH (a:Account) WHERE a.domain IS NOT NULL RETURN a.id AS id, a.domain AS domain ORDER BY a.createdAt, a.id")
        .fetch().all().forEach(r -> {
          String domain = (String) r.get("domain");
          byOrganisation.computeIfAbsent(io.customergraph.graph.Organisations.of(domain), k -> new ArrayList<>())
              .add(new DomainAccount((String) r.get("id"), domain));
        });
    int rolled = 0;
    for (Map.Entry<String, List<DomainAccount>> group : byOrganisation.entrySet()) {
      String organisation = group.getKey();
      List<DomainAccount> accounts = group.getValue();
      if (accounts.stream().allMatch(a -> a.domain().equals(organisation))) {
        continue;
      }
      DomainAccount survivor = accounts.stream().filter(a -> a.domain().equals(organisation)).findFirst().orElse(accounts.get(0));
      // A pair a person split (or said apart) stays apart.
      Set<String> apart = assertedApart(EntityKind.ACCOUNT, List.of(survivor.id())).getOrDefault(survivor.id(), Set.of());
      List<DomainAccount> merging = accounts.stream().filter(a -> a != survivor && !apart.contains(a.id())).toList();
      if (merging.isEmpty() && survivor.domain().equals(organisation)) {
        continue;
      }
      List<String> touched = new ArrayList<>(List.of(survivor.id()));
      List<@Nullable Explanation> why = new ArrayList<>();
      for (DomainAccount a : merging) {
        try {
          why.add(explainEntries(EntityKind.ACCOUNT, survivor.id(), a.id()));
        } catch (Rejected notIndexed) {
          why.add(null); // the domain is the reason; a record the index lacks must not stop the start-up step
        }
      }
      transactions.executeWithoutResult(s -> {
        if (!survivor.domain().equals(organisation)) {
          client.query("MATCH (a:Account {id: $id}) SET a.domain = $organisation, a.updatedAt = $now")
              .bindAll(params("id", survivor.id(), "organisation", organisation, "now", now())).run();
        }
        int i = 0;
        for (DomainAccount a : merging) {
          Explanation e = why.get(i++);
          List<String> factors = new ArrayList<>();
          factors.add("domain %s belongs to the organisation %s (public suffix list; customer-graph.ingest.separate-domains keeps a sub-domain apart)"
              .formatted(a.domain(), organisation));
          if (e != null) {
            factors.addAll(sentences(e));
          }
          double weight = e == null ? 0 : e.weight();
          if (merges.merge(EntityKind.ACCOUNT, survivor.id(), a.id(), new Merges.Decision("INFERRED", "organisation rollup", 1.0, weight, factors))) {
            touched.add(a.id());
          }
        }
      });
      index.refresh(EntityKind.ACCOUNT, touched);
      rolled += touched.size() - 1 + (survivor.domain().equals(organisation) ? 0 : 1);
      for (int k = 1; k < touched.size(); k++) {
        decided("merge");
      }
    }
    return rolled;
  }

  /** Decides one entity; a merge writes the decisions waiting in {@code unwritten} in its transaction. */
  private Resolution resolveOne(EntityKind kind, Entry self, Set<String> apart, Unwritten unwritten) {
    String id = self.id();
    MatchModel model = index.model(kind);
    CandidateIndex candidates = index.index(kind);
    List<Entry> found = candidates.candidates(self, properties.candidates());
    Entry best = null;
    double bestP = 0;
    boolean bestVetoed = false;
    for (Entry c : found) {
      if (apart.contains(c.id())) {
        continue;
      }
      Entry[] forms = model.bestForms(self, c, candidates);
      MatchModel.Compared compared = model.compare(forms[0], forms[1]);
      double p = Explanation.probability(model.weight(compared, forms[0], forms[1], candidates));
      boolean vetoed = properties.identityEvidence() && model.veto(compared) != null;
      if (vetoed && model.unsupported(compared)) {
        continue; // nothing personal in common: neither a merge nor a question for a person
      }
      // A candidate the identity rule allows to merge beats a vetoed one above the merge bar; otherwise the most
      // probable wins, ties to the smaller id, so the same graph gives the same decision.
      boolean better = best == null || mergeable(p, vetoed) != mergeable(bestP, bestVetoed)
          ? best == null || mergeable(p, vetoed)
          : p > bestP || (p == bestP && c.id().compareTo(best.id()) < 0);
      if (better) {
        best = c;
        bestP = p;
        bestVetoed = vetoed;
      }
    }
    if (best == null || bestP < properties.reviewThreshold()) {
      return new Resolution(id, Decision.NEW, best == null ? null : best.id(), bestP, null);
    }
    Entry[] bestForms = model.bestForms(self, best, candidates);
    Explanation why = model.explain(bestForms[0], bestForms[1], candidates);
    if (mergeable(bestP, bestVetoed)) {
      String[] order = survivorFirst(kind, id, best.id());
      boolean done = Boolean.TRUE.equals(transactions.execute(s -> {
        // Earlier decisions first, as if written when they were made.
        unwritten.write();
        boolean merged = merges.merge(kind, order[0], order[1], new Merges.Decision("INFERRED", "resolver", why.probability(), why.weight(), sentences(why)));
        if (merged) {
          unwritten.settled.add(id);
          unwritten.write();
        }
        return merged;
      }));
      if (done) {
        index.refresh(kind, List.of(order[0], order[1]));
        return new Resolution(id, Decision.MERGE, order[0], bestP, order[1]);
      }
    }
    unwritten.reviews.add(review(kind, id, best.id(), why));
    return new Resolution(id, Decision.REVIEW, best.id(), bestP, null);
  }

  private boolean mergeable(double p, boolean vetoed) {
    return p >= properties.mergeThreshold() && !vetoed;
  }

  /** The older entity survives (it is the one people already know), ties broken by id. */
  private String[] survivorFirst(EntityKind kind, String a, String b) {
    // The label comes from EntityKind.
    List<String> order = List.copyOf(client.query("MATCH (n:%s) WHERE n.id IN [$a, $b] RETURN n.id AS id ORDER BY n.createdAt, n.id".formatted(kind.label()))
        .bindAll(Map.of("a", a, "b", b)).fetchAs(String.class).all());
    return order.size() == 2 ? new String[] {order.get(0), order.get(1)} : new String[] {a, b};
  }

  /** For each entity, those a person has said are not it (one query for the whole batch). */
  private Map<String, Set<String>> assertedApart(EntityKind kind, Collection<String> ids) {
    Map<String, Set<String>> out = new HashMap<>();
    // The label comes from EntityKind.
    client.query("""
        MATCH (n:%s)-[d:DIFFERENT_FROM {status: 'ASSERTED'}]-(o) WHERE n.id IN $ids
        RETURN n.id AS id, o.id AS other""".formatted(kind.label())).bind(List.copyOf(ids)).to("ids").fetch().all()
        .forEach(r -> out.computeIfAbsent((String) r.get("id"), k -> new HashSet<>()).add((String) r.get("other")));
    return out;
  }

  private static List<String> sentences(Explanation e) {
    List<String> out = new ArrayList<>();
    for (Explanation.Factor f : e.factors()) {
      out.add(f.sentence());
    }
    return out;
  }

  /** The row of a review to open for two entities. */
  private static Map<String, Object> review(EntityKind kind, String a, String b, Explanation why) {
    String first = a.compareTo(b) < 0 ? a : b, second = first.equals(a) ? b : a;
    Map<String, Object> row = new HashMap<>();
    row.put("id", Ids.of(NodeKind.REVIEW, first, second));
    row.put("kind", kind.name());
    row.put("a", first);
    row.put("b", second);
    row.put("probability", why.probability());
    row.put("weight", why.weight());
    // Highest uncertainty first: a probability of 0.5 is the least certain.
    row.put("uncertainty", Math.abs(why.probability() - 0.5));
    row.put("factors", sentences(why));
    return row;
  }

  // ---- people's decisions --------------------------------------------------------------------------------------

  /** Open reviews, most uncertain first, a page at a time. */
  public Page<Review> reviewQueue(int first, @Nullable String after) {
    int size = Math.max(1, Math.min(100, first));
    double afterU = -1;
    String afterId = "";
    if (after != null) {
      io.customergraph.graph.Cursor c = io.customergraph.graph.Cursor.decode(after);
      try {
        afterU = Double.parseDouble(c.sortKey());
      } catch (NumberFormatException e) {
        throw new Rejected("BAD_CURSOR", "the cursor '" + after + "' was not returned by reviewQueue");
      }
      afterId = c.id();
    }
    List<Review> rows = List.copyOf(client.query("""
        MATCH (r:Review {status: 'OPEN'})
        WHERE r.uncertainty > $u OR (r.uncertainty = $u AND r.id > $id)
        RETURN r ORDER BY r.uncertainty, r.id LIMIT $limit""").bindAll(Map.of("u", afterU, "id", afterId, "limit", size + 1))
        .fetchAs(Review.class).mappedBy((t, r) -> review(r.get("r").asNode())).all());
    rows = current(rows);
    return Page.of(rows, size, rv -> new io.customergraph.graph.Cursor(Double.toString(rv.uncertainty()), rv.id()), after != null);
  }

  /**
   * Open reviews with their probability brought up to date with their explanation: the model relearns (from people's
   * decisions) and the two entities gain evidence after a review is opened, and a queue that showed the probability of
   * the day it was opened disagreed with the explanation beside it (opened at 0.902, explained as 0.179). Only the
   * reviews read are explained again (a page at most), and written back where they changed, so the queue's order
   * catches up as it is read; the value when opened stays as {@code openedProbability}. A review whose entity is gone
   * is left as it is.
   */
  private List<Review> current(List<Review> reviews) {
    List<Review> out = new ArrayList<>(reviews.size());
    List<Map<String, Object>> changed = new ArrayList<>();
    for (Review r : reviews) {
      Explanation why = null;
      if ("OPEN".equals(r.status())) {
        try {
          why = explainEntries(EntityKind.valueOf(r.kind()), r.aId(), r.bId());
        } catch (Rejected | IllegalArgumentException e) {
          why = null;
        }
      }
      if (why == null || Math.abs(why.probability() - r.probability()) <= 1e-12) {
        out.add(r);
        continue;
      }
      Map<String, Object> row = review(EntityKind.valueOf(r.kind()), r.aId(), r.bId(), why);
      row.put("id", r.id());
      changed.add(row);
      out.add(new Review(r.id(), r.kind(), r.aId(), r.bId(), why.probability(), why.weight(), Math.abs(why.probability() - 0.5), r.status(),
          r.createdAt(), r.decidedAt(), r.decidedBy(), r.reason(), r.openedProbability()));
    }
    if (!changed.isEmpty()) {
      client.query("""
          UNWIND $rows AS row MATCH (r:Review {id: row.id, status: 'OPEN'})
          SET r.openedProbability = coalesce(r.openedProbability, r.probability),
              r.probability = row.probability, r.weight = row.weight, r.uncertainty = row.uncertainty, r.factors = row.factors""")
          .bind(changed).to("rows").run();
    }
    return out;
  }

  /** A review by id (an open one with its probability brought up to date, {@link #current}). */
  public Optional<Review> review(String id) {
    return client.query("MATCH (r:Review {id: $id}) RETURN r").bind(id).to("id").fetchAs(Review.class).mappedBy((t, r) -> review(r.get("r").asNode())).one()
        .map(r -> current(List.of(r)).get(0));
  }

  private static Review review(org.neo4j.driver.types.Node n) {
    return new Review(n.get("id").asString(), n.get("kind").asString(), n.get("aId").asString(), n.get("bId").asString(),
        n.get("probability").asDouble(), n.get("weight").asDouble(), n.get("uncertainty").asDouble(), n.get("status").asString(),
        n.get("createdAt").asOffsetDateTime(), n.get("decidedAt").isNull() ? null : n.get("decidedAt").asOffsetDateTime(),
        n.get("decidedBy").asString(null), n.get("reason").asString(null),
        n.get("openedProbability").isNull() ? n.get("probability").asDouble() : n.get("openedProbability").asDouble());
  }

  /** A person confirms a review: the two are merged (ASSERTED). Returns the survivor's id. */
  public String confirm(String reviewId, String by) {
    Review r = openReviewOrThrow(reviewId);
    // The merge closes the review in its own transaction.
    return mergeEntities(r.aId(), r.bId(), by);
  }

  /** A person rejects a review: the two are different (ASSERTED), and automation will not merge them. */
  public Review reject(String reviewId, String by, @Nullable String reason) {
    Review r = openReviewOrThrow(reviewId);
    transactions.executeWithoutResult(s -> {
      differentFrom(EntityKind.valueOf(r.kind()), r.aId(), r.bId(), by, reason);
      client.query("""
          MATCH (r:Review {id: $id}) SET r.status = 'REJECTED', r.decidedBy = $by, r.decidedAt = $now, r.reason = $reason""")
          .bindAll(params("id", reviewId, "by", by, "now", now(), "reason", reason)).run();
    });
    return review(reviewId).orElseThrow();
  }

  /** Records a person's assertion that two entities are different, which automation respects. */
  private void differentFrom(EntityKind kind, String a, String b, String by, @Nullable String reason) {
    // The label comes from EntityKind.
    client.query("""
        MATCH (a:%1$s {id: $a}), (b:%1$s {id: $b})
        MERGE (a)-[d:DIFFERENT_FROM]->(b)
        SET d.status = 'ASSERTED', d.by = $by, d.decidedAt = $now, d.reason = $reason""".formatted(kind.label()))
        .bindAll(params("a", a, "b", b, "by", by, "now", now(), "reason", reason)).run();
  }

  private Review openReviewOrThrow(String reviewId) {
    Review r = review(reviewId).orElseThrow(() -> new Rejected("NOT_FOUND", "no review with id " + reviewId));
    if (!r.status().equals("OPEN")) {
      throw new Rejected("ALREADY_DECIDED", "review %s was already %s by %s".formatted(reviewId, r.status().toLowerCase(java.util.Locale.ROOT), r.decidedBy()));
    }
    return r;
  }

  /**
   * A person merges two entities (ASSERTED); old ids keep resolving to the survivor (the older entity).
   *
   * @return the survivor's id
   */
  public String mergeEntities(String aId, String bId, String by) {
    String a = merges.current(aId).orElseThrow(() -> new Rejected("NOT_FOUND", "no contact or account with id " + aId));
    String b = merges.current(bId).orElseThrow(() -> new Rejected("NOT_FOUND", "no contact or account with id " + bId));
    EntityKind kind = EntityKind.ofId(a).orElseThrow();
    if (EntityKind.ofId(b).orElseThrow() != kind) {
      throw new Rejected("KIND_MISMATCH", "%s and %s are not the same kind of entity".formatted(aId, bId));
    }
    if (a.equals(b)) {
      throw new Rejected("ALREADY_MERGED", "%s and %s are already one entity (%s)".formatted(aId, bId, a));
    }
    Explanation why = explainEntries(kind, a, b);
    String[] order = survivorFirst(kind, a, b);
    transactions.executeWithoutResult(s -> {
      if (!merges.merge(kind, order[0], order[1], new Merges.Decision("ASSERTED", by, why.probability(), why.weight(), sentences(why)))) {
        throw new Rejected("NOT_FOUND", "cannot merge %s into %s".formatted(order[1], order[0]));
      }
      // A merge a person asserted closes any open review of the pair, under the ids given or the ones they stand for.
      List<String> ids = List.of(aId, bId, a, b);
      client.query("""
          MATCH (r:Review {status: 'OPEN'}) WHERE r.aId IN $ids AND r.bId IN $ids
          SET r.status = 'CONFIRMED', r.decidedBy = $by, r.decidedAt = $now""").bindAll(params("ids", ids, "by", by, "now", now())).run();
    });
    index.refresh(kind, List.of(order[0], order[1]));
    index.relearnM(kind); // a person's merge is a label
    decided("merge");
    return order[0];
  }

  /**
   * A person splits an entity merged into another back off: both are restored as they were, and automation will
   * not merge them again. Without {@code mergedId}, the latest merge into {@code id} is undone.
   *
   * @return the restored entity's id
   */
  public String split(String id, @Nullable String mergedId, String by) {
    String survivor = merges.current(id).orElseThrow(() -> new Rejected("NOT_FOUND", "no contact or account with id " + id));
    EntityKind kind = EntityKind.ofId(survivor).orElseThrow();
    List<Map<String, Object>> merged = merges.mergedInto(kind, survivor);
    String target = mergedId;
    if (target == null) {
      if (merged.isEmpty()) {
        throw new Rejected("NOT_MERGED", "nothing was merged into " + survivor);
      }
      target = (String) merged.get(merged.size() - 1).get("id");
    }
    String t = target;
    if (merged.stream().noneMatch(m -> t.equals(m.get("id")))) {
      throw new Rejected("NOT_MERGED", "%s is not merged into %s".formatted(t, survivor));
    }
    transactions.executeWithoutResult(s -> {
      if (!merges.split(kind, survivor, t, by, "split by " + by)) {
        throw new Rejected("NOT_MERGED", "%s is not merged into %s".formatted(t, survivor));
      }
      differentFrom(kind, survivor, t, by, "split");
    });
    index.refresh(kind, List.of(survivor, t));
    index.relearnM(kind); // a merge a person asserted may be gone
    decided("split");
    return t;
  }

  /**
   * Re-checks the automatic merges into an entity against the evidence now in the graph: an INFERRED merge whose pair
   * no longer reaches the review threshold is RETRACTED and split. ASSERTED merges are a person's and stay.
   *
   * @return the ids split off
   */
  public List<String> reevaluate(String id) {
    String survivor = merges.current(id).orElseThrow(() -> new Rejected("NOT_FOUND", "no contact or account with id " + id));
    EntityKind kind = EntityKind.ofId(survivor).orElseThrow();
    List<String> retracted = new ArrayList<>();
    for (Map<String, Object> m : merges.mergedInto(kind, survivor)) {
      if (!"INFERRED".equals(m.get("status"))) {
        continue;
      }
      String loser = (String) m.get("id");
      Explanation why = explainEntries(kind, survivor, loser);
      if (why.probability() < properties.reviewThreshold()) {
        transactions.executeWithoutResult(s -> merges.split(kind, survivor, loser, "resolver",
            "evidence gone: probability now %.3f".formatted(why.probability())));
        retracted.add(loser);
      }
    }
    if (!retracted.isEmpty()) {
      List<String> changed = new ArrayList<>(retracted);
      changed.add(survivor);
      index.refresh(kind, changed);
    }
    return retracted;
  }

  // ---- explanations, aliases, search ------------------------------------------------------------------------------

  /** The waterfall for any two contacts or two accounts (merged-away ones included), with the decision it gives. */
  public MatchExplanation explain(String aId, String bId) {
    EntityKind kind = EntityKind.ofId(aId).orElseThrow(() -> new Rejected("NOT_FOUND", "no contact or account with id " + aId));
    if (EntityKind.ofId(bId).orElse(null) != kind) {
      throw new Rejected("KIND_MISMATCH", "%s and %s are not the same kind of entity".formatted(aId, bId));
    }
    Explanation e = explainEntries(kind, aId, bId);
    return new MatchExplanation(aId, bId, e, decision(e.probability(), e.veto(), e.unsupported()));
  }

  /** What the thresholds and the identity rule make of a probability. */
  private Decision decision(double probability, @Nullable String veto, boolean unsupported) {
    if (probability >= properties.mergeThreshold() && (veto == null || !properties.identityEvidence())) {
      return Decision.MERGE;
    }
    if (veto != null && unsupported && properties.identityEvidence()) {
      return Decision.NEW;
    }
    return probability >= properties.reviewThreshold() ? Decision.REVIEW : Decision.NEW;
  }

  private Explanation explainEntries(EntityKind kind, String aId, String bId) {
    Entry a = index.entry(aId).orElseThrow(() -> new Rejected("NOT_FOUND", "no contact or account with id " + aId));
    Entry b = index.entry(bId).orElseThrow(() -> new Rejected("NOT_FOUND", "no contact or account with id " + bId));
    // One merged into the other holds its addresses now: they are the merge's result, not evidence for it (else a
    // merge could never be found wrong again).
    if (merges.current(bId).filter(aId::equals).isPresent()) {
      a = without(a, b);
    } else if (merges.current(aId).filter(bId::equals).isPresent()) {
      b = without(b, a);
    }
    Entry[] forms = index.model(kind).bestForms(a, b, index.index(kind));
    return index.model(kind).explain(forms[0], forms[1], index.index(kind));
  }

  /** A survivor's record without the addresses that came with a record merged into it. */
  private static Entry without(Entry survivor, Entry merged) {
    Set<String> theirs = new HashSet<>(merged.otherEmails());
    theirs.add(merged.get(Field.EMAIL));
    return survivor.withOtherEmails(survivor.otherEmails().stream().filter(e -> !theirs.contains(e)).toList());
  }

  /** Identity keys and old ids that resolve to each entity. */
  public Map<String, List<Alias>> aliases(Collection<String> ids) {
    Map<String, List<Alias>> out = new HashMap<>();
    client.query("""
        MATCH (a:Alias)-[:ALIAS_OF]->(n) WHERE n.id IN $ids
        RETURN n.id AS id, a.key AS key, a.decision AS decision ORDER BY a.key""").bind(List.copyOf(ids)).to("ids")
        .fetch().all().forEach(r -> {
          String key = (String) r.get("key");
          int colon = key.indexOf(':');
          out.computeIfAbsent((String) r.get("id"), k -> new ArrayList<>()).add(
              new Alias((String) r.get("id"), key.substring(colon + 1), colon < 0 ? "" : key.substring(0, colon), (String) r.get("decision")));
        });
    return out;
  }

  /**
   * Fuzzy search across people and companies: the text is read as a name, an address, a phone number or a domain;
   * candidates come from the index and are ranked by the match model's probability.
   */
  /** Most words a search text may have (the longest company names and full names with titles have fewer). */
  static final int MAX_SEARCH_WORDS = 12;

  public List<Hit> search(String text, Collection<EntityKind> kinds, int first) {
    return search(text, kinds, first, null);
  }

  /** As {@link #search(String, Collection, int)}, within the time a request has left (null: no limit). */
  public List<Hit> search(String text, Collection<EntityKind> kinds, int first, java.time.@Nullable Duration timeAllowed) {
    if (text.isBlank()) {
      throw new Rejected("EMPTY_QUERY", "search text is empty");
    }
    // Each word becomes fuzzy clauses that expand to up to fifty terms each: a few words find any name, address or
    // company, and many would pass Lucene's clause limit (a failure, not an answer).
    long words = java.util.Arrays.stream(text.strip().split("[\\s,;]+")).filter(w -> !w.isEmpty()).count();
    if (words > MAX_SEARCH_WORDS) {
      throw new Rejected("TOO_MANY_WORDS", "search text has " + words + " words; at most " + MAX_SEARCH_WORDS
          + " are searched (a name, an address, a phone number or a domain)");
    }
    int size = Math.max(1, Math.min(50, first));
    List<Hit> hits = new ArrayList<>();
    for (EntityKind kind : kinds.isEmpty() ? List.of(EntityKind.values()) : new LinkedHashSet<>(kinds)) {
      Entry q = index.query(kind, text);
      List<Entry> candidates;
      try {
        candidates = index.index(kind).candidates(q, size, timeAllowed);
      } catch (org.apache.lucene.search.IndexSearcher.TooManyClauses e) {
        throw new Rejected("TOO_COMPLEX", "search text expands to more index clauses than are searched; use fewer or longer words");
      } catch (CandidateIndex.TimedOut e) {
        throw new Rejected("TIMEOUT", e.getMessage() + " (the request's deadline, customer-graph.api.timeout); use fewer or longer words");
      }
      for (Entry c : candidates) {
        Entry[] forms = index.model(kind).bestForms(q, c, index.index(kind));
        hits.add(new Hit(c.id(), kind, index.model(kind).probability(forms[0], forms[1], index.index(kind))));
      }
    }
    hits.sort(java.util.Comparator.comparingDouble(Hit::score).reversed().thenComparing(Hit::id));
    return hits.size() > size ? hits.subList(0, size) : hits;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static Map<String, Object> params(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
