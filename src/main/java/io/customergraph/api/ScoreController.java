package io.customergraph.api;

import io.customergraph.graph.Account;
import io.customergraph.graph.Contact;
import io.customergraph.graph.Deal;
import io.customergraph.graph.GraphReader;
import io.customergraph.graph.Node;
import io.customergraph.graph.Page;
import io.customergraph.score.Model;
import io.customergraph.score.Quality;
import io.customergraph.score.Score;
import io.customergraph.score.ScoreKind;
import io.customergraph.score.Scorer;
import io.customergraph.score.Scoring;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Scores over GraphQL: scores with explanations on contacts, deals and accounts, rankings, models, feedback. */
@Controller
class ScoreController {

  private final Scorer scorer;
  private final Scoring scoring;
  private final GraphReader reader;
  private final io.customergraph.security.Visibility visibility;

  /** One score read, as a data loader key: requests of a page are answered by one query per kind and time. */
  record ScoreRead(ScoreKind kind, String id, Instant at) {}

  ScoreController(
      Scorer scorer, Scoring scoring, GraphReader reader, io.customergraph.security.Visibility visibility,
      org.springframework.graphql.execution.BatchLoaderRegistry registry) {
    registry.forTypePair(ScoreRead.class, Score.class).withName("scores")
        .registerMappedBatchLoader((reads, env) -> reactor.core.publisher.Mono.fromCallable(() -> {
          java.util.Map<ScoreRead, Score> out = new java.util.HashMap<>();
          reads.stream().collect(java.util.stream.Collectors.groupingBy(r -> java.util.Map.entry(r.kind(), r.at())))
              .forEach((group, members) -> {
                java.util.Map<String, Score> scores = scorer.scores(group.getKey(), members.stream().map(ScoreRead::id).distinct().toList(), group.getValue());
                members.forEach(m -> {
                  Score found = scores.get(m.id());
                  if (found != null) {
                    out.put(m, found);
                  }
                });
              });
          return out;
        }));
    this.visibility = visibility;
    this.scorer = scorer;
    this.scoring = scoring;
    this.reader = reader;
  }

  sealed interface ScorePayload permits ScoreRecorded, ScoreRefused {}

  record ScoreRecorded(@Nullable Score score, Scorer.@Nullable Miss miss) implements ScorePayload {}

  record ScoreRefused(String code, String message) implements ScorePayload, WhatIfPayload {}

  sealed interface WhatIfPayload permits WhatIf, ScoreRefused {}

  record WhatIf(String without, Score before, Score after, double delta, String sentence) implements WhatIfPayload {}

  record ScoredConnection(List<Page.Edge<Score>> edges, Pagination.PageInfo pageInfo) {}

  record ScoreModel(
      ScoreKind kind, int version, String status, boolean prior, Instant trainedAt, String note, double intercept,
      double calibrationSlope, double calibrationOffset, List<Model.Coefficient> weights, List<ModelShape> shapes, @Nullable ModelQuality test,
      @Nullable ModelQuality previousOnTest, Model.@Nullable Window window, List<Segment> segments) {}

  /** A learnt shape as the schema shows it. */
  record ModelShape(String name, List<String> inputs, List<ShapeBin> bins) {}

  /** One bin of a shape. */
  record ShapeBin(String label, double logOdds) {}

  /** Quality with NaN (one class missing) shown as null. */
  record ModelQuality(int examples, int positives, @Nullable Double auc, double brier, double logLoss, List<Quality.Bin> reliability) {}

  record Segment(String dimension, String value, int examples, int positives, @Nullable Double auc, double meanPredicted, double observedRate) {}

  record TrainModelPayload(boolean published, String message, ScoreModel model, @Nullable ScoreModel trained) {}

  // ------------------------------------------------------------ on the entities

  @SchemaMapping(typeName = "Contact", field = "score")
  java.util.concurrent.CompletableFuture<@Nullable Score> contactScore(
      Contact contact, @Argument @Nullable ScoreKind kind, @Argument @Nullable OffsetDateTime asOf, org.dataloader.DataLoader<ScoreRead, Score> scores) {
    return score(contact.id(), ScoreKind.LEAD_PRIORITY, kind, asOf, scores);
  }

  @SchemaMapping(typeName = "Deal", field = "score")
  java.util.concurrent.CompletableFuture<@Nullable Score> dealScore(
      Deal deal, @Argument @Nullable ScoreKind kind, @Argument @Nullable OffsetDateTime asOf, org.dataloader.DataLoader<ScoreRead, Score> scores) {
    return score(deal.id(), ScoreKind.DEAL_WIN, kind, asOf, scores);
  }

  @SchemaMapping(typeName = "Account", field = "score")
  java.util.concurrent.CompletableFuture<@Nullable Score> accountScore(
      Account account, @Argument @Nullable ScoreKind kind, @Argument @Nullable OffsetDateTime asOf, org.dataloader.DataLoader<ScoreRead, Score> scores) {
    return score(account.id(), ScoreKind.CHURN_RISK, kind, asOf, scores);
  }

  /**
   * Scores are collected by a data loader and read together: a page of 50 accounts with their contacts' scores is one
   * query per kind, not one per contact (which, with a few such requests at once, emptied the driver's pool).
   */
  private java.util.concurrent.CompletableFuture<@Nullable Score> score(
      String id, ScoreKind only, @Nullable ScoreKind asked, @Nullable OffsetDateTime asOf, org.dataloader.DataLoader<ScoreRead, Score> scores) {
    ScoreKind kind = asked == null ? only : asked;
    if (kind != only) {
      throw new BadRequest("%s scores %ss; a %s has the %s score".formatted(kind, kind.entity().label().toLowerCase(java.util.Locale.ROOT),
          only.entity().label().toLowerCase(java.util.Locale.ROOT), only));
    }
    // One "now" per request, so the reads of a page share it (and one query).
    return scores.load(new ScoreRead(kind, id, asOf == null ? Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) : asOf.toInstant()));
  }

  @SchemaMapping(typeName = "Score", field = "history")
  List<Scorer.HistoryPoint> history(Score score) {
    return scorer.history(score.kind(), score.entityId());
  }

  // ------------------------------------------------------------ queries

  @QueryMapping
  ScoredConnection topScored(@Argument ScoreKind kind, @Argument @Nullable String band, @Argument @Nullable Integer first, @Argument @Nullable String after,
      @Argument @Nullable OffsetDateTime asOf, @ContextValue(name = io.customergraph.security.Caller.KEY) io.customergraph.security.Caller caller) {
    if (band != null && !List.of("A", "B", "C", "D").contains(band)) {
      throw new BadRequest("band must be A, B, C or D, got '" + band + "'");
    }
    // A rep's page is limited in the query, so it is full and its cursor right.
    Page<Score> page;
    try {
      page = scorer.top(kind, band, Pagination.size(first), after, caller.scoped() ? visibility.accounts(caller) : null, asOf == null ? null : asOf.toInstant());
    } catch (Scorer.Rejected e) {
      throw new BadRequest(e.getMessage());
    }
    return new ScoredConnection(page.edges(), Pagination.info(page));
  }

  @SchemaMapping(typeName = "ScoredEdge", field = "entity")
  @Nullable Node entity(Page.Edge<Score> edge) {
    return reader.node(edge.node().entityId()).orElse(null);
  }

  @QueryMapping
  ScoreModel model(@Argument ScoreKind kind) {
    return view(scoring.activeModel(kind));
  }

  @QueryMapping
  List<ScoreModel> modelVersions(@Argument ScoreKind kind) {
    return scoring.modelVersions(kind).stream().map(ScoreController::view).toList();
  }

  @QueryMapping
  List<Scorer.HistoryPoint> scoreHistory(@Argument ScoreKind kind, @Argument String id) {
    return scorer.history(kind, id);
  }

  @QueryMapping
  WhatIfPayload whatIf(@Argument ScoreKind kind, @Argument String id, @Argument String without, @Argument @Nullable OffsetDateTime asOf) {
    try {
      Score.WhatIf w = scorer.whatIf(kind, id, without, asOf == null ? null : asOf.toInstant());
      return new WhatIf(w.evidenceId(), w.before(), w.after(), w.after().probability() - w.before().probability(), w.sentence());
    } catch (Scorer.Rejected e) {
      return new ScoreRefused(e.code(), e.getMessage());
    }
  }

  @QueryMapping
  List<Scorer.Miss> mispredictions(@Argument ScoreKind kind, @Argument @Nullable Integer first) {
    return scorer.misses(kind, Pagination.size(first));
  }

  // ------------------------------------------------------------ mutations

  @MutationMapping
  TrainModelPayload trainModel(@Argument ScoreKind kind) {
    Scoring.Trained t = scoring.train(kind);
    return new TrainModelPayload(t.published(), t.message(), view(t.active()), t.trained() == null ? null : view(t.trained()));
  }

  @MutationMapping
  ScorePayload overrideScore(@Argument String id, @Argument ScoreKind kind, @Argument double value, @Argument String reason) {
    return refusedOr(kind, id, () -> {
      scorer.override(kind, id, value, reason);
      return new ScoreRecorded(scorer.score(kind, id).orElse(null), null);
    });
  }

  @MutationMapping
  ScorePayload recordOutcome(@Argument String id, @Argument ScoreKind kind, @Argument boolean outcome, @Argument @Nullable OffsetDateTime at) {
    return refusedOr(kind, id, () -> {
      Scorer.Miss miss = scorer.recordOutcome(kind, id, outcome, at == null ? null : at.toInstant()).orElse(null);
      return new ScoreRecorded(scorer.score(kind, id).orElse(null), miss);
    });
  }

  /** One outcome of {@code recordOutcomes}. */
  record OutcomeInput(String id, ScoreKind kind, boolean outcome, @Nullable OffsetDateTime at) {}

  /** An item of {@code recordOutcomes} that was refused. */
  record RefusedOutcome(int index, String id, String code, String message) {}

  /** What {@code recordOutcomes} did. */
  record RecordOutcomesPayload(int recorded, List<RefusedOutcome> refused, List<Scorer.Miss> misses) {}

  /** Most outcomes one {@code recordOutcomes} call takes; files go through {@code import outcome}. */
  static final int MAX_OUTCOMES = 1_000;

  @MutationMapping
  RecordOutcomesPayload recordOutcomes(@Argument List<OutcomeInput> outcomes) {
    if (outcomes.size() > MAX_OUTCOMES) {
      throw new BadRequest("recordOutcomes takes at most %,d outcomes per call, got %,d; import a file with `import outcome FILE --kind …`"
          .formatted(MAX_OUTCOMES, outcomes.size()));
    }
    int recorded = 0;
    List<RefusedOutcome> refused = new java.util.ArrayList<>();
    List<Scorer.Miss> misses = new java.util.ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      OutcomeInput o = outcomes.get(i);
      if (!io.customergraph.graph.NodeKind.ofId(o.id()).map(k -> k == o.kind().entity()).orElse(false)) {
        refused.add(new RefusedOutcome(i, o.id(), "WRONG_KIND",
            "%s scores %ss; '%s' is not one".formatted(o.kind(), o.kind().entity().label().toLowerCase(java.util.Locale.ROOT), o.id())));
        continue;
      }
      try {
        scorer.recordOutcome(o.kind(), o.id(), o.outcome(), o.at() == null ? null : o.at().toInstant()).ifPresent(misses::add);
        recorded++;
      } catch (Scorer.Rejected e) {
        refused.add(new RefusedOutcome(i, o.id(), e.code(), e.getMessage()));
      }
    }
    return new RecordOutcomesPayload(recorded, List.copyOf(refused), List.copyOf(misses));
  }

  private ScorePayload refusedOr(ScoreKind kind, String id, Supplier<ScorePayload> action) {
    if (!io.customergraph.graph.NodeKind.ofId(id).map(k -> k == kind.entity()).orElse(false)) {
      return new ScoreRefused("WRONG_KIND", "%s scores %ss; '%s' is not one".formatted(kind, kind.entity().label().toLowerCase(java.util.Locale.ROOT), id));
    }
    try {
      return action.get();
    } catch (Scorer.Rejected e) {
      return new ScoreRefused(e.code(), e.getMessage());
    }
  }

  private static List<ShapeBin> bins(Model.Term t) {
    List<ShapeBin> out = new java.util.ArrayList<>();
    for (int c = 0; c < t.values().size(); c++) {
      out.add(new ShapeBin(t.describe(c), t.values().get(c)));
    }
    return out;
  }

  private static ScoreModel view(Model m) {
    return new ScoreModel(
        m.kind(), m.version(), m.status().name(), m.prior(), m.trainedAt(), m.note(), m.intercept(), m.calibrationSlope(),
        m.calibrationOffset(), m.coefficients(), m.terms().stream().map(t -> new ModelShape(t.name(),
            t.axes().stream().map(Model.Axis::feature).toList(), bins(t))).toList(), quality(m.test()), quality(m.activeOnTest()), m.window(),
        m.segments().stream().map(s -> new Segment(s.dimension(), s.value(), s.examples(), s.positives(), finite(s.auc()), s.meanPredicted(), s.observedRate())).toList());
  }

  private static @Nullable ModelQuality quality(@Nullable Quality q) {
    return q == null ? null : new ModelQuality(q.examples(), q.positives(), finite(q.auc()), q.brier(), q.logLoss(), q.reliability());
  }

  private static @Nullable Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
