package io.customergraph.api;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.scalars.ExtendedScalars;
import graphql.schema.DataFetchingEnvironment;
import io.customergraph.graph.Cursor;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Scalars, error mapping, the start-up schema check and the offline GraphiQL page. */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ApiConfiguration.class);

  @Bean
  RuntimeWiringConfigurer scalars() {
    return wiring ->
        wiring.scalar(dateTime()).scalar(ExtendedScalars.Date).scalar(ExtendedScalars.Json);
  }

  /** RFC 3339 date-times, as ExtendedScalars writes them; an {@link java.time.Instant} is written in UTC. */
  @SuppressWarnings("unchecked")
  private static graphql.schema.GraphQLScalarType dateTime() {
    graphql.schema.Coercing<Object, Object> iso = (graphql.schema.Coercing<Object, Object>) ExtendedScalars.DateTime.getCoercing();
    graphql.schema.Coercing<Object, Object> coercing = new graphql.schema.Coercing<>() {
      @Override
      public Object serialize(Object value, graphql.GraphQLContext context, java.util.Locale locale) {
        return iso.serialize(value instanceof java.time.Instant i ? i.atOffset(java.time.ZoneOffset.UTC) : value, context, locale);
      }

      @Override
      public Object parseValue(Object input, graphql.GraphQLContext context, java.util.Locale locale) {
        return iso.parseValue(input, context, locale);
      }

      @Override
      public Object parseLiteral(
          graphql.language.Value<?> input, graphql.execution.CoercedVariables variables, graphql.GraphQLContext context, java.util.Locale locale) {
        return iso.parseLiteral(input, variables, context, locale);
      }

      @Override
      public graphql.language.Value<?> valueToLiteral(Object input, graphql.GraphQLContext context, java.util.Locale locale) {
        return iso.valueToLiteral(input, context, locale);
      }
    };
    return graphql.schema.GraphQLScalarType.newScalar(ExtendedScalars.DateTime).coercing(coercing).build();
  }

  /**
   * Refuses to start when a schema field has no data fetcher and no matching Java property: such a field would
   * answer null (or an error) to every client, which is better caught by the build than by a front-end developer.
   */
  @Bean
  GraphQlSourceBuilderCustomizer failOnUnmappedFields() {
    return builder ->
        builder.inspectSchemaMappings(
            report -> {
              if (!report.unmappedFields().isEmpty() || !report.unmappedArguments().isEmpty()) {
                throw new IllegalStateException(
                    "GraphQL schema has fields or arguments without a mapping: "
                        + report.unmappedFields().stream().map(Object::toString).collect(Collectors.joining(", "))
                        + " " + report.unmappedArguments());
              }
              if (!report.skippedTypes().isEmpty()) {
                log.debug("Schema inspection skipped types {}", report.skippedTypes());
              }
            });
  }

  /** Client mistakes (a bad cursor, an argument out of range) become BAD_REQUEST errors with a readable message. */
  @Bean
  @org.springframework.core.annotation.Order(0)
  DataFetcherExceptionResolverAdapter badRequests() {
    return new DataFetcherExceptionResolverAdapter() {
      @Override
      protected @Nullable GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        if (ex instanceof BadRequest || ex instanceof Cursor.InvalidCursorException) {
          return GraphqlErrorBuilder.newError(env).errorType(ErrorType.BAD_REQUEST).message(ex.getMessage()).build();
        }
        return null;
      }
    };
  }

  /** GraphiQL from assets inside the jar (webjars): works with no internet, unlike Spring's CDN-based page. */
  @Bean
  WebMvcConfigurer graphiqlPage() {
    return new WebMvcConfigurer() {
      @Override
      public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/graphiql").setViewName("forward:/graphiql/index.html");
        // The explorer for analysts (issue #24): a page from the jar that asks GraphQL with the user's own key.
        registry.addViewController("/explore").setViewName("forward:/explore/index.html");
        registry.addViewController("/").setViewName("redirect:/graphiql");
      }
    };
  }
}
