package io.customergraph.graph;

import io.customergraph.graph.Values.DealOutcome;
import io.customergraph.graph.Values.DealStage;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An opportunity with an account, with the stages it went through. */
public record Deal(
    String id,
    String name,
    String accountId,
    @Nullable Double amount,
    String currency,
    DealStage stage,
    DealOutcome outcome,
    @Nullable String owner,
    @Nullable String product,
    OffsetDateTime occurredAt,
    @Nullable LocalDate closeDate,
    @Nullable OffsetDateTime closedAt,
    List<StageChange> stageHistory,
    @Nullable String team)
    implements Interaction {

  /** One entry of a deal's stage history. */
  public record StageChange(DealStage stage, OffsetDateTime enteredAt) {}

  @Override
  public String summary() {
    return "Deal " + name + " (" + stage + ")";
  }
}
