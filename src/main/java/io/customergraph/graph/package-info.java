/**
 * The graph: embedded or external Neo4j, schema migrations from {@code cypher/migrations}, the customer-graph model
 * (accounts, contacts, interactions, deals, provenance) and the reads and writes every other capability uses.
 */
@NullMarked
package io.customergraph.graph;

import org.jspecify.annotations.NullMarked;
