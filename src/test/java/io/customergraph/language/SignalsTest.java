package io.customergraph.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import io.customergraph.ingest.IngestKind;
import io.customergraph.ingest.IngestWriter;
import io.customergraph.ingest.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Tags are written on ingest with spans into the stored text, shown over GraphQL, and recomputed exactly. */
class SignalsTest extends GraphSupport {

  @Autowired IngestWriter writer;
  @Autowired Signals signals;

  private static final String EMAIL = """
      Message-ID: <sig-1@example.invalid>
      Date: Tue, 3 Mar 2026 10:00:00 +0000
      From: Ann Roe <ann@acme.example>
      To: rep@ourco.example
      Subject: Renewal

      This is the third time the export failed and we are very frustrated.
      Our budget has been frozen, and we are also evaluating Salesfroce.

      Ann
      """;

  @Test
  void ingestedEmailCarriesTagsWhoseSpansPointIntoItsText() {
    cypher("CREATE (:Competitor {id: 'cmp_sf', name: 'Salesforce', aliases: ['SFDC']})");
    signals.refreshCompetitors();
    writer.write(List.of(new RawRecord(IngestKind.EMAIL, "test", "test", EMAIL.getBytes(StandardCharsets.UTF_8), null)));

    List<Map<String, Object>> tags = neo4j.query("""
        MATCH (e:Email)-[r:TAGGED|MENTIONS]->(x)
        RETURN coalesce(x.name, '') AS name, type(r) AS type, r.span AS span, substring(e.body, r.start, r.end - r.start) AS inBody
        ORDER BY r.start""").fetch().all().stream().toList();
    assertThat(tags).allSatisfy(t -> assertThat(t.get("inBody")).isEqualTo(t.get("span")));
    assertThat(tags).extracting(t -> t.get("name")).contains("FRUSTRATION", "BUDGET", "Salesforce");
    assertThat(tags).anySatisfy(t -> assertThat(t).containsEntry("type", "MENTIONS").containsEntry("span", "Salesfroce"));

    graphQl.document("{ contacts(filter: {email: \"ann@acme.example\"}) { edges { node { timeline { edges { node { ... on Email { tags { name span field version } } } } } } } } }")
        .execute()
        .path("contacts.edges[0].node.timeline.edges[0].node.tags[*].name").entityList(String.class).contains("FRUSTRATION", "BUDGET", "COMPETITOR")
        .path("contacts.edges[0].node.timeline.edges[0].node.tags[0].version").entity(String.class).isEqualTo(Tagger.VERSION);
  }

  private static final String NEWSLETTER = """
      Message-ID: <list-1@example.invalid>
      Date: Tue, 3 Mar 2026 11:00:00 +0000
      From: News <news@lists.example>
      To: ann@acme.example
      Subject: Weekly digest
      List-Id: <digest.lists.example>

      Readers are really frustrated with the constant outages, and fed up with the delays.
      """;

  private static final String PASTED = """
      Message-ID: <news-1@example.invalid>
      Date: Tue, 3 Mar 2026 12:00:00 +0000
      From: Ann Roe <ann@acme.example>
      To: rep@ourco.example
      Subject: FW: outage story

      Please read this before our call.

      HOUSTON (Reuters) - Customers of the utility said they were frustrated and fed up with the third outage this month,
      and several said the service was unacceptable after waiting for hours without power on Monday.

      Copyright 2026 Reuters Limited. All rights reserved.
      """;

  @Test
  void listMailAndAPastedNewsStoryCarryNoTagsAndShowTheirSegments() {
    writer.write(List.of(new RawRecord(IngestKind.EMAIL, "test", "test", NEWSLETTER.getBytes(StandardCharsets.UTF_8), null),
        new RawRecord(IngestKind.EMAIL, "test", "test", PASTED.getBytes(StandardCharsets.UTF_8), null)));

    assertThat(neo4j.query("MATCH (e:Email)-[r:TAGGED]->(t:Tag) RETURN e.subject + ': ' + t.name").fetchAs(String.class).all())
        .as("frustration in list mail and in a pasted story is nobody's complaint to us").isEmpty();
    String body = neo4j.query("MATCH (e:Email {subject: 'FW: outage story'}) RETURN e.body").fetchAs(String.class).one().orElseThrow();
    graphQl.document("{ contacts(filter: {email: \"ann@acme.example\"}) { edges { node { timeline { edges { node { ... on Email { subject listMail segments { kind field start end } } } } } } } } }")
        .execute()
        .path("contacts.edges[0].node.timeline.edges[?(@.node.subject == 'Weekly digest')].node.segments[*].kind").entityList(String.class).containsExactly("LIST")
        .path("contacts.edges[0].node.timeline.edges[?(@.node.subject == 'Weekly digest')].node.listMail").entityList(Boolean.class).containsExactly(true)
        .path("contacts.edges[0].node.timeline.edges[?(@.node.subject == 'FW: outage story')].node.segments[*].kind").entityList(String.class)
        .containsExactly("OWN", "NEWS")
        .path("contacts.edges[0].node.timeline.edges[?(@.node.subject == 'FW: outage story')].node.segments[1].start").entityList(Integer.class)
        .containsExactly(body.indexOf("HOUSTON"));

    // Tagged again from the stored text (as after a rule change), still none.
    signals.recomputeAll();
    assertThat(neo4j.query("MATCH (:Email)-[r:TAGGED]->(:Tag) RETURN count(r)").fetchAs(Long.class).one()).contains(0L);
  }

  @Test
  void accountSignalsAggregateTheEvidenceAndOurOwnEmailsOnlyCountCompetitors() {
    writer.write(List.of(new RawRecord(IngestKind.EMAIL, "test", "test", EMAIL.getBytes(StandardCharsets.UTF_8), null)));
    String account = neo4j.query("MATCH (a:Account {domain: 'acme.example'}) RETURN a.id").fetchAs(String.class).one().orElseThrow();
    graphQl.document("query($id: ID!) { signals(accountId: $id) { name count evidence { kind span field } } }").variable("id", account).execute()
        .path("signals[*].name").entityList(String.class).contains("FRUSTRATION", "BUDGET")
        .path("signals[?(@.name == 'BUDGET')].evidence[0].span").entityList(String.class).containsExactly("budget has been frozen");
    graphQl.document("query($id: ID!) { signals(accountId: $id, since: \"2027-01-01T00:00:00Z\") { name } }").variable("id", account).execute()
        .path("signals").entityList(Object.class).hasSize(0);
    signals.tag(List.of(new Signals.Text("Email", neo4j.query("MATCH (e:Email) RETURN e.id").fetchAs(String.class).one().orElseThrow(), "body",
        "We are very frustrated that our budget has been frozen; unlike Salesforce we can wait.", true)));
    assertThat(neo4j.query("MATCH (:Email)-[r:TAGGED|MENTIONS]->(x) RETURN type(r) AS t").fetchAs(String.class).all())
        .as("in our own words only competitor mentions count").allMatch("MENTIONS"::equals);
  }

  @Test
  void recomputingGivesTheSameTagsAgain() {
    writer.write(List.of(new RawRecord(IngestKind.EMAIL, "test", "test", EMAIL.getBytes(StandardCharsets.UTF_8), null)));
    long before = count("MATCH ()-[r:TAGGED|MENTIONS]->() RETURN count(r)");
    assertThat(before).isPositive();
    graphQl.document("mutation { recomputeTags }").execute().path("recomputeTags").entity(Integer.class).isEqualTo(1);
    assertThat(count("MATCH ()-[r:TAGGED|MENTIONS]->() RETURN count(r)")).isEqualTo(before);
  }

  @Test
  void aGraphTaggedByOtherRulesIsTaggedAgainOnceAndThenRemembersTheseRules() {
    writer.write(List.of(new RawRecord(IngestKind.EMAIL, "test", "test", EMAIL.getBytes(StandardCharsets.UTF_8), null)));
    long tags = count("MATCH ()-[r:TAGGED|MENTIONS]->() RETURN count(r)");
    assertThat(signals.taggedByOtherRules()).as("tagged by these rules on ingest").isFalse();
    // As a graph tagged by an older release looks: older versions on the tags, one tag the new rules would not give.
    cypher("MATCH ()-[r:TAGGED|MENTIONS]->() SET r.version = 'rules-0'");
    cypher("MATCH (e:Email) MERGE (t:Tag {id: 'tag_PRICING'}) ON CREATE SET t.name = 'PRICING' CREATE (e)-[:TAGGED {field: 'body', start: 0, end: 4, span: 'This', confidence: 0.9, version: 'rules-0'}]->(t)");
    assertThat(signals.taggedByOtherRules()).isTrue();
    assertThat(signals.retagIfRulesChanged()).isEqualTo(1);
    assertThat(count("MATCH ()-[r:TAGGED|MENTIONS]->() RETURN count(r)")).isEqualTo(tags);
    assertThat(count("MATCH ()-[r:TAGGED|MENTIONS]->() WHERE r.version <> '" + Tagger.VERSION + "' RETURN count(r)")).isZero();
    assertThat(signals.taggedByOtherRules()).isFalse();
    assertThat(signals.retagIfRulesChanged()).as("nothing to do the second time").isZero();
    // A graph whose recorded rules are older is tagged again even where no tag carries a version.
    cypher("MATCH (r:TagRules) SET r.version = 'rules-0'");
    assertThat(signals.taggedByOtherRules()).isTrue();
  }
}
