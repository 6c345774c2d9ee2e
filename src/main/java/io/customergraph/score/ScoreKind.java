package io.customergraph.score;

import io.customergraph.graph.NodeKind;

/** What is scored, about which kind of entity, and what a positive outcome means. */
public enum ScoreKind {
  /** How likely a contact is to convert (their account buys). */
  LEAD_PRIORITY(NodeKind.CONTACT, "contact", "converts"),
  /** How likely a deal is to be won. */
  DEAL_WIN(NodeKind.DEAL, "deal", "is won"),
  /** How likely an account is to churn. */
  CHURN_RISK(NodeKind.ACCOUNT, "account", "churns");

  private final NodeKind entity;
  private final String folder;
  private final String positive;

  ScoreKind(NodeKind entity, String folder, String positive) {
    this.entity = entity;
    this.folder = folder;
    this.positive = positive;
  }

  /** The kind of node scored. */
  public NodeKind entity() {
    return entity;
  }

  /** Folder of {@code cypher/score/} with the features that describe the entity itself. */
  String folder() {
    return folder;
  }

  /** The score of an entity kind: contacts have lead priority, deals win likelihood, accounts churn risk. */
  public static java.util.Optional<ScoreKind> of(NodeKind entity) {
    return java.util.Arrays.stream(values()).filter(k -> k.entity == entity).findFirst();
  }

  /** What the probability is the probability of, in words ("the deal is won"). */
  public String positive() {
    return positive;
  }
}
