package io.customergraph.api;

import io.customergraph.graph.Account;
import io.customergraph.graph.Activity;
import io.customergraph.graph.Contact;
import io.customergraph.graph.Deal;
import io.customergraph.graph.Inputs.FieldError;
import java.util.List;

/** Results of the mutations: the schema's payload unions as sealed interfaces. */
final class Payloads {
  private Payloads() {}

  sealed interface UpsertAccountPayload permits AccountUpserted, ValidationFailed {}

  sealed interface UpsertContactPayload permits ContactUpserted, ValidationFailed {}

  sealed interface UpsertDealPayload permits DealUpserted, ValidationFailed {}

  sealed interface RecordActivityPayload permits ActivityRecorded, ValidationFailed {}

  record AccountUpserted(Account account, boolean created) implements UpsertAccountPayload {}

  record ContactUpserted(Contact contact, boolean created) implements UpsertContactPayload {}

  record DealUpserted(Deal deal, boolean created) implements UpsertDealPayload {}

  record ActivityRecorded(Activity activity, boolean created) implements RecordActivityPayload {}

  /** The input was refused, with every reason; nothing was stored. */
  record ValidationFailed(List<FieldError> errors)
      implements UpsertAccountPayload, UpsertContactPayload, UpsertDealPayload, RecordActivityPayload {}
}
