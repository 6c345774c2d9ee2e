package io.customergraph.graph;

import java.util.Arrays;
import java.util.Optional;

/**
 * The node labels of the customer graph and the id prefix each one's ids carry. The prefix lets {@code node(id)}
 * go straight to the right label's unique index instead of scanning every node.
 */
public enum NodeKind {
  ACCOUNT("Account", "acc"),
  CONTACT("Contact", "con"),
  EMAIL("Email", "eml"),
  CALL("Call", "cal"),
  TICKET("Ticket", "tkt"),
  INVOICE("Invoice", "inv"),
  DEAL("Deal", "dea"),
  ACTIVITY("Activity", "act"),
  COMPETITOR("Competitor", "cmp"),
  TAG("Tag", "tag"),
  SOURCE_RECORD("SourceRecord", "src"),
  REP("Rep", "rep"),
  PRODUCT("Product", "prd"),
  MODEL("Model", "mdl"),
  REVIEW("Review", "rev"),
  ACTION("Action", "nac"),
  WEBHOOK("WebhookSubscription", "whk"),
  DELIVERY("WebhookDelivery", "dlv");

  private final String label;
  private final String prefix;

  NodeKind(String label, String prefix) {
    this.label = label;
    this.prefix = prefix;
  }

  /** The Neo4j label. */
  public String label() {
    return label;
  }

  /** The id prefix, without the underscore. */
  public String prefix() {
    return prefix;
  }

  /** The kind an id belongs to, judged by its prefix. */
  public static Optional<NodeKind> ofId(String id) {
    int underscore = id.indexOf('_');
    if (underscore <= 0) {
      return Optional.empty();
    }
    String prefix = id.substring(0, underscore);
    return Arrays.stream(values()).filter(k -> k.prefix.equals(prefix)).findFirst();
  }

  /** The kind with this label. */
  public static Optional<NodeKind> ofLabel(String label) {
    return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
  }
}
