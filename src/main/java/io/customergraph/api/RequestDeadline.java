package io.customergraph.api;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import reactor.core.publisher.Mono;

/**
 * A request's deadline ({@code customer-graph.api.timeout}) answered as a GraphQL error, never as a bare HTTP status.
 *
 * <p>Two clocks ran at 30 seconds: ours, checked before each field is fetched, and the servlet container's async
 * timeout, which answered a bare 503 when one slow fetch (a big page, a slow search) was still running (issue #18.8).
 * Now the container waits longer than the deadline, and this interceptor answers at the deadline with a GraphQL error
 * (classification {@code TIMEOUT} in {@code extensions}) whatever is still running; what still runs stops at its next
 * field ({@link ApiLimits}). Subscriptions are answered at once (their stream is not timed: a subscription lives as long
 * as its client wants).
 */
@Configuration(proxyBeanMethods = false)
class RequestDeadline {

  /** What the servlet container allows beyond the deadline before it gives up on the request itself. */
  static final Duration CONTAINER_GRACE = Duration.ofSeconds(30);

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  WebGraphQlInterceptor deadline(ApiProperties properties) {
    return new WebGraphQlInterceptor() {
      @Override
      public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).timeout(properties.timeout(), Mono.fromSupplier(() -> timedOut(request, properties.timeout())));
      }
    };
  }

  @Bean
  WebMvcConfigurer containerAsyncTimeout(ApiProperties properties) {
    return new WebMvcConfigurer() {
      @Override
      public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.setDefaultTimeout(properties.timeout().plus(CONTAINER_GRACE).toMillis());
      }
    };
  }

  private static WebGraphQlResponse timedOut(WebGraphQlRequest request, Duration timeout) {
    ExecutionResult result = ExecutionResult.newExecutionResult()
        .addError(GraphqlErrorBuilder.newError()
            .message("The request ran longer than %s and was stopped (customer-graph.api.timeout); ask for less".formatted(timeout))
            .errorType(Timeout.TIMEOUT)
            .build())
        // Every root field null, as if each had failed: execution began, so this is a 2xx answer (GraphQL over HTTP),
        // also for application/graphql-response+json, and clients read it as they read any partial answer.
        .data(rootFieldsNull(request))
        .build();
    return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
  }

  /** The response keys of the requested operation's root fields, each mapped to null (empty if the document is odd). */
  static java.util.Map<String, Object> rootFieldsNull(WebGraphQlRequest request) {
    java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
    try {
      graphql.language.Document document = graphql.parser.Parser.parse(request.getDocument());
      for (graphql.language.OperationDefinition op : document.getDefinitionsOfType(graphql.language.OperationDefinition.class)) {
        if (request.getOperationName() == null || request.getOperationName().equals(op.getName())) {
          for (graphql.language.Field f : op.getSelectionSet().getSelectionsOfType(graphql.language.Field.class)) {
            data.put(f.getResultKey(), null);
          }
          break;
        }
      }
    } catch (RuntimeException e) {
      // A document that does not parse never ran long enough to time out; an empty answer is enough.
    }
    return data;
  }

  /** The error classification of a request stopped at its deadline. */
  enum Timeout implements graphql.ErrorClassification {
    TIMEOUT
  }
}
