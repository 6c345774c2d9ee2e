package io.customergraph.api;

import io.customergraph.security.Caller;
import io.customergraph.security.CallerAuthentication;
import io.customergraph.security.RateLimits;
import io.customergraph.security.SecurityConfiguration;
import java.util.Map;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Hands the authenticated caller to GraphQL execution (where {@link AccessControl} reads it). Over HTTP the caller
 * comes from Spring Security; over WebSocket from the graphql-ws {@code connection_init} payload
 * ({@code {"Authorization": "Bearer <API key or JWT>"}} or {@code {"apiKey": "cg_…"}}), since browsers cannot set headers on a
 * WebSocket — a connection without a valid key is closed with 4401 Unauthorized.
 */
@Component
class CallerInterceptor implements WebSocketGraphQlInterceptor {

  private final SecurityConfiguration.Callers callers;
  private final RateLimits rateLimits;

  CallerInterceptor(SecurityConfiguration.Callers callers, RateLimits rateLimits) {
    this.callers = callers;
    this.rateLimits = rateLimits;
  }

  @Override
  public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
    Object caller = request instanceof WebSocketGraphQlRequest ws
        ? ws.getSessionInfo().getAttributes().get(Caller.KEY)
        : request.getAttributes().get(Caller.KEY);
    if (caller == null) {
      Authentication auth = SecurityContextHolder.getContext().getAuthentication();
      if (auth instanceof CallerAuthentication ca) {
        caller = ca.caller();
      }
    }
    if (caller instanceof Caller c) {
      if (request instanceof WebSocketGraphQlRequest && !rateLimits.take(c).allowed()) {
        return Mono.error(new IllegalStateException("Key " + c.id() + " is over its rate limit (customer-graph.security.requests-per-minute)"));
      }
      request.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(Caller.KEY, c)).build());
    }
    return chain.next(request);
  }

  @Override
  public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
    Object presented = payload.getOrDefault("Authorization", payload.getOrDefault("authorization", payload.get("apiKey")));
    String token = presented == null ? "" : presented.toString().replaceFirst("(?i)^Bearer\\s+", "").strip();
    if (token.isEmpty()) {
      return Mono.error(new IllegalStateException("Send an API key or token in connection_init: {\"Authorization\": \"Bearer cg_…\"}"));
    }
    return Mono.fromCallable(() -> callers.authenticate(token))
        .map(caller -> {
          session.getAttributes().put(Caller.KEY, caller);
          return Map.of();
        });
  }
}
