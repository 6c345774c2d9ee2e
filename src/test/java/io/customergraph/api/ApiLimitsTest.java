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
  void longSearchTextsAndStringArgumentsAreRefusedNamingTheLimit() {
    // 100 KB of search text took 27 s, and 100 KB of words failed inside Lucene (issue #18).
    String hundredKb = "jane doe acme ".repeat(7500);
    long started = System.nanoTime();
    graphQl.document("query($t: String!) { search(text: $t) { score } }").variable("t", hundredKb).execute()
        .errors().expect(e -> e.getErrorType() == org.springframework.graphql.execution.ErrorType.BAD_REQUEST
            && e.getMessage() != null && e.getMessage().contains("at most 200") && e.getMessage().contains("max-search-text")).verify();
    assertThat((System.nanoTime() - started) / 1_000_000).as("refused before any search, ms").isLessThan(5_000);
    // Within 200 characters, a soup of words is refused by its word count, not failed by Lucene's clause limit.
    graphQl.document("query($t: String!) { search(text: $t) { score } }").variable("t", "a b c d e f g h i j k l m n o p q r s t u v w x y z ".repeat(3)).execute()
        .errors().expect(e -> e.getErrorType() == org.springframework.graphql.execution.ErrorType.BAD_REQUEST
            && e.getMessage() != null && e.getMessage().contains("at most 12 are searched")).verify();
    graphQl.document("query($t: String!) { search(text: $t) { node { id } } }").variable("t", "Jane Doe").execute()
        .path("search[*].node.id").entityList(String.class).contains("con_jane");
    // Any other string argument: 10,000 characters (a field that may be null fails alone; the rest is answered).
    var answer = graphQl.document("query($n: ID!) { node(id: $n) { id } account(id: \"acc_acme\") { name } }").variable("n", "x".repeat(10_001)).execute();
    answer.errors().expect(e -> e.getErrorType() == org.springframework.graphql.execution.ErrorType.BAD_REQUEST
        && e.getMessage() != null && e.getMessage().contains("10001 characters") && e.getMessage().contains("max-string-argument")).verify();
    answer.path("account.name").entity(String.class).isEqualTo("Acme");
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
