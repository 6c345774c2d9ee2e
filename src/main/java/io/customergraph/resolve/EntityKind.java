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

  /**
   * The fields whose m the live graph learns from its own candidate pairs by EM (until people's merges teach it):
   * a person's email, whose spread among the live graph's true pairs is the graph's own (see {@link #comparisons}) —
   * learnt on allen-p, it merges Julie A Gomez's, Randall L Gay's and Phillip Allen's other mailboxes once u is learnt
   * from the mail; under the prior m those became reviews. Names, phone and company keep the documented priors: EM
   * learning them on the quick-start world's live contacts settled on namesakes at other companies (120 reviews, none
   * true).
   */
  java.util.Set<Field> learntFromTheGraph() {
    return this == CONTACT ? java.util.Set.of(Field.EMAIL) : java.util.Set.of();
  }

  /** The comparisons of this kind's match model. */
  List<Comparison> comparisons() {
    // The live graph keeps the email's "same domain" level beside the company, unlike batch mode (Comparison.forPeople):
    // under the prior m it is what joins "k..allen@enron.com" to Phillip Allen (EmailIngestTest fails without it), and
    // with the prior "different name" weights colleagues stay far below the review bar. A person's context vector finds
    // candidates but is not compared (Comparison.context says why).
    //
    // The email's prior m is the live graph's own. Two live contacts never share an address — the exact key put the
    // second on the first when it was ingested — so the true pairs the live graph compares are one person's *other*
    // addresses: a short form, another mailbox at the organisation, the same mailbox at a sister domain, a private
    // address. The documented shape (0.8 on exact, 0.05 on "different") is written for files, where a person's copies
    // mostly carry one address, and charged each such pair ~3 bits it should not (batch EM on the allen-p contacts
    // learns m(different) ≈ 0.5). Exact keeps a share: a record that arrives without the key (a CSV row with an id)
    // may still carry the address.
    return this == CONTACT
        ? List.of(Comparison.givenName(), Comparison.surname(),
            Comparison.email().withPriorM(0.30, 0.10, 0.15, 0.15, 0.15, 0.15), Comparison.phone(), Comparison.company(false))
        : Comparison.forCompanies();
  }
}
