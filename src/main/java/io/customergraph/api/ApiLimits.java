package io.customergraph.api;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Field;
import graphql.language.Node;
import graphql.parser.ParserOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What one GraphQL request may ask for: depth, complexity, aliases, tokens and time are limited, each with an error
 * that names the limit; validated documents are cached. Page sizes are capped where lists are served.
 */
@Configuration(proxyBeanMethods = false)
class ApiLimits {

  private static final String STARTED = "customer-graph.started";

  @Bean
  Instrumentation maxDepth(ApiProperties properties) {
    return new MaxQueryDepthInstrumentation(properties.maxDepth());
  }

  @Bean
  Instrumentation maxComplexity(ApiProperties properties) {
    return new MaxQueryComplexityInstrumentation(properties.maxComplexity());
  }

  /** Counts aliases before execution and stops requests that are too slow. */
  @Bean
  Instrumentation aliasesAndTime(ApiProperties properties) {
    return new SimplePerformantInstrumentation() {
      @Override
      public @Nullable InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters, InstrumentationState state) {
        parameters.getGraphQLContext().put(STARTED, System.nanoTime());
        return SimpleInstrumentationContext.noOp();
      }

      @Override
      public @Nullable InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        if (parameters.getExecutionContext().getOperationDefinition().getOperation() == graphql.language.OperationDefinition.Operation.SUBSCRIPTION) {
          // A subscription lives as long as its client wants: its events are not one request running late (issue #19:
          // every event after the first 30 seconds was aborted and the socket closed).
          parameters.getExecutionContext().getGraphQLContext().delete(STARTED);
        }
        int aliases = aliases(parameters.getExecutionContext().getDocument());
        if (aliases > properties.maxAliases()) {
          throw new AbortExecutionException("The request uses %d aliases; at most %d are allowed (customer-graph.api.max-aliases)"
              .formatted(aliases, properties.maxAliases()));
        }
        return SimpleInstrumentationContext.noOp();
      }

      @Override
      public @Nullable InstrumentationContext<Object> beginFieldFetch(InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        Long started = parameters.getExecutionContext().getGraphQLContext().get(STARTED);
        if (started != null && System.nanoTime() - started > properties.timeout().toNanos()) {
          throw new AbortExecutionException("The request ran longer than %s and was stopped (customer-graph.api.timeout); ask for less"
              .formatted(properties.timeout()));
        }
        return SimpleInstrumentationContext.noOp();
      }
    };
  }

  /** The time a request has left before its deadline ({@code customer-graph.api.timeout}); null outside a timed request. */
  static java.time.@Nullable Duration remaining(graphql.GraphQLContext context, ApiProperties properties) {
    Long started = context.get(STARTED);
    if (started == null) {
      return null;
    }
    long left = properties.timeout().toNanos() - (System.nanoTime() - started);
    return java.time.Duration.ofNanos(Math.max(1_000_000, left));
  }

  /**
   * Every string argument has a length limit, checked before the field is fetched: a field given a longer one fails
   * with BAD_REQUEST naming the argument and the limit (the rest of the request is answered). Records to ingest are
   * bounded by the request-size limit instead; search text has its own, shorter limit.
   */
  @Bean
  Instrumentation argumentLengths(ApiProperties properties) {
    return new SimplePerformantInstrumentation() {
      @Override
      public graphql.schema.DataFetcher<?> instrumentDataFetcher(
          graphql.schema.DataFetcher<?> fetcher, graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters parameters,
          InstrumentationState state) {
        var field = parameters.getExecutionStepInfo().getFieldDefinition();
        if (field.getArguments().isEmpty()) {
          return fetcher;
        }
        return env -> {
          String where = env.getParentType() instanceof graphql.schema.GraphQLNamedType t ? t.getName() + "." + field.getName() : field.getName();
          for (var argument : env.getArguments().entrySet()) {
            int limit = limit(where, argument.getKey());
            int longest = longest(argument.getValue());
            if (longest > limit) {
              return graphql.execution.DataFetcherResult.newResult()
                  .error(graphql.GraphqlErrorBuilder.newError(env).errorType(org.springframework.graphql.execution.ErrorType.BAD_REQUEST)
                      .message("Argument '%s' of %s is %d characters long; at most %d are accepted (%s)".formatted(argument.getKey(), where, longest, limit,
                          where.equals("Query.search") ? "customer-graph.api.max-search-text" : "customer-graph.api.max-string-argument"))
                      .build())
                  .build();
            }
          }
          return fetcher.get(env);
        };
      }

      private int limit(String field, String argument) {
        if (field.equals("Query.search") && argument.equals("text")) {
          return properties.maxSearchText();
        }
        if ((field.equals("Mutation.ingestRecord") || field.equals("Mutation.retryQuarantined")) && (argument.equals("payload") || argument.equals("metadata"))) {
          return Integer.MAX_VALUE;
        }
        return properties.maxStringArgument();
      }
    };
  }

  /** The longest string in an argument value (strings, lists and input objects, however nested). */
  private static int longest(@Nullable Object value) {
    return switch (value) {
      case String s -> s.length();
      case java.util.Collection<?> c -> c.stream().mapToInt(ApiLimits::longest).max().orElse(0);
      case Map<?, ?> m -> m.values().stream().mapToInt(ApiLimits::longest).max().orElse(0);
      case null, default -> 0;
    };
  }

  /** In the prod profile GraphiQL is not served at all (404), not only unlinked. */
  @Bean
  @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "customer-graph.api.graphiql", havingValue = "false")
  jakarta.servlet.Filter noGraphiql() {
    return (request, response, chain) -> {
      String path = ((jakarta.servlet.http.HttpServletRequest) request).getRequestURI();
      if (path.equals("/") || path.equals("/graphiql") || path.startsWith("/graphiql/")) {
        ((jakarta.servlet.http.HttpServletResponse) response).sendError(404);
        return;
      }
      chain.doFilter(request, response);
    };
  }

  private static int aliases(Node<?> node) {
    int n = node instanceof Field f && f.getAlias() != null ? 1 : 0;
    for (Node<?> child : node.getChildren()) {
      n += aliases(child);
    }
    return n;
  }

  /** Parser token limit and a bounded cache of validated documents. */
  @Bean
  GraphQlSourceBuilderCustomizer parsingLimitsAndCache(ApiProperties properties) {
    ParserOptions.setDefaultOperationParserOptions(
        ParserOptions.getDefaultOperationParserOptions().transform(o -> o.maxTokens(properties.maxTokens())));
    Map<String, PreparsedDocumentEntry> cache = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, PreparsedDocumentEntry> eldest) {
        return size() > properties.documentCache();
      }
    };
    PreparsedDocumentProvider provider = new PreparsedDocumentProvider() {
      @Override
      public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        PreparsedDocumentEntry cached;
        synchronized (cache) {
          cached = cache.get(input.getQuery());
        }
        if (cached != null) {
          return CompletableFuture.completedFuture(cached);
        }
        PreparsedDocumentEntry entry = parseAndValidate.apply(input);
        if (!entry.hasErrors()) {
          synchronized (cache) {
            cache.put(input.getQuery(), entry);
          }
        }
        return CompletableFuture.completedFuture(entry);
      }
    };
    return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(provider));
  }
}
