package io.customergraph.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TimelineQueriesTest extends GraphSupport {

  @BeforeEach
  void fixture() {
    cypher(
        """
        CREATE (a:Account {id: 'acc_1', name: 'Acme', nameSort: 'acme', status: 'CUSTOMER', createdAt: datetime(), updatedAt: datetime()})
        CREATE (jane:Contact {id: 'con_jane', name: 'Jane', nameSort: 'jane', email: 'jane@acme.com'})-[:WORKS_AT]->(a)
        CREATE (joe:Contact {id: 'con_joe', name: 'Joe', nameSort: 'joe', email: 'joe@acme.com'})-[:WORKS_AT]->(a)
        CREATE (jane)-[:SENT]->(:Email {id: 'eml_1', subject: 'Hi', body: '', direction: 'INBOUND', occurredAt: datetime('2026-05-01T10:00:00Z')})
        CREATE (:Email {id: 'eml_2', subject: 'Re: Hi', body: '', direction: 'OUTBOUND', occurredAt: datetime('2026-05-02T10:00:00Z')})-[:TO]->(jane)
        CREATE (jane)-[:PERFORMED]->(:Activity {id: 'act_1', type: 'PAGE_VIEWED', url: '/pricing', occurredAt: datetime('2026-05-03T10:00:00Z')})
        CREATE (jane)-[:JOINED]->(:Call {id: 'cal_1', title: 'Demo', durationSeconds: 1800, direction: 'OUTBOUND', occurredAt: datetime('2026-05-04T10:00:00Z')})
        CREATE (joe)-[:RAISED]->(t:Ticket {id: 'tkt_1', subject: 'Broken', status: 'OPEN', priority: 'HIGH', occurredAt: datetime('2026-05-05T10:00:00Z')})-[:FOR]->(a)
        CREATE (:Invoice {id: 'inv_1', number: 'INV-1', amount: 100.0, currency: 'USD', status: 'OPEN',
                          occurredAt: datetime('2026-04-01T00:00:00Z'), dueAt: datetime('2026-05-01T00:00:00Z')})-[:FOR]->(a)
        CREATE (:Deal {id: 'dea_1', name: 'Acme Pro', nameSort: 'acme pro', stage: 'ENGAGING', currency: 'USD',
                       occurredAt: datetime('2026-03-01T00:00:00Z')})-[:FOR]->(a)
        // Same instant as eml_1: ties are ordered by id, descending.
        CREATE (jane)-[:PERFORMED]->(:Activity {id: 'act_0', type: 'EMAIL_OPENED', occurredAt: datetime('2026-05-01T10:00:00Z')})
        """);
  }

  @Test
  void contactTimelineIsNewestFirstWithTiesBrokenById() {
    graphQl.documentName("contactTimeline").variable("id", "con_jane").variable("first", 10).execute()
        .path("contact.timeline.edges[*].node.id").entityList(String.class)
        .containsExactly("cal_1", "act_1", "eml_2", "eml_1", "act_0");
  }

  @Test
  void accountTimelineHasEveryKindAndPagesWithoutGapsOrRepeats() {
    List<String> all = new ArrayList<>();
    String after = null;
    boolean more = true;
    while (more) {
      var response = graphQl.documentName("accountTimeline").variable("id", "acc_1").variable("first", 3).variable("after", after).execute();
      all.addAll(response.path("account.timeline.edges[*].node.id").entityList(String.class).get());
      more = response.path("account.timeline.pageInfo.hasNextPage").entity(Boolean.class).get();
      after = response.path("account.timeline.pageInfo.endCursor").entity(String.class).get();
    }
    assertThat(all).containsExactly("tkt_1", "cal_1", "act_1", "eml_2", "eml_1", "act_0", "inv_1", "dea_1");
  }

  @Test
  void kindsFilterNarrowsTheTimeline() {
    graphQl.documentName("accountTimeline").variable("id", "acc_1").variable("kinds", List.of("EMAIL", "INVOICE")).execute()
        .path("account.timeline.edges[*].node.__typename").entityList(String.class).containsExactly("Email", "Email", "Invoice");
  }

  @Test
  void unpaidInvoicePastDueReadsAsOverdue() {
    graphQl.documentName("accountTimeline").variable("id", "acc_1").variable("kinds", List.of("INVOICE")).execute()
        .path("account.timeline.edges[0].node.status").entity(String.class).isEqualTo("OVERDUE");
  }
}
