package io.customergraph.api;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * The last resort for a field that failed unexpectedly: the client gets INTERNAL_ERROR with an error id it can quote,
 * the log gets the stack trace — but not a thousand times. Issue #18.2: twenty concurrent requests failing in one field
 * wrote a stack trace per field per request, 73 MB of log in two minutes. Per kind of failure (exception class and
 * field), the first {@value #TRACES_PER_WINDOW} in a minute are logged with their stack trace; the rest are counted and
 * summed up in one line when the minute is over. Runs after the resolvers that map known exceptions.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class UnexpectedErrors extends DataFetcherExceptionResolverAdapter {

  private static final Logger log = LoggerFactory.getLogger(UnexpectedErrors.class);
  static final int TRACES_PER_WINDOW = 5;
  static final Duration WINDOW = Duration.ofMinutes(1);

  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  private static final class Window {
    final long started = System.nanoTime();
    final AtomicInteger seen = new AtomicInteger();
  }

  @Override
  protected @Nullable GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
    if (ex instanceof org.springframework.security.access.AccessDeniedException || ex instanceof org.springframework.security.core.AuthenticationException) {
      return null; // Spring Security's own resolver answers these (UNAUTHORIZED, FORBIDDEN)
    }
    String errorId = java.util.UUID.randomUUID().toString().substring(0, 8);
    String field = env.getExecutionStepInfo().getPath().toString();
    String kind = ex.getClass().getName() + " at " + env.getExecutionStepInfo().getObjectType().getName() + "." + env.getField().getName();
    if (shouldLog(kind)) {
      log.error("Unexpected {} in {} (error id {})", ex.getClass().getSimpleName(), field, errorId, ex);
    }
    return GraphqlErrorBuilder.newError(env).errorType(ErrorType.INTERNAL_ERROR)
        .message("Internal error in %s (error id %s); the service's log has the details".formatted(field, errorId)).build();
  }

  /** Whether this failure's stack trace goes to the log; sums up what a finished window held back. */
  boolean shouldLog(String kind) {
    long now = System.nanoTime();
    Window w = windows.compute(kind, (k, old) -> {
      if (old == null || now - old.started > WINDOW.toNanos()) {
        if (old != null && old.seen.get() > TRACES_PER_WINDOW) {
          log.error("{} more of: {} (stack traces held back after the first {} a minute)", old.seen.get() - TRACES_PER_WINDOW, k, TRACES_PER_WINDOW);
        }
        return new Window();
      }
      return old;
    });
    int n = w.seen.incrementAndGet();
    if (n == TRACES_PER_WINDOW + 1) {
      log.error("More of: {} — stack traces held back for the rest of the minute, then counted", kind);
    }
    return n <= TRACES_PER_WINDOW;
  }
}
