package io.customergraph.graph;

import io.customergraph.graph.Values.InvoiceStatus;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** An invoice to an account; {@code status} is OVERDUE when unpaid past its due date at the time of reading. */
public record Invoice(
    String id,
    String number,
    double amount,
    String currency,
    OffsetDateTime occurredAt,
    OffsetDateTime dueAt,
    @Nullable OffsetDateTime paidAt,
    InvoiceStatus status,
    String type,
    @Nullable String seller,
    @Nullable Double taxAmount)
    implements Interaction {
  @Override
  public String summary() {
    return "Invoice " + number + ": " + String.format(java.util.Locale.ROOT, "%.2f %s", amount, currency) + " (" + status + ")";
  }
}
