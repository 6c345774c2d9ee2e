package io.customergraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service over real HTTP and WebSocket with authentication on: no key → 401, each role where it belongs, metrics
 * behind their own role, body-size and per-key rate limits, JWT bearer tokens from a configured public key, revocation,
 * and the GraphQL-over-HTTP audit of the {@code graphql-http} npm package (every MUST passes).
 */
class SecurityEndToEndTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void keysRolesLimitsTokensAndTheGraphqlOverHttpAudit() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair issuer = generator.generateKeyPair();
    KeyPair stranger = generator.generateKeyPair();
    Path pem = Files.createTempFile("jwt-issuer", ".pem");
    Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(issuer.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n");
    String[] args = TestService.arguments(Neo4jFixture.freshDirectory(),
        "--customer-graph.demo.accounts=6",
        "--customer-graph.security.burst=500",
        "--customer-graph.security.max-request-size=16KB",
        "--customer-graph.security.max-upload-size=64KB",
        "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + pem);
    try (ConfigurableApplicationContext app = SpringApplication.run(CustomerGraphApplication.class, args)) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      String base = "http://127.0.0.1:" + port;

      // No key, a wrong key: 401 with a JSON error that says what to send.
      HttpResponse<String> anonymous = post(base + "/graphql", null, "{\"query\": \"{ accounts { totalCount } }\"}");
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      assertThat(JSON.readTree(anonymous.body()).path("errors").get(0).path("extensions").path("code").asString()).isEqualTo("UNAUTHENTICATED");
      HttpResponse<String> wrong = post(base + "/graphql", "cg_not-a-key", "{\"query\": \"{ me { id } }\"}");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.body()).contains("Unknown or revoked API key");
      // Health is OUT_OF_SERVICE (503) until the start-up steps are done, the change feed's catch-up last.
      assertThat(TestService.awaitReady(base).statusCode()).isEqualTo(200);
      assertThat(get(base + "/actuator/health", null).statusCode()).isEqualTo(200);
      assertThat(get(base + "/graphiql", null).statusCode()).as("the page is open; its requests need a key").isEqualTo(200);

      String metrics = key(base, "prometheus", "[METRICS]", "");
      String rep = key(base, "rep", "[REP]", ", owner: \"Dana Whitfield\"");
      String ingest = key(base, "loader", "[INGEST]", "");
      String limited = key(base, "slow integration", "[ANALYST]", ", requestsPerMinute: 3");

      // Metrics behind their own role.
      assertThat(get(base + "/actuator/prometheus", null).statusCode()).isEqualTo(401);
      HttpResponse<String> repOnMetrics = get(base + "/actuator/prometheus", rep);
      assertThat(repOnMetrics.statusCode()).isEqualTo(403);
      assertThat(repOnMetrics.body()).contains("FORBIDDEN").contains("REP");
      assertThat(get(base + "/actuator/prometheus", metrics).body()).contains("jvm_memory_used_bytes");
      JsonNode metricsOnGraphql = graphql(base, metrics, "{ accounts { totalCount } }");
      assertThat(metricsOnGraphql.path("errors").get(0).path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");

      // Bulk ingestion needs INGEST; uploads and requests have size limits.
      String events = "{\"type\": \"page_viewed\", \"email\": \"someone@example.invalid\", \"timestamp\": \"2026-11-01T10:00:00Z\", \"url\": \"https://x.invalid/pricing\"}\n";
      assertThat(post(base + "/api/ingest/activity?filename=events.jsonl", ingest, events).statusCode()).isEqualTo(202);
      assertThat(post(base + "/api/ingest/activity?filename=events.jsonl", rep, events).statusCode()).isEqualTo(403);
      JsonNode uploads = graphql(base, TestService.ADMIN, "{ auditLog(first: 5) { operation access callerName subjects } }");
      assertThat(uploads.path("data").path("auditLog").toString()).as("the upload is in the audit log")
          .contains("POST /api/ingest/activity").contains("CHANGE").contains("loader").contains("job_");
      HttpResponse<String> hugeUpload = post(base + "/api/ingest/activity?filename=events.jsonl", ingest, events.repeat(1000));
      assertThat(hugeUpload.statusCode()).isEqualTo(413);
      assertThat(hugeUpload.body()).contains("max-upload-size");
      // Sent without a length (chunked), the same upload is cut off while streaming, with the same answer.
      HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/ingest/activity?filename=events.jsonl"))
          .header("Authorization", "Bearer " + ingest)
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(events.repeat(1000).getBytes()))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
      assertThat(chunked.body()).contains("max-upload-size").contains("nothing was stored");
      HttpResponse<String> hugeQuery = post(base + "/graphql", TestService.ADMIN,
          JSON.writeValueAsString(Map.of("query", "{ me { id } }", "variables", Map.of("padding", "x".repeat(20_000)))));
      assertThat(hugeQuery.statusCode()).isEqualTo(413);
      assertThat(hugeQuery.body()).contains("TOO_LARGE").contains("max-request-size");

      // A key's own rate limit: three a minute, the fourth is refused with Retry-After.
      List<Integer> statuses = new ArrayList<>();
      HttpResponse<String> last = null;
      for (int i = 0; i < 4; i++) {
        last = post(base + "/graphql", limited, "{\"query\": \"{ me { id } }\"}");
        statuses.add(last.statusCode());
      }
      assertThat(statuses).containsExactly(200, 200, 200, 429);
      assertThat(last.headers().firstValue("Retry-After")).isPresent();
      assertThat(JSON.readTree(last.body()).path("errors").get(0).path("extensions").path("code").asString()).isEqualTo("RATE_LIMITED");
      assertThat(graphql(base, rep, "{ me { id } }").path("data").path("me").path("id").asString()).as("other keys are not slowed").startsWith("key_");

      // JWT bearer tokens from the configured issuer key: roles from the claims; a foreign signature or an expired token is 401.
      String token = jwt((RSAPrivateKey) issuer.getPrivate(), "sso-user", List.of("MANAGER", "someone-elses-role"), Instant.now().plusSeconds(300));
      JsonNode me = graphql(base, token, "{ me { id roles } }");
      assertThat(me.path("data").path("me").path("id").asString()).isEqualTo("jwt:sso-user");
      assertThat(me.path("data").path("me").path("roles").get(0).asString()).isEqualTo("MANAGER");
      assertThat(post(base + "/graphql", jwt((RSAPrivateKey) stranger.getPrivate(), "mallory", List.of("ADMIN"), Instant.now().plusSeconds(300)),
          "{\"query\": \"{ me { id } }\"}").statusCode()).isEqualTo(401);
      assertThat(post(base + "/graphql", jwt((RSAPrivateKey) issuer.getPrivate(), "late", List.of("ADMIN"), Instant.now().minusSeconds(3600)),
          "{\"query\": \"{ me { id } }\"}").statusCode()).isEqualTo(401);

      // WebSocket: the key (or token) travels in connection_init; without a valid one the connection is refused.
      assertThat(overWebSocket(port, rep)).startsWith("key_");
      assertThat(overWebSocket(port, token)).isEqualTo("jwt:sso-user");
      assertThatThrownBy(() -> overWebSocket(port, "cg_wrong")).isNotNull();

      // Revocation takes effect at once.
      String revokedId = graphql(base, rep, "{ me { id } }").path("data").path("me").path("id").asString();
      graphql(base, TestService.ADMIN, "mutation { revokeApiKey(id: \"" + revokedId + "\") { __typename } }");
      assertThat(post(base + "/graphql", rep, "{\"query\": \"{ me { id } }\"}").statusCode()).isEqualTo(401);

      // The GraphQL-over-HTTP audit of the graphql-http package: every MUST passes.
      List<String> audit = graphqlHttpAudit(base + "/graphql");
      System.out.printf("graphql-http audit: %d audits, %d ok, %d warnings, %d errors%n%s%n", audit.size(),
          audit.stream().filter(l -> l.startsWith("ok")).count(), audit.stream().filter(l -> l.startsWith("warn")).count(),
          audit.stream().filter(l -> l.startsWith("error")).count(), String.join("\n", audit.stream().filter(l -> !l.startsWith("ok")).toList()));
      assertThat(audit).as("audits run").hasSizeGreaterThan(20);
      assertThat(audit.stream().filter(l -> l.contains("\tMUST ")).toList()).as("MUST audits").isNotEmpty()
          .allSatisfy(l -> assertThat(l).startsWith("ok\t"));
    }
  }

  private static List<String> graphqlHttpAudit(String url) throws Exception {
    Path dir = Path.of("target", "graphql-http");
    Files.createDirectories(dir);
    for (String f : List.of("package.json", "audit.mjs")) {
      Files.copy(Path.of("src", "test", "graphql-http", f), dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(dir.resolve("node_modules").resolve("graphql-http"))) {
      assertThat(run(dir, List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"))).as("npm install (needs Node.js and the npm registry)").startsWith("0:");
    }
    String out = run(dir, List.of("node", "audit.mjs", url, TestService.ADMIN));
    assertThat(out).startsWith("0:");
    return out.substring(2).lines().filter(l -> !l.isBlank()).toList();
  }

  private static String run(Path dir, List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    return p.exitValue() + ":" + out;
  }

  private static String overWebSocket(int port, String key) {
    WebSocketGraphQlClient client = WebSocketGraphQlClient.builder(URI.create("ws://127.0.0.1:" + port + "/graphql-ws"), new StandardWebSocketClient())
        .interceptor(new WebSocketGraphQlClientInterceptor() {
          @Override
          public Mono<Object> connectionInitPayload() {
            return Mono.just(Map.of("Authorization", "Bearer " + key));
          }
        })
        .build();
    try {
      return client.document("{ me { id } }").retrieve("me.id").toEntity(String.class).block(Duration.ofSeconds(10));
    } finally {
      client.stop().block(Duration.ofSeconds(5));
    }
  }

  private static String jwt(RSAPrivateKey key, String subject, List<String> roles, Instant expires) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256),
        new JWTClaimsSet.Builder().subject(subject).claim("roles", roles).issueTime(Date.from(expires.minusSeconds(600)))
            .expirationTime(Date.from(expires)).build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static String key(String base, String name, String roles, String more) throws Exception {
    JsonNode issued = graphql(base, TestService.ADMIN,
        "mutation { createApiKey(input: {name: \"" + name + "\", roles: " + roles + more + "}) { ... on ApiKeyIssued { secret } ... on ApiKeyRefused { message } } }");
    String secret = issued.path("data").path("createApiKey").path("secret").asString();
    assertThat(secret).as(issued.toString()).startsWith("cg_");
    return secret;
  }

  private static JsonNode graphql(String base, String key, String query) throws Exception {
    HttpResponse<String> r = post(base + "/graphql", key, JSON.writeValueAsString(Map.of("query", query)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static HttpResponse<String> post(String url, String key, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String url, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
