package io.customergraph.security;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling: an API key or a JWT subject, with roles and, for sales reps, who they are and which team they are in.
 *
 * @param id the key id ({@code key_…}) or {@code jwt:<subject>}
 * @param name the key's or subject's display name, for the audit log
 * @param owner the rep's name as accounts carry it in {@code owner}
 * @param team the rep's team (regional office) as {@code Rep} nodes carry it
 * @param personalData whether an analyst may see personal data unmasked
 * @param requestsPerMinute this key's own rate limit; 0 for the service's default
 */
public record Caller(
    String id, String name, Set<Role> roles, @Nullable String owner, @Nullable String team, boolean personalData, int requestsPerMinute) {

  /** Where the caller is kept in the GraphQL context and in request attributes (a constant, so annotations can name it). */
  public static final String KEY = "io.customergraph.security.Caller";

  public Caller {
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
  }

  /** A caller with the default rate limit. */
  public Caller(String id, String name, Set<Role> roles, @Nullable String owner, @Nullable String team, boolean personalData) {
    this(id, name, roles, owner, team, personalData, 0);
  }

  /** Whether the caller holds the role. */
  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** Whether the caller holds any of the roles. */
  public boolean hasAny(Set<Role> wanted) {
    return roles.stream().anyMatch(wanted::contains);
  }

  /** Whether what the caller reads is limited to their (team's) accounts: a rep with no wider role. */
  public boolean scoped() {
    return has(Role.REP) && !hasAny(Set.of(Role.ADMIN, Role.MANAGER, Role.ANALYST));
  }

  /** Whether personal data is pseudonymised for the caller: an analyst with no wider role and no grant. */
  public boolean masked() {
    return has(Role.ANALYST) && !personalData && !hasAny(Set.of(Role.ADMIN, Role.MANAGER, Role.REP));
  }

  /** The roles as text, e.g. {@code ADMIN, REP}. */
  public String rolesText() {
    return roles.stream().sorted().map(Enum::name).collect(Collectors.joining(", "));
  }

  /** An administrator that is the service itself (start-up tasks, tests). */
  public static Caller system() {
    return new Caller("system", "system", Set.of(Role.ADMIN), null, null, true);
  }
}
