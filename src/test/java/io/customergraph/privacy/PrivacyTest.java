package io.customergraph.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import io.customergraph.resolve.EntityKind;
import io.customergraph.resolve.Resolver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Export and erasure of one person, on a graph where they wrote, were written to, bought, were scored and merged. */
class PrivacyTest extends GraphSupport {

  @Autowired Privacy privacy;
  @Autowired Resolver resolver;

  /** Phillip Allen (two records merged), his own email, one to him that names him, an invoice, an activity, a score. */
  @BeforeEach
  void phillip() {
    cypher(
        """
        CREATE (a:Account {id: 'acc_enron', name: 'Enron', domain: 'enron.invalid'})
        CREATE (p:Contact {id: 'con_pa', name: 'Allen, Phillip K.', email: 'phillip.allen@enron.invalid', emails: ['phillip.allen@enron.invalid', 'k..allen@enron.invalid'],
                           phone: '+17135550100', nameVariants: ['Phillip K Allen'], title: 'Trader'})-[:WORKS_AT]->(a)
        CREATE (m:MergedContact {id: 'con_pa2', name: 'Phillip Allen', email: 'k..allen@enron.invalid'})-[:SAME_AS {status: 'INFERRED'}]->(p)
        CREATE (:Alias {key: 'email:phillip.allen@enron.invalid'})-[:ALIAS_OF]->(p)
        CREATE (:Alias {key: 'id:con_pa2'})-[:ALIAS_OF]->(p)
        CREATE (j:Contact {id: 'con_jd', name: 'John Doe', email: 'jd@enron.invalid'})-[:WORKS_AT]->(a)
        CREATE (p)-[:SENT]->(own:Email {id: 'eml_own', subject: 'Gas positions', body: 'I am not happy with these numbers. Phillip', direction: 'INBOUND',
                                        occurredAt: datetime() - duration('P3D')})-[:TO]->(j)
        CREATE (own)-[:TAGGED {span: 'not happy', field: 'body'}]->(:Tag {id: 'tag_frustration', name: 'FRUSTRATION'})
        CREATE (j)-[:SENT]->(other:Email {id: 'eml_other', subject: 'For Phillip Allen', direction: 'OUTBOUND', occurredAt: datetime() - duration('P2D'),
                                          body: 'Hi Phillip Allen, reach me or write to phillip.allen@enron.invalid and k..allen@enron.invalid. Call +17135550100. Regards, John'})-[:TO]->(p)
        CREATE (other)-[:TAGGED {span: 'Phillip Allen, reach me', field: 'body'}]->(:Tag {id: 'tag_meeting', name: 'MEETING'})
        CREATE (j)-[:SENT]->(:Email {id: 'eml_greeting', subject: 'Numbers', direction: 'OUTBOUND', occurredAt: datetime() - duration('P1D'),
                                     body: 'Hi Phillip,\nthe ALLEN desk numbers are in; will send the rest. John'})-[:TO]->(p)
        CREATE (p)-[:PERFORMED]->(:Activity {id: 'act_pa', type: 'PAGE_VIEWED', url: 'https://x.invalid/pricing', occurredAt: datetime() - duration('P1D')})
        CREATE (:Invoice {id: 'inv_pa', number: 'INV-7', amount: 100.0, occurredAt: datetime() - duration('P40D')})-[:BILLED_TO]->(p)
        CREATE (s:SourceRecord {id: 'src_pa', key: 'contact:pa', source: 'crm', sourceId: 'row-7', payload: 'Allen, Phillip K.;phillip.allen@enron.invalid'})-[:PRODUCED]->(p)
        CREATE (:Score {id: 'LEAD_PRIORITY:con_pa', kind: 'LEAD_PRIORITY', entityId: 'con_pa', probability: 0.8})
        """);
    entityIndex.rebuild();
  }

  /** Nodes (or relationships) any of whose properties, lists included, mention the text. */
  private long mentioning(String pattern, String text) {
    return count("MATCH " + pattern + " WHERE any(k IN keys(x) WHERE toLower(reduce(s = '', v IN CASE WHEN x[k] IS :: LIST<ANY> THEN x[k] ELSE [x[k]] END | s + ' ' + toString(v))) CONTAINS '"
        + text + "') RETURN count(*)");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anExportHoldsEverythingAboutThePerson() {
    // Issue #19.4: what the export left out — audit events about him, tags found in his words, consent history,
    // score history, every address among his identity keys.
    graphQl.document("mutation { setConsent(contactId: \"con_pa\", purpose: \"marketing\", granted: false) { __typename } }").execute();
    cypher("MATCH (s:Score {id: 'LEAD_PRIORITY:con_pa'}) SET s.historyDays = ['2026-12-01', '2026-12-02'], s.historyValues = [0.7, 0.8]");
    graphQl.document("{ contact(id: \"con_pa\") { name } }").execute();
    audit.flush();
    Map<String, Object> export = graphQl.document("query($id: ID!) { exportPersonalData(contactId: $id) }").variable("id", "con_pa").execute()
        .path("exportPersonalData").entity(Map.class).get();
    String json = export.toString();
    assertThat(json).contains("phillip.allen@enron.invalid", "k..allen@enron.invalid", "Gas positions", "For Phillip Allen", "INV-7",
        "https://x.invalid/pricing", "email:phillip.allen@enron.invalid", "src_pa", "LEAD_PRIORITY");
    assertThat((List<String>) export.get("emailAddresses")).containsExactly("k..allen@enron.invalid", "phillip.allen@enron.invalid");
    assertThat((List<String>) export.get("identityKeys")).contains("email:phillip.allen@enron.invalid", "id:con_pa", "id:con_pa2");
    assertThat((List<Map<String, Object>>) export.get("tagsInTheirWords")).singleElement()
        .satisfies(t -> assertThat(t).containsEntry("interaction", "eml_own").containsEntry("tag", "FRUSTRATION").containsEntry("span", "not happy"));
    assertThat((List<String>) export.get("consentHistory")).singleElement().satisfies(c -> assertThat(c).startsWith("marketing=false@"));
    assertThat((List<Map<String, Object>>) export.get("scoreHistory")).singleElement()
        .satisfies(h -> assertThat((List<Object>) h.get("probabilities")).containsExactly(0.7, 0.8));
    assertThat((List<Map<String, Object>>) export.get("auditEvents")).isNotEmpty()
        .allSatisfy(e -> assertThat(e).containsKeys("at", "callerName", "operation", "fields"));
    graphQl.document("query { exportPersonalData(contactId: \"con_nobody\") }").execute().path("exportPersonalData").valueIsNull();
  }

  @Test
  void erasureRemovesThePersonEverywhereAndLeavesARecordWithoutPersonalData() {
    Privacy.Erasure e = privacy.erase("con_pa");

    assertThat(e.status()).isEqualTo("DONE");
    assertThat(e.counts()).containsEntry("ownMessagesErased", 1L).containsEntry("invoicesPseudonymised", 1L).containsEntry("sourceRecordsStripped", 1L);
    // Nothing in the graph still carries his name, addresses or number — nodes or relationships.
    for (String trace : List.of("phillip", "allen", "5550100")) {
      assertThat(mentioning("(x)", trace)).as("nodes mentioning " + trace).isZero();
      assertThat(mentioning("()-[x]->()", trace)).as("relationships mentioning " + trace).isZero();
    }
    assertThat(count("MATCH (n) WHERE n.id IN ['con_pa', 'con_pa2', 'act_pa'] OR n:Score RETURN count(n)")).isZero();
    // Others' records stay, redacted; the invoice stays for legal retention, unlinked.
    assertThat(neo4j.query("MATCH (e:Email {id: 'eml_other'}) RETURN e.body").fetchAs(String.class).one().orElseThrow())
        .isEqualTo("Hi [erased], reach me or write to [erased] and [erased]. Call [erased]. Regards, John");
    assertThat(neo4j.query("MATCH (e:Email {id: 'eml_own'}) RETURN e.body").fetchAs(String.class).one().orElseThrow()).isEqualTo("[erased]");
    // Issue #19.3: his first name alone, as a rep greets him, went unredacted. Name words go where written as names
    // (capitalised or in capitals), whole words only.
    assertThat(neo4j.query("MATCH (e:Email {id: 'eml_greeting'}) RETURN e.body").fetchAs(String.class).one().orElseThrow())
        .isEqualTo("Hi [erased],\nthe [erased] desk numbers are in; will send the rest. John");
    assertThat(count("MATCH (i:Invoice {id: 'inv_pa'}) WHERE NOT (i)-[:BILLED_TO]->() RETURN count(i)")).isEqualTo(1);
    assertThat(count("MATCH (c:Contact {id: 'con_jd'}) RETURN count(c)")).isEqualTo(1);
    // The candidate index has forgotten him.
    assertThat(resolver.search("Phillip Allen", List.of(EntityKind.CONTACT), 10)).extracting(Resolver.Hit::id).doesNotContain("con_pa", "con_pa2");
    // The record: a one-way key, times and counts.
    String record = graphQl.document("query($id: ID!) { erasure(contactId: $id) { id status requestedAt completedAt counts } }")
        .variable("id", "con_pa").execute().path("erasure.status").entity(String.class).isEqualTo("DONE")
        .path("erasure").entity(Object.class).get().toString();
    assertThat(record.toLowerCase()).doesNotContain("phillip").doesNotContain("con_pa");
    // The id merged into him finds the same record (issue #19.3: it answered null).
    graphQl.document("query($id: ID!) { erasure(contactId: $id) { status } }").variable("id", "con_pa2").execute()
        .path("erasure.status").entity(String.class).isEqualTo("DONE");
    // Asking again changes nothing and answers the same.
    assertThat(privacy.erase("con_pa")).isEqualTo(e);
    graphQl.document("mutation { erasePerson(contactId: \"con_unknown\") { __typename ... on ErasureRefused { code } } }").execute()
        .path("erasePerson.code").entity(String.class).isEqualTo("NOT_FOUND");
  }

  @Test
  void anErasureInterruptedByACrashIsFinishedAtTheNextStart() {
    // As if the service died after recording the erasure and erasing his own message.
    neo4j.query("CREATE (:Erasure {id: $s, subject: $s, status: 'IN_PROGRESS', requestedAt: datetime(), contactId: 'con_pa'})")
        .bind(Privacy.subjectOf("con_pa")).to("s").run();
    cypher("MATCH (e:Email {id: 'eml_own'}) SET e.body = '[erased]'");

    privacy.run(null);

    assertThat(privacy.erasureOf("con_pa")).get().extracting(Privacy.Erasure::status).isEqualTo("DONE");
    assertThat(mentioning("(x)", "phillip")).isZero();
    assertThat(count("MATCH (e:Erasure) WHERE e.contactId IS NOT NULL RETURN count(e)")).isZero();
  }
}
