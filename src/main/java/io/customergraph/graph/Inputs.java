package io.customergraph.graph;

import io.customergraph.graph.Values.AccountStatus;
import io.customergraph.graph.Values.ActivityType;
import io.customergraph.graph.Values.DealStage;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * Structured inputs of the upserts. A null field leaves what is stored unchanged; an id, when given, names the
 * node to update (or to create with that id).
 */
public final class Inputs {
  private Inputs() {}

  /** An account to create or update; matched by id, else by domain, else by name. */
  public record AccountInput(
      @Nullable String id,
      @Nullable String name,
      @Nullable String domain,
      @Nullable String industry,
      @Nullable Integer employees,
      @Nullable String country,
      @Nullable AccountStatus status,
      @Nullable String owner) {}

  /** A contact to create or update; matched by id, else by email, else by name at the account. */
  public record ContactInput(
      @Nullable String id,
      @Nullable String name,
      @Nullable String email,
      @Nullable String phone,
      @Nullable String title,
      @Nullable String timeZone,
      @Nullable String accountId) {}

  /** A deal to create or update; matched by id, else by name at the account. */
  public record DealInput(
      @Nullable String id,
      @Nullable String name,
      @Nullable String accountId,
      @Nullable Double amount,
      @Nullable String currency,
      @Nullable DealStage stage,
      @Nullable String owner,
      @Nullable String product,
      @Nullable LocalDate closeDate,
      @Nullable OffsetDateTime stageChangedAt) {}

  /** A behavioural event of a known contact (by id or by email). */
  public record ActivityInput(
      @Nullable String contactId,
      @Nullable String contactEmail,
      @Nullable ActivityType type,
      @Nullable OffsetDateTime occurredAt,
      @Nullable String url,
      @Nullable String campaign,
      @Nullable String content) {}

  /** Why one input field was refused. */
  public record FieldError(String field, String code, String message) {}
}
