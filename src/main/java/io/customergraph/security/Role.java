package io.customergraph.security;

import java.util.Locale;

/**
 * What a caller may do. A key or token may carry several roles; it may do what any of them allows.
 *
 * <ul>
 *   <li>{@link #ADMIN}: everything, including keys, webhooks, export, erasure and the audit log;
 *   <li>{@link #MANAGER}: reads everything unmasked; decides reviews, actions, overrides; trains models;
 *   <li>{@link #REP}: reads and acts only on the accounts they or their team own (and what hangs off them);
 *   <li>{@link #ANALYST}: reads and explores the whole graph with personal data pseudonymised, unless the key is granted
 *       personal data; changes nothing;
 *   <li>{@link #INGEST}: only ingests (GraphQL ingest mutations, {@code POST /api/ingest}, quarantine);
 *   <li>{@link #METRICS}: only scrapes {@code /actuator/prometheus}.
 * </ul>
 */
public enum Role {
  ADMIN, MANAGER, REP, ANALYST, INGEST, METRICS;

  /** The role named, case-insensitively; a clear error otherwise. */
  public static Role parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unknown role '" + name + "'; use one of ADMIN, MANAGER, REP, ANALYST, INGEST, METRICS");
    }
  }
}
