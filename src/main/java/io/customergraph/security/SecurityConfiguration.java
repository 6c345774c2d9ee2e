package io.customergraph.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authentication on by default. A request presents an API key ({@code Authorization: Bearer cg_…} or
 * {@code X-API-Key: cg_…}) or, when a JWT issuer, JWK set or public key is configured
 * ({@code spring.security.oauth2.resourceserver.jwt.*}), a JWT bearer token whose claims carry roles, owner and team.
 * {@code /actuator/health} is open; {@code /actuator/prometheus} needs METRICS (or ADMIN); bulk ingestion needs INGEST;
 * GraphQL needs any key, and each field then checks roles (in the API). GraphiQL's page is open; its requests need a key.
 * Requests are rate-limited per key and their bodies limited in size, each with an error that says so.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
  private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

  @Bean
  Callers callers(ApiKeys keys, ObjectProvider<JwtDecoder> jwtDecoder, SecurityProperties properties) {
    return new Callers(keys, jwtDecoder.getIfAvailable(), properties);
  }

  @Bean
  AuthenticationManagerResolver<HttpServletRequest> callerResolver(Callers callers) {
    AuthenticationManager manager = authentication -> new CallerAuthentication(
        callers.authenticate(((BearerTokenAuthenticationToken) authentication).getToken()));
    return request -> manager;
  }

  /**
   * Who a presented token stands for: a JWT (three dot-separated parts) when a decoder is configured, else an API key.
   * Used by HTTP requests and by WebSocket {@code connection_init} alike.
   */
  public static final class Callers {
    private final ApiKeys keys;
    private final @Nullable AuthenticationManager jwt;

    Callers(ApiKeys keys, @Nullable JwtDecoder decoder, SecurityProperties properties) {
      this.keys = keys;
      if (decoder != null) {
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(token -> new CallerAuthentication(fromJwt(token, properties)));
        this.jwt = provider::authenticate;
      } else {
        this.jwt = null;
      }
    }

    /** The caller, or a {@link BadCredentialsException} saying why not. */
    public Caller authenticate(String token) {
      if (token.chars().filter(c -> c == '.').count() == 2) {
        if (jwt == null) {
          throw new BadCredentialsException("This looks like a JWT, but JWT bearer tokens are not configured here; send an API key (cg_…)");
        }
        return ((CallerAuthentication) jwt.authenticate(new BearerTokenAuthenticationToken(token))).caller();
      }
      return keys.authenticate(token).orElseThrow(() -> new BadCredentialsException("Unknown or revoked API key"));
    }
  }

  @Bean
  @ConditionalOnWebApplication
  SecurityFilterChain api(HttpSecurity http, AuthenticationManagerResolver<HttpServletRequest> callerResolver, RateLimits rateLimits,
      SecurityProperties properties) throws Exception {
    DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
    BearerTokenResolver tokens = request -> {
      String key = request.getHeader("X-API-Key");
      return key != null && !key.isBlank() ? key.strip() : bearer.resolve(request);
    };
    String howTo = "Send an API key as 'Authorization: Bearer cg_…' (or 'X-API-Key'); an administrator creates keys with the createApiKey mutation or the api-key command";
    org.springframework.security.web.AuthenticationEntryPoint unauthenticated = (request, response, e) -> error(response, 401, "UNAUTHENTICATED",
        (e instanceof BadCredentialsException || e.getCause() != null ? e.getMessage() + ". " : "") + howTo);
    org.springframework.security.web.access.AccessDeniedHandler forbidden = (request, response, e) -> error(response, 403, "FORBIDDEN",
        "This key's roles (" + rolesOf(SecurityContextHolder.getContext().getAuthentication()) + ") may not use " + request.getRequestURI());
    http.csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(c -> c.disable())
        .authorizeHttpRequests(a -> a
            .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
            .requestMatchers("/actuator/prometheus").hasAnyRole("METRICS", "ADMIN")
            .requestMatchers("/actuator/**").hasRole("ADMIN")
            .requestMatchers("/api/ingest/**").hasAnyRole("INGEST", "ADMIN", "MANAGER")
            // Browsers cannot set headers on a WebSocket: the key travels in graphql-ws' connection_init instead.
            .requestMatchers("/graphql-ws").permitAll()
            .requestMatchers(HttpMethod.GET, "/", "/graphiql", "/graphiql/**", "/explore", "/explore/**", "/webjars/**", "/favicon.ico").permitAll()
            .requestMatchers("/error").permitAll()
            .anyRequest().authenticated())
        .oauth2ResourceServer(o -> o
            .authenticationManagerResolver(callerResolver)
            .bearerTokenResolver(tokens)
            .authenticationEntryPoint(unauthenticated)
            .accessDeniedHandler(forbidden))
        .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
        .addFilterAfter(new LimitsFilter(rateLimits, properties), BearerTokenAuthenticationFilter.class);
    return http.build();
  }

  private static String rolesOf(@Nullable Authentication a) {
    return a instanceof CallerAuthentication c ? c.caller().rolesText() : "none";
  }

  /** A JWT's caller: roles, owner and team from the configured claims. */
  static Caller fromJwt(Jwt jwt, SecurityProperties p) {
    Object claim = jwt.getClaims().get(p.rolesClaim());
    Collection<?> names = claim instanceof Collection<?> c ? c : claim == null ? List.of() : List.of(String.valueOf(claim).split("[\\s,]+"));
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Object n : names) {
      try {
        roles.add(Role.parse(String.valueOf(n)));
      } catch (IllegalArgumentException e) {
        // Roles of other applications in the same token are none of our business.
      }
    }
    String subject = jwt.getSubject() == null ? "unknown" : jwt.getSubject();
    String owner = jwt.getClaimAsString(p.ownerClaim());
    return new Caller("jwt:" + subject, owner == null ? subject : owner, roles, owner, jwt.getClaimAsString(p.teamClaim()),
        Boolean.TRUE.equals(jwt.getClaimAsBoolean(p.personalDataClaim())));
  }

  static void error(HttpServletResponse response, int status, String code, String message) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.setStatus(status);
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(JSON.writeValueAsString(
        java.util.Map.of("errors", List.of(java.util.Map.of("message", message, "extensions", java.util.Map.of("code", code))))));
  }

  /** Rate limit per caller, then body-size limits, then the caller handed on to the API as a request attribute. */
  static final class LimitsFilter extends OncePerRequestFilter {
    private final RateLimits rateLimits;
    private final SecurityProperties properties;

    LimitsFilter(RateLimits rateLimits, SecurityProperties properties) {
      this.rateLimits = rateLimits;
      this.properties = properties;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
      Authentication auth = SecurityContextHolder.getContext().getAuthentication();
      if (auth instanceof CallerAuthentication ca) {
        RateLimits.Decision d = rateLimits.take(ca.caller());
        if (!d.allowed()) {
          response.setHeader("Retry-After", Long.toString(d.retryAfterSeconds()));
          error(response, 429, "RATE_LIMITED", "Key %s made more than its %d requests a minute; retry in %d s"
              .formatted(ca.caller().id(), d.limitPerMinute(), d.retryAfterSeconds()));
          return;
        }
        request.setAttribute(Caller.KEY, ca.caller());
      }
      boolean upload = request.getRequestURI().startsWith("/api/ingest");
      long limit = (upload ? properties.maxUploadSize() : properties.maxRequestSize()).toBytes();
      if (request.getContentLengthLong() > limit) {
        error(response, 413, "TOO_LARGE", "The request body is %d bytes; at most %d are accepted here (customer-graph.security.%s)"
            .formatted(request.getContentLengthLong(), limit, upload ? "max-upload-size" : "max-request-size"));
        return;
      }
      chain.doFilter(new Bounded(request, limit, upload ? "max-upload-size" : "max-request-size"), response);
    }
  }

  /** A request whose body stops with a clear error once it passes the limit (for bodies sent without a length). */
  static final class Bounded extends HttpServletRequestWrapper {
    private final long limit;
    private final String setting;
    private @Nullable ServletInputStream stream;

    Bounded(HttpServletRequest request, long limit, String setting) {
      super(request);
      this.limit = limit;
      this.setting = setting;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          long read;

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
              count(1);
            }
            return b;
          }

          @Override
          public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
              count(n);
            }
            return n;
          }

          private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
              throw new TooLarge("The request body passed " + limit + " bytes, the most accepted here (customer-graph.security." + setting + ")");
            }
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }

    @Override
    public java.io.BufferedReader getReader() throws IOException {
      return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding()));
    }
  }

  /** The first start: accept the administrator key from the environment, or create one and print it once. */
  @Bean
  @ConditionalOnWebApplication
  FirstKey firstKey(ApiKeys keys, SecurityProperties properties) {
    return new FirstKey(keys, properties);
  }

  /** See {@link #firstKey}. */
  public static final class FirstKey {
    private final ApiKeys keys;
    private final SecurityProperties properties;

    FirstKey(ApiKeys keys, SecurityProperties properties) {
      this.keys = keys;
      this.properties = properties;
    }

    @EventListener
    public void ready(ApplicationReadyEvent event) {
      String given = properties.adminKey();
      if (given != null && !given.isBlank()) {
        ApiKeys.ApiKey key = keys.ensure("administrator (CUSTOMER_GRAPH_ADMIN_KEY)", Set.of(Role.ADMIN), given);
        log.info("API key {} from CUSTOMER_GRAPH_ADMIN_KEY accepted (ADMIN)", key.id());
        return;
      }
      if (keys.active() > 0) {
        return;
      }
      if (!properties.createFirstKey()) {
        log.warn("No API key exists, so nothing can be asked of this service yet. Start it with CUSTOMER_GRAPH_ADMIN_KEY=<at least 32 characters>, "
            + "or stop it and run: java -jar customer-graph.jar api-key create --name admin --roles ADMIN");
        return;
      }
      ApiKeys.Issued issued = keys.create("first administrator", Set.of(Role.ADMIN), null, null, true);
      log.warn("""
          No API key existed, so one ADMIN key was created. It is shown this once and stored only as a hash:

              {}

          Use it as 'Authorization: Bearer <key>' (GraphiQL: Headers tab). Create keys for people and tools with the
          createApiKey mutation (roles ADMIN, MANAGER, REP, ANALYST, INGEST, METRICS) and revoke this one when done.
          To choose the administrator key yourself, start with CUSTOMER_GRAPH_ADMIN_KEY=<at least 32 characters>.""",
          issued.secret());
    }
  }
}
