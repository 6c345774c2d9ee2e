package io.customergraph.graph;

/**
 * A request a capability refuses, with a code a client can branch on (NOT_FOUND, BAD_VALUE…) and a message that says
 * what to send instead. The API turns it into a payload, never a stack trace.
 */
public class Refused extends RuntimeException {

  private final String code;

  public Refused(String code, String message) {
    super(message);
    this.code = code;
  }

  /** What was wrong, for a client to branch on. */
  public String code() {
    return code;
  }
}
