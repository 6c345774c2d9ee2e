package io.customergraph;

import io.customergraph.security.Caller;
import io.customergraph.security.Role;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.test.tester.ExecutionGraphQlServiceTester;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base of graph tests: a real Neo4j, an empty graph before each test, and a GraphQL tester over the real service. */
@GraphContext
public abstract class GraphSupport {

  @Autowired protected Neo4jClient neo4j;
  @Autowired protected QueryCounter queries;
  @Autowired private ExecutionGraphQlService graphQlService;
  @Autowired protected io.customergraph.resolve.EntityIndex entityIndex;
  @Autowired protected io.customergraph.security.Audit audit;
  @Autowired protected io.customergraph.resolve.ResolveLifecycle resolveLifecycle;

  protected GraphQlTester graphQl;

  @DynamicPropertySource
  static void neo4jProperties(DynamicPropertyRegistry registry) {
    Neo4jFixture.register(registry);
  }

  @BeforeEach
  protected void emptyGraph() {
    // The audit of earlier tests' requests is written in the background: write what is queued now, so it is wiped too.
    audit.flush();
    // So is the resolution of contacts and accounts earlier tests upserted.
    resolveLifecycle.awaitUpserts();
    neo4j.query("MATCH (n) WHERE NOT n:__Migration DETACH DELETE n").run();
    // The candidate index is derived from the graph: empty it with the graph.
    entityIndex.rebuild();
    graphQl = as(ADMIN);
  }

  /** The administrator the tests act as unless they say otherwise. */
  protected static final Caller ADMIN = new Caller("key_test_admin", "test administrator", Set.of(Role.ADMIN), null, null, true);

  /** A GraphQL tester over the real service acting as the given caller (as an API key or token would make it). */
  protected GraphQlTester as(Caller caller) {
    return ExecutionGraphQlServiceTester.builder(graphQlService)
        .configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(Caller.KEY, caller)).build())
        .build();
  }

  /**
   * 150 unrelated people (Given1 Family1 at person1@filler.org …), so that name frequencies and u are those of a
   * population, not of a graph of two.
   */
  protected void fillerPeople() {
    cypher("""
        UNWIND range(1, 150) AS i
        CREATE (:Contact {id: 'con_f' + i, name: 'Given' + i + ' Family' + i, email: 'person' + i + '@filler.org', emails: ['person' + i + '@filler.org'],
                          createdAt: datetime('2025-01-01T00:00:00Z')})""");
  }

  /** Runs Cypher for a fixture. */
  protected void cypher(String cypher) {
    neo4j.query(cypher).run();
  }

  /** A single number from Cypher. */
  protected long count(String cypher) {
    return neo4j.query(cypher).fetchAs(Long.class).one().orElseThrow();
  }
}
