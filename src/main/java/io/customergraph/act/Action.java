package io.customergraph.act;

import io.customergraph.score.EvidencePath;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A suggested next action: what, for whom, why (the score factors and their paths), what it would say (a draft that
 * names its sources), what holds it back, and where it is in its life (draft → approved → dispatched, or rejected,
 * or suppressed by a guardrail).
 *
 * @param entityId the contact, deal or account it was suggested for
 * @param contactId the person it addresses (null for internal actions such as escalating a ticket)
 * @param targetId the ticket or invoice it is about, if any
 * @param sources ids of the nodes the draft was built from
 */
public record Action(
    String id, Type type, Status status, String entityId, @Nullable String contactId, @Nullable String targetId, String title,
    @Nullable String subject, @Nullable String body, String reason, List<Reason> reasons, List<String> sources,
    List<Suppression> suppressions, Instant createdAt, Instant updatedAt, @Nullable Instant dispatchAfter, @Nullable Instant dispatchedAt) {

  /** Kinds of action. */
  public enum Type {
    FOLLOW_UP_EMAIL(true),
    MEETING_SUGGESTION(true),
    RE_ENGAGE_CHAMPION(true),
    CHASE_INVOICE(false),
    ESCALATE_TICKET(false);

    private final boolean salesOutreach;

    Type(boolean salesOutreach) {
      this.salesOutreach = salesOutreach;
    }

    /** Sales outreach pauses while the account is at risk; collections and escalations do not. */
    public boolean salesOutreach() {
      return salesOutreach;
    }
  }

  /** Lifecycle: only APPROVED actions are ever dispatched. */
  public enum Status { DRAFT, APPROVED, DISPATCHED, REJECTED, SUPPRESSED }

  /** A score factor behind the action, with its evidence. */
  public record Reason(String score, String feature, String sentence, List<EvidencePath> evidence) {}

  /** One audited change. */
  public record Change(Instant at, String actor, String change, @Nullable String detail) {}
}
