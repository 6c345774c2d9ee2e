package io.customergraph.resolve;

import io.customergraph.graph.NodeKind;
import java.util.List;
import java.util.Optional;

/** The two kinds of entity that are resolved: people (contacts) and companies (accounts). */
public enum EntityKind {
  CONTACT("Contact", "MergedContact"),
  ACCOUNT("Account", "MergedAccount");

  private final String label;
  private final String mergedLabel;

  EntityKind(String label, String mergedLabel) {
    this.label = label;
    this.mergedLabel = mergedLabel;
  }

  /** The node label of live entities. */
  public String label() {
    return label;
  }

  /** The label a merged-away entity carries until it is split off again. */
  public String mergedLabel() {
    return mergedLabel;
  }

  /** The kind an id belongs to, by its prefix. */
  public static Optional<EntityKind> ofId(String id) {
    return NodeKind.ofId(id).flatMap(k -> k == NodeKind.CONTACT ? Optional.of(CONTACT) : k == NodeKind.ACCOUNT ? Optional.of(ACCOUNT) : Optional.empty());
  }

  /** The comparisons of this kind's match model. */
  List<Comparison> comparisons() {
    return this == CONTACT
        ? List.of(Comparison.givenName(), Comparison.surname(), Comparison.email(), Comparison.phone(), Comparison.company())
        : Comparison.forCompanies();
  }
}
