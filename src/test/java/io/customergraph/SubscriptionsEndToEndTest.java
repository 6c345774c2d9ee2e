package io.customergraph;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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
 * A GraphQL subscription client over a real WebSocket (graphql-ws at /graphql-ws) receives a score change caused by
 * an activity recorded over HTTP: write → GraphChanged → rescoring → ScoreChanged → subscription.
 */
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT) // mostly a 90 s wait, on a service of its own
class SubscriptionsEndToEndTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void aSubscriberHeldOpenForNinetySecondsReceivesTheScoreChangeThatAWriteCaused() throws Exception {
    Path data = Neo4jFixture.freshDirectory();
    // A short request deadline: a subscription outlives it (issue #19.2: the first event after the deadline was aborted
    // and the socket closed). 30 s, not less: the first score read of a cold service took over 10 s on a loaded 2-core
    // machine, and over 20 s once (session 16's CI, the suite's first minutes on a busy host); 90 s are still three
    // deadlines and three keep-alive pings.
    String[] args = TestService.arguments(data, "--customer-graph.demo.enabled=false", "--customer-graph.score.refresh-delay=PT0.3S",
        "--customer-graph.api.timeout=PT30S");
    try (ConfigurableApplicationContext app = SpringApplication.run(CustomerGraphApplication.class, args)) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      String base = "http://127.0.0.1:" + port;
      String account = graphql(base, "mutation { upsertAccount(input: {name: \"Initech\", domain: \"initech.invalid\"}) { ... on AccountUpserted { account { id } } } }")
          .path("data").path("upsertAccount").path("account").path("id").asString();
      String contact = graphql(base, "mutation { upsertContact(input: {name: \"Peter Gibbons\", email: \"peter@initech.invalid\", accountId: \"" + account
          + "\"}) { ... on ContactUpserted { contact { id } } } }").path("data").path("upsertContact").path("contact").path("id").asString();
      // Read once: the contact is scored (and the score stored) before anything happens. This read only sets the test
      // up; on a busy host the first score read of a cold service has passed the deadline (session 16's CI, twice), so
      // a read stopped by the deadline is asked again, at most three times — the subscription is what is tested.
      double before = scoreRead(base, contact);

      WebSocketGraphQlClient client = WebSocketGraphQlClient.builder(URI.create("ws://127.0.0.1:" + port + "/graphql-ws"), new StandardWebSocketClient())
          // Browsers cannot set headers on a WebSocket: the key goes in graphql-ws' connection_init.
          .interceptor(new WebSocketGraphQlClientInterceptor() {
            @Override
            public Mono<Object> connectionInitPayload() {
              return Mono.just(Map.of("Authorization", TestService.BEARER));
            }
          })
          .build();
      Mono<Map<String, Object>> first = client
          .document("subscription { scoreChanged(kind: LEAD_PRIORITY, minDelta: 0.01) { kind entityId before after delta bandAfter at } }")
          .executeSubscription()
          .map(r -> r.field("scoreChanged").<Map<String, Object>>getValue())
          .next()
          .cache();
      first.subscribe();
      client.start().block(Duration.ofSeconds(10));
      // Issue #19.2 asks for a subscription held 90 s: three request deadlines, three graphql-ws keep-alive pings
      // (every 25 s of silence); the event comes at the end.
      Thread.sleep(90_000);

      for (String url : new String[] {"/pricing", "/pricing/enterprise", "/case-studies/acme"}) {
        JsonNode recorded = graphql(base, "mutation { recordActivity(input: {contactId: \"" + contact + "\", type: PAGE_VIEWED, occurredAt: \""
            + Instant.now().minusSeconds(30) + "\", url: \"https://x.invalid" + url + "\"}) { __typename } }");
        assertThat(recorded.path("errors").isMissingNode()).as(recorded.toString()).isTrue();
      }

      Map<String, Object> change = first.block(Duration.ofSeconds(30));
      assertThat(change).isNotNull();
      assertThat(change.get("entityId")).isEqualTo(contact);
      assertThat(change.get("kind")).isEqualTo("LEAD_PRIORITY");
      assertThat((Double) change.get("before")).isEqualTo(before);
      assertThat((Double) change.get("after")).isGreaterThan(before);
      client.stop().block(Duration.ofSeconds(5));
    }
  }

  private static double scoreRead(String base, String contact) throws Exception {
    String query = JSON.writeValueAsString(Map.of("query", "{ contact(id: \"" + contact + "\") { score { probability } } }"));
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/graphql")).header("Content-Type", "application/json")
          .header("Authorization", TestService.BEARER)
          .POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = JSON.readTree(r.body());
      if (attempt < 3 && json.path("errors").path(0).path("extensions").path("classification").asString("").equals("TIMEOUT")) {
        continue;
      }
      assertThat(json.path("errors").isMissingNode()).as(r.body()).isTrue();
      return json.path("data").path("contact").path("score").path("probability").asDouble();
    }
  }

  private static JsonNode graphql(String base, String query) throws Exception {
    String body = JSON.writeValueAsString(Map.of("query", query));
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/graphql")).header("Content-Type", "application/json")
        .header("Authorization", TestService.BEARER)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = JSON.readTree(r.body());
    assertThat(json.path("errors").isMissingNode()).as(r.body()).isTrue();
    return json;
  }
}
