package io.customergraph.graph;

import java.time.OffsetDateTime;

/** Something that happened between us and a customer, placed on a timeline. */
public sealed interface Interaction extends Node permits Email, Call, Ticket, Invoice, Activity, Deal {
  /** When it happened (sent, started, raised, issued, performed, opened). */
  OffsetDateTime occurredAt();

  /** One line a person can read on a timeline. */
  String summary();
}
