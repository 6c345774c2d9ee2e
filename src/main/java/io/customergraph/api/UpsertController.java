package io.customergraph.api;

import io.customergraph.api.Payloads.AccountUpserted;
import io.customergraph.api.Payloads.ActivityRecorded;
import io.customergraph.api.Payloads.ContactUpserted;
import io.customergraph.api.Payloads.DealUpserted;
import io.customergraph.api.Payloads.RecordActivityPayload;
import io.customergraph.api.Payloads.UpsertAccountPayload;
import io.customergraph.api.Payloads.UpsertContactPayload;
import io.customergraph.api.Payloads.UpsertDealPayload;
import io.customergraph.api.Payloads.ValidationFailed;
import io.customergraph.graph.GraphWriter;
import io.customergraph.graph.Inputs.AccountInput;
import io.customergraph.graph.Inputs.ActivityInput;
import io.customergraph.graph.Inputs.ContactInput;
import io.customergraph.graph.Inputs.DealInput;
import io.customergraph.graph.WriteResult;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** Upserts from structured input; refusals come back as {@code ValidationFailed} data, not as errors. */
@Controller
class UpsertController {

  private final GraphWriter writer;

  UpsertController(GraphWriter writer) {
    this.writer = writer;
  }

  @MutationMapping
  UpsertAccountPayload upsertAccount(@Argument AccountInput input) {
    return switch (writer.upsertAccount(input)) {
      case WriteResult.Written<io.customergraph.graph.Account> w -> new AccountUpserted(w.value(), w.created());
      case WriteResult.Rejected<io.customergraph.graph.Account> r -> new ValidationFailed(r.errors());
    };
  }

  @MutationMapping
  UpsertContactPayload upsertContact(@Argument ContactInput input) {
    return switch (writer.upsertContact(input)) {
      case WriteResult.Written<io.customergraph.graph.Contact> w -> new ContactUpserted(w.value(), w.created());
      case WriteResult.Rejected<io.customergraph.graph.Contact> r -> new ValidationFailed(r.errors());
    };
  }

  @MutationMapping
  UpsertDealPayload upsertDeal(@Argument DealInput input) {
    return switch (writer.upsertDeal(input)) {
      case WriteResult.Written<io.customergraph.graph.Deal> w -> new DealUpserted(w.value(), w.created());
      case WriteResult.Rejected<io.customergraph.graph.Deal> r -> new ValidationFailed(r.errors());
    };
  }

  @MutationMapping
  RecordActivityPayload recordActivity(@Argument ActivityInput input) {
    return switch (writer.recordActivity(input)) {
      case WriteResult.Written<io.customergraph.graph.Activity> w -> new ActivityRecorded(w.value(), w.created());
      case WriteResult.Rejected<io.customergraph.graph.Activity> r -> new ValidationFailed(r.errors());
    };
  }
}
