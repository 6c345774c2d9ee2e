/**
 * The GraphQL API: schema-first controllers over the graph, batch-loaded relations, payload unions for writes, and
 * the offline GraphiQL page. This package may use every other one; none uses it.
 */
@NullMarked
package io.customergraph.api;

import org.jspecify.annotations.NullMarked;
