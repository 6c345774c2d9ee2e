package io.customergraph.graph;

/**
 * This process among the service instances (and CLI runs) sharing one database: the name its leases carry, so work
 * claimed in the graph (a webhook delivery, an action's dispatch) is done by exactly one of them, and a lease left by
 * a process that died can be told from a live one's.
 */
public final class Instance {

  private Instance() {}

  /** Host, process id and process start: unique among the processes on one database. */
  public static final String ID = host() + ":" + ProcessHandle.current().pid() + ":"
      + ProcessHandle.current().info().startInstant().map(i -> Long.toString(i.toEpochMilli(), 36)).orElse("0");

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }
}
