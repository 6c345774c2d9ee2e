package io.customergraph.graph;

import io.customergraph.graph.Values.AccountStatus;
import io.customergraph.graph.Values.DealOutcome;
import io.customergraph.graph.Values.DealStage;
import org.jspecify.annotations.Nullable;

/** Filters of the list queries; a null field does not filter. */
public final class Filters {
  private Filters() {}

  /** Which accounts to list. */
  public record AccountFilter(
      @Nullable String nameContains,
      @Nullable String domain,
      @Nullable String industry,
      @Nullable String owner,
      @Nullable AccountStatus status) {
    public static final AccountFilter NONE = new AccountFilter(null, null, null, null, null);
  }

  /** Which contacts to list. */
  public record ContactFilter(
      @Nullable String nameContains,
      @Nullable String email,
      @Nullable String domain,
      @Nullable String accountId,
      @Nullable String titleContains) {
    public static final ContactFilter NONE = new ContactFilter(null, null, null, null, null);
  }

  /** Which deals to list. */
  public record DealFilter(
      @Nullable String nameContains,
      @Nullable DealStage stage,
      @Nullable DealOutcome outcome,
      @Nullable String owner,
      @Nullable String accountId) {
    public static final DealFilter NONE = new DealFilter(null, null, null, null, null);
  }

}
