package io.customergraph.resolve;

import io.customergraph.graph.NodeKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The two kinds of entity that are resolved: people (contacts) and companies (accounts). */
public enum EntityKind {
  CONTACT(NodeKind.CONTACT),
  ACCOUNT(NodeKind.ACCOUNT);

  private final NodeKind nodeKind;

  EntityKind(NodeKind nodeKind) {
    this.nodeKind = nodeKind;
  }

  /** The node label of live entities. */
  public String label() {
    return nodeKind.label();
  }

  /** The label a merged-away entity carries until it is split off again: {@code MergedContact}, {@code MergedAccount}. */
  public String mergedLabel() {
    return "Merged" + nodeKind.label();
  }

  /** The kind an id belongs to, by its prefix. */
  public static Optional<EntityKind> ofId(String id) {
    return NodeKind.ofId(id).flatMap(k -> Arrays.stream(values()).filter(e -> e.nodeKind == k).findFirst());
  }

  /** The comparisons of this kind's match model. */
  List<Comparison> comparisons() {
    // The live graph keeps the email's "same domain" level beside the company, unlike batch mode (Comparison.forPeople):
    // under the prior m it is what joins "k..allen@enron.com" to Phillip Allen (EmailIngestTest fails without it), and
    // with the prior "different name" weights colleagues stay far below the review bar. A person's context vector finds
    // candidates but is not compared (Comparison.context says why).
    return this == CONTACT
        ? List.of(Comparison.givenName(), Comparison.surname(), Comparison.email(), Comparison.phone(), Comparison.company(false))
        : Comparison.forCompanies();
  }
}
