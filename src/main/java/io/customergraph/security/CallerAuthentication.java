package io.customergraph.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated caller as Spring Security holds it: the roles become {@code ROLE_…} authorities. */
public final class CallerAuthentication extends AbstractAuthenticationToken {

  private final Caller caller;

  public CallerAuthentication(Caller caller) {
    super(caller.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList());
    this.caller = caller;
    setAuthenticated(true);
  }

  public Caller caller() {
    return caller;
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Object getPrincipal() {
    return caller;
  }

  @Override
  public String getName() {
    return caller.id();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CallerAuthentication c && c.caller.equals(caller);
  }

  @Override
  public int hashCode() {
    return caller.hashCode();
  }
}
