package io.customergraph.api;

import io.customergraph.graph.Account;
import io.customergraph.graph.Activity;
import io.customergraph.graph.Call;
import io.customergraph.graph.Contact;
import io.customergraph.graph.Deal;
import io.customergraph.graph.Email;
import io.customergraph.graph.GraphReader;
import io.customergraph.graph.Invoice;
import io.customergraph.graph.NodeKind;
import io.customergraph.graph.SourceRecord;
import io.customergraph.graph.Ticket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/** Where every node came from (its source records), and how emails answer each other; batch-loaded per type. */
@Controller
class ProvenanceController {

  private final GraphReader reader;

  ProvenanceController(GraphReader reader) {
    this.reader = reader;
  }

  @BatchMapping(typeName = "Account", field = "provenance")
  Map<Account, List<SourceRecord>> accountProvenance(List<Account> nodes) {
    return load(nodes, Account::id, NodeKind.ACCOUNT);
  }

  @BatchMapping(typeName = "Contact", field = "provenance")
  Map<Contact, List<SourceRecord>> contactProvenance(List<Contact> nodes) {
    return load(nodes, Contact::id, NodeKind.CONTACT);
  }

  @BatchMapping(typeName = "SourceRecord", field = "previousVersions")
  Map<SourceRecord, List<io.customergraph.graph.SourceVersion>> previousVersions(List<SourceRecord> records) {
    Map<String, List<io.customergraph.graph.SourceVersion>> byId = reader.versions(records.stream().map(SourceRecord::id).toList());
    Map<SourceRecord, List<io.customergraph.graph.SourceVersion>> out = new LinkedHashMap<>();
    records.forEach(r -> out.put(r, byId.getOrDefault(r.id(), List.of())));
    return out;
  }

  @BatchMapping(typeName = "Account", field = "sourceRecords")
  Map<Account, List<SourceRecord>> accountSourceRecords(List<Account> nodes) {
    return load(nodes, Account::id, NodeKind.ACCOUNT);
  }

  @BatchMapping(typeName = "Contact", field = "sourceRecords")
  Map<Contact, List<SourceRecord>> contactSourceRecords(List<Contact> nodes) {
    return load(nodes, Contact::id, NodeKind.CONTACT);
  }

  @BatchMapping(typeName = "Deal", field = "provenance")
  Map<Deal, List<SourceRecord>> dealProvenance(List<Deal> nodes) {
    return load(nodes, Deal::id, NodeKind.DEAL);
  }

  @BatchMapping(typeName = "Email", field = "provenance")
  Map<Email, List<SourceRecord>> emailProvenance(List<Email> nodes) {
    return load(nodes, Email::id, NodeKind.EMAIL);
  }

  @BatchMapping(typeName = "Call", field = "provenance")
  Map<Call, List<SourceRecord>> callProvenance(List<Call> nodes) {
    return load(nodes, Call::id, NodeKind.CALL);
  }

  @BatchMapping(typeName = "Ticket", field = "provenance")
  Map<Ticket, List<SourceRecord>> ticketProvenance(List<Ticket> nodes) {
    return load(nodes, Ticket::id, NodeKind.TICKET);
  }

  @BatchMapping(typeName = "Invoice", field = "provenance")
  Map<Invoice, List<SourceRecord>> invoiceProvenance(List<Invoice> nodes) {
    return load(nodes, Invoice::id, NodeKind.INVOICE);
  }

  @BatchMapping(typeName = "Activity", field = "provenance")
  Map<Activity, List<SourceRecord>> activityProvenance(List<Activity> nodes) {
    return load(nodes, Activity::id, NodeKind.ACTIVITY);
  }

  @BatchMapping(typeName = "Email", field = "inReplyTo")
  Map<Email, Email> inReplyTo(List<Email> emails) {
    Map<String, List<Email>> parents = reader.replyLinks(emails.stream().map(Email::id).distinct().toList(), true);
    Map<Email, Email> out = new LinkedHashMap<>();
    emails.forEach(e -> {
      List<Email> p = parents.getOrDefault(e.id(), List.of());
      if (!p.isEmpty()) {
        out.put(e, p.get(p.size() - 1));
      }
    });
    return out;
  }

  @BatchMapping(typeName = "Email", field = "replies")
  Map<Email, List<Email>> replies(List<Email> emails) {
    Map<String, List<Email>> children = reader.replyLinks(emails.stream().map(Email::id).distinct().toList(), false);
    Map<Email, List<Email>> out = new LinkedHashMap<>();
    emails.forEach(e -> out.put(e, children.getOrDefault(e.id(), List.of())));
    return out;
  }

  private <T> Map<T, List<SourceRecord>> load(List<T> nodes, Function<T, String> id, NodeKind kind) {
    Map<String, List<SourceRecord>> byId = reader.provenance(kind, nodes.stream().map(id).distinct().toList());
    Map<T, List<SourceRecord>> out = new LinkedHashMap<>();
    nodes.forEach(n -> out.put(n, byId.getOrDefault(id.apply(n), List.of())));
    return out;
  }
}
