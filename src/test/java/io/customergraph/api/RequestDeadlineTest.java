package io.customergraph.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

/**
 * Issue #18.8: a request past its deadline was answered with a bare 503 by the servlet container while a slow field
 * was still being fetched. The deadline interceptor answers a GraphQL error at the deadline, whatever still runs.
 */
class RequestDeadlineTest {

  @Test
  void aRequestStillRunningAtItsDeadlineIsAnsweredWithAGraphqlError() {
    ApiProperties properties = new ApiProperties(15, 1000, 30, 15000, Duration.ofMillis(200), 500, true, 10000, 200, 20);
    WebGraphQlRequest request = new WebGraphQlRequest(URI.create("http://localhost/graphql"), new HttpHeaders(), null, Map.of(),
        Map.of("query", "{ stats { contacts } }"), "1", Locale.ROOT);

    // A chain that never answers: a fetch stuck in a slow query.
    WebGraphQlResponse response = new RequestDeadline().deadline(properties).intercept(request, r -> Mono.never()).block(Duration.ofSeconds(5));

    assertThat(response).isNotNull();
    assertThat(response.isValid()).as("execution began: a 2xx answer").isTrue();
    Map<String, Object> data = response.getData();
    assertThat(data).containsOnlyKeys("stats").containsEntry("stats", null);
    ResponseError error = response.getErrors().getFirst();
    assertThat(error.getMessage()).contains("ran longer than PT0.2S").contains("customer-graph.api.timeout");
    assertThat(error.getErrorType().toString()).isEqualTo("TIMEOUT");
  }

  @Test
  void aRequestAnsweredInTimePassesUnchanged() {
    ApiProperties properties = new ApiProperties(15, 1000, 30, 15000, Duration.ofSeconds(5), 500, true, 10000, 200, 20);
    WebGraphQlRequest request = new WebGraphQlRequest(URI.create("http://localhost/graphql"), new HttpHeaders(), null, Map.of(),
        Map.of("query", "{ stats { contacts } }"), "1", Locale.ROOT);
    WebGraphQlResponse answer = new WebGraphQlResponse(new org.springframework.graphql.support.DefaultExecutionGraphQlResponse(
        request.toExecutionInput(), graphql.ExecutionResult.newExecutionResult().data(Map.of("stats", Map.of("contacts", 3))).build()));
    WebGraphQlResponse response = new RequestDeadline().deadline(properties).intercept(request, r -> Mono.just(answer)).block(Duration.ofSeconds(5));
    assertThat(response).isSameAs(answer);
  }
}
