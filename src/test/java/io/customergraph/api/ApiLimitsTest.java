package io.customergraph.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request limits and hostile inputs: each refused with an error that names the limit, nothing stored changes. */
class ApiLimitsTest extends GraphSupport {

  @BeforeEach
  void acme() {
    cypher("""
        CREATE (a:Account {id: 'acc_acme', name: 'Acme', nameSort: 'acme', status: 'CUSTOMER'})
        CREATE (:Contact {id: 'con_jane', name: 'Jane Doe', nameSort: 'jane doe', email: 'jane@acme.invalid'})-[:WORKS_AT]->(a)""");
    entityIndex.rebuild();
  }

  @Test
  void aQueryTooDeepIsRefusedNamingTheLimit() {
    // account → contacts → account → … nine times: 20 levels, more than the 15 allowed.
    String deep = "{ account(id: \"acc_acme\") { " + "contacts { account { ".repeat(9) + "name" + " } }".repeat(9) + " } }";
    graphQl.document(deep).execute().errors().satisfy(errors ->
        assertThat(errors).extracting(e -> String.valueOf(e.getMessage())).anySatisfy(m -> assertThat(m).containsIgnoringCase("depth")));
  }

  @Test
  void aHugePageIsRefusedNamingTheLimit() {
    graphQl.document("{ accounts(first: 10000) { edges { node { id } } } }").execute().errors()
        .expect(e -> e.getErrorType() == org.springframework.graphql.execution.ErrorType.BAD_REQUEST
            && e.getMessage() != null && e.getMessage().contains("at most 100")).verify();
    graphQl.document("{ accounts(first: 100) { edges { node { id } } } }").execute().path("accounts.edges").entityList(Object.class).hasSize(1);
  }

  @Test
  void tooManyAliasesAreRefusedNamingTheLimit() {
    StringBuilder q = new StringBuilder("{");
    for (int i = 0; i < 31; i++) {
      q.append(" a").append(i).append(": account(id: \"acc_acme\") { name }");
    }
    graphQl.document(q.append(" }").toString()).execute().errors()
        .expect(e -> e.getMessage() != null && e.getMessage().contains("31 aliases") && e.getMessage().contains("max-aliases")).verify();
    // Thirty are fine.
    StringBuilder ok = new StringBuilder("{");
    for (int i = 0; i < 30; i++) {
      ok.append(" a").append(i).append(": account(id: \"acc_acme\") { name }");
    }
    graphQl.document(ok.append(" }").toString()).execute().path("a29.name").entity(String.class).isEqualTo("Acme");
  }

  @Test
  void hostileInputsAreDataNotCode() {
    // Lucene query syntax in a search is searched for, not parsed.
    for (String text : List.of("name:* OR (((\"", "jane~0.1^9 AND -\\", "*:*", "/.*/", "[a TO z]")) {
      graphQl.document("query($t: String!) { search(text: $t) { score node { id } } }").variable("t", text).execute()
          .path("search").entityList(Object.class).satisfies(hits -> assertThat(hits).isNotNull());
    }
    // Cypher in ids and filters is a value that matches nothing.
    for (String id : List.of("acc_acme'}) DETACH DELETE n //", "acc_\" OR 1=1 //", "acc_acme` MATCH (n) DETACH DELETE n")) {
      graphQl.document("query($id: ID!) { account(id: $id) { name } node(id: $id) { id } }").variable("id", id).execute()
          .path("account").valueIsNull().path("node").valueIsNull();
    }
    graphQl.document("query($f: String!) { accounts(first: 5, filter: {nameContains: $f}) { edges { node { id } } } }")
        .variable("f", "') MATCH (n) DETACH DELETE n //").execute()
        .path("accounts.edges").entityList(Object.class).hasSize(0);
    assertThat(count("MATCH (n) WHERE n:Account OR n:Contact RETURN count(n)")).isEqualTo(2);
  }
}
