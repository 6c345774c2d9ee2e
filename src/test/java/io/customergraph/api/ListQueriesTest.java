package io.customergraph.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;

class ListQueriesTest extends GraphSupport {

  /** 105 accounts named "Company 000" … "Company 104", in a shuffled order of creation. */
  private void hundredAndFiveAccounts() {
    cypher(
        """
        UNWIND range(0, 104) AS i
        WITH i, (i * 37) % 105 AS j
        CREATE (:Account {id: 'acc_' + j, name: 'Company ' + right('00' + toString(j), 3),
                          nameSort: 'company ' + right('00' + toString(j), 3), status: 'PROSPECT',
                          createdAt: datetime(), updatedAt: datetime(), owner: CASE WHEN j % 2 = 0 THEN 'Even' ELSE 'Odd' END})
        """);
  }

  @Test
  void pagesCoverEveryAccountOnceInNameOrder() {
    hundredAndFiveAccounts();
    List<String> seen = new ArrayList<>();
    String after = null;
    int pages = 0;
    boolean more = true;
    while (more) {
      var response = graphQl.documentName("accountsPage").variable("first", 40).variable("after", after).execute();
      seen.addAll(response.path("accounts.edges[*].node.name").entityList(String.class).get());
      more = response.path("accounts.pageInfo.hasNextPage").entity(Boolean.class).get();
      after = response.path("accounts.pageInfo.endCursor").entity(String.class).get();
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(105).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void rowsAddedBeforeTheCursorDoNotShiftTheNextPage() {
    hundredAndFiveAccounts();
    var firstPage = graphQl.documentName("accountsPage").variable("first", 10).execute();
    String cursor = firstPage.path("accounts.pageInfo.endCursor").entity(String.class).get();
    List<String> expected =
        graphQl.documentName("accountsPage").variable("first", 10).variable("after", cursor).execute()
            .path("accounts.edges[*].node.name").entityList(String.class).get();
    cypher("CREATE (:Account {id: 'acc_new', name: 'AAA First', nameSort: 'aaa first', status: 'PROSPECT', createdAt: datetime(), updatedAt: datetime()})");
    graphQl.documentName("accountsPage").variable("first", 10).variable("after", cursor).execute()
        .path("accounts.edges[*].node.name").entityList(String.class).containsExactly(expected.toArray(String[]::new));
  }

  @Test
  void aPageHoldsAtMostOneHundredAndMoreIsRefused() {
    hundredAndFiveAccounts();
    graphQl.documentName("accountsPage").variable("first", 100).execute()
        .path("accounts.edges").entityList(Object.class).hasSize(100)
        .path("accounts.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
    graphQl.documentName("accountsPage").variable("first", 5000).execute()
        .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().contains("first must be at most 100")).verify();
  }

  @Test
  void nonPositivePageSizeAndForeignCursorsAreBadRequests() {
    graphQl.documentName("accountsPage").variable("first", 0).execute()
        .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().contains("first must be at least 1"));
    graphQl.documentName("accountsPage").variable("first", 5).variable("after", "bm90IGEgY3Vyc29y").execute()
        .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith("Invalid cursor"));
  }

  @Test
  void filtersCombine() {
    hundredAndFiveAccounts();
    graphQl.documentName("accountsPage").variable("first", 100)
        .variable("filter", Map.of("nameContains", "COMPANY 01", "owner", "Even"))
        .execute()
        .path("accounts.edges[*].node.name").entityList(String.class)
        .containsExactly("Company 010", "Company 012", "Company 014", "Company 016", "Company 018");
    graphQl.document("{ accounts(filter: {owner: \"Odd\"}) { totalCount } }").execute()
        .path("accounts.totalCount").entity(Integer.class).isEqualTo(52);
  }

  @Test
  void dealsListNewestFirstAndFilterByOutcome() {
    cypher(
        """
        CREATE (a:Account {id: 'acc_1', name: 'A', nameSort: 'a', status: 'CUSTOMER', createdAt: datetime(), updatedAt: datetime()})
        WITH a UNWIND range(1, 6) AS i
        CREATE (:Deal {id: 'dea_' + i, name: 'Deal ' + i, nameSort: 'deal ' + i, currency: 'USD',
                       stage: CASE WHEN i % 3 = 0 THEN 'WON' WHEN i % 3 = 1 THEN 'LOST' ELSE 'ENGAGING' END,
                       occurredAt: datetime('2026-01-01T00:00:00Z') + duration({days: i})})-[:FOR]->(a)
        """);
    graphQl.document("{ deals(first: 10) { edges { node { id } } } }").execute()
        .path("deals.edges[*].node.id").entityList(String.class).containsExactly("dea_6", "dea_5", "dea_4", "dea_3", "dea_2", "dea_1");
    graphQl.document("{ deals(filter: {outcome: OPEN}) { totalCount edges { node { id stage account { id } } } } }").execute()
        .path("deals.totalCount").entity(Integer.class).isEqualTo(2)
        .path("deals.edges[*].node.account.id").entityList(String.class).containsExactly("acc_1", "acc_1");
  }

  @Test
  void contactsFilterByEmailDomainAndAccount() {
    cypher(
        """
        CREATE (a:Account {id: 'acc_1', name: 'A', nameSort: 'a', status: 'CUSTOMER', createdAt: datetime(), updatedAt: datetime()})
        CREATE (b:Account {id: 'acc_2', name: 'B', nameSort: 'b', status: 'CUSTOMER', createdAt: datetime(), updatedAt: datetime()})
        CREATE (:Contact {id: 'con_1', name: 'Ann', nameSort: 'ann', email: 'ann@a.com', title: 'VP Sales'})-[:WORKS_AT]->(a)
        CREATE (:Contact {id: 'con_2', name: 'Bob', nameSort: 'bob', email: 'bob@b.com', title: 'Engineer'})-[:WORKS_AT]->(b)
        CREATE (:Contact {id: 'con_3', name: 'Cid', nameSort: 'cid', email: 'cid@a.com', title: 'Sales Manager'})-[:WORKS_AT]->(a)
        """);
    graphQl.document("{ contacts(filter: {domain: \"A.com\", titleContains: \"sales\"}) { edges { node { id account { id } } } } }").execute()
        .path("contacts.edges[*].node.id").entityList(String.class).containsExactly("con_1", "con_3");
    graphQl.document("{ contacts(filter: {accountId: \"acc_2\"}) { totalCount edges { node { name } } } }").execute()
        .path("contacts.edges[*].node.name").entityList(String.class).containsExactly("Bob");
  }

  @Test
  void nodeResolvesAnyKindByIdAndUnknownIdsToNull() {
    cypher(
        """
        CREATE (:Account {id: 'acc_1', name: 'A', nameSort: 'a', status: 'CUSTOMER', createdAt: datetime(), updatedAt: datetime()})
        CREATE (:Competitor {id: 'cmp_1', name: 'HubSpot', aliases: ['Hubspot CRM']})
        CREATE (:Email {id: 'eml_1', subject: 'Hello', body: 'Hi', direction: 'INBOUND', occurredAt: datetime()})
        """);
    graphQl.documentName("node").variable("id", "acc_1").execute().path("node.__typename").entity(String.class).isEqualTo("Account");
    graphQl.documentName("node").variable("id", "cmp_1").execute().path("node.aliases").entityList(String.class).containsExactly("Hubspot CRM");
    graphQl.documentName("node").variable("id", "eml_1").execute().path("node.subject").entity(String.class).isEqualTo("Hello");
    graphQl.documentName("node").variable("id", "acc_missing").execute().path("node").valueIsNull();
    graphQl.documentName("node").variable("id", "no-prefix").execute().path("node").valueIsNull();
  }
}
