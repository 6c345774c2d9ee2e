package io.customergraph.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the GraphQL API ({@code customer-graph.api.*}): what one request may ask for.
 *
 * @param maxDepth deepest nesting of fields; 15 fits GraphiQL's introspection query and every documented query
 * @param maxComplexity fields counted over the whole request (graphql-java's default calculator: one per field)
 * @param maxAliases aliases in one request; a few are normal, hundreds are a way to multiply an expensive field
 * @param maxTokens tokens the parser reads before giving up on a document
 * @param timeout wall time of one request; fields not fetched by then fail with an error
 * @param documentCache parsed and validated documents kept (front-ends send the same few queries again and again)
 * @param graphiql whether /graphiql is served (off in the prod profile)
 * @param maxStringArgument longest string argument of any field: 10,000 characters hold any name, note, filter or
 *     edited draft; a record to ingest ({@code payload}, {@code metadata}) is bounded by the request size instead
 * @param maxSearchText longest {@code search} text: a name, an address, a phone number or a domain is far shorter, and
 *     every word of it becomes fuzzy index clauses
 * @param maxSubscriptions subscriptions one key (or token) may hold open at once, over all its connections: a dashboard
 *     needs a few; hundreds from one key are a leak or an attack
 */
@ConfigurationProperties("customer-graph.api")
record ApiProperties(
    @DefaultValue("15") int maxDepth,
    @DefaultValue("1000") int maxComplexity,
    @DefaultValue("30") int maxAliases,
    @DefaultValue("15000") int maxTokens,
    @DefaultValue("PT30S") Duration timeout,
    @DefaultValue("500") int documentCache,
    @DefaultValue("true") boolean graphiql,
    @DefaultValue("10000") int maxStringArgument,
    @DefaultValue("200") int maxSearchText,
    @DefaultValue("20") int maxSubscriptions) {}
