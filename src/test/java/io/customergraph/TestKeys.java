package io.customergraph;

/** API keys the HTTP tests start the service with (customer-graph.security.admin-key) and send. Test-only values. */
public final class TestKeys {
  private TestKeys() {}

  /** The administrator key given to services started by tests. */
  public static final String ADMIN = "test-only-admin-key-0123456789abcdef";

  /** The start-up argument that makes a service accept {@link #ADMIN}. */
  public static final String ADMIN_ARGUMENT = "--customer-graph.security.admin-key=" + ADMIN;

  /** The header value that presents {@link #ADMIN}. */
  public static final String BEARER = "Bearer " + ADMIN;
}
