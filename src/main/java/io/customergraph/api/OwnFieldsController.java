package io.customergraph.api;

import io.customergraph.graph.Account;
import io.customergraph.graph.Contact;
import io.customergraph.graph.Deal;
import io.customergraph.graph.GraphReader;
import io.customergraph.graph.NodeKind;
import io.customergraph.graph.OwnField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/** The customer's own fields of accounts, contacts and deals, read together for a page (one query per type). */
@Controller
class OwnFieldsController {

  private final GraphReader reader;

  OwnFieldsController(GraphReader reader) {
    this.reader = reader;
  }

  @BatchMapping(typeName = "Account", field = "ownFields")
  Map<Account, List<OwnField>> accounts(List<Account> nodes) {
    return load(nodes, Account::id, NodeKind.ACCOUNT);
  }

  @BatchMapping(typeName = "Contact", field = "ownFields")
  Map<Contact, List<OwnField>> contacts(List<Contact> nodes) {
    return load(nodes, Contact::id, NodeKind.CONTACT);
  }

  @BatchMapping(typeName = "Deal", field = "ownFields")
  Map<Deal, List<OwnField>> deals(List<Deal> nodes) {
    return load(nodes, Deal::id, NodeKind.DEAL);
  }

  private <T> Map<T, List<OwnField>> load(List<T> nodes, Function<T, String> id, NodeKind kind) {
    Map<String, List<OwnField>> byId = reader.ownFields(nodes.stream().map(id).distinct().toList(), kind);
    Map<T, List<OwnField>> out = new LinkedHashMap<>();
    nodes.forEach(n -> out.put(n, byId.getOrDefault(id.apply(n), List.of())));
    return out;
  }
}
