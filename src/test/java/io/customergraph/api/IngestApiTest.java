package io.customergraph.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import org.junit.jupiter.api.Test;

class IngestApiTest extends GraphSupport {

  private static final String BROKEN_ROW = "Acme,retail,120,surplus";
  private static final String HEADER = "account,sector,employees";

  @Test
  void singleRecordIsIngestedOrQuarantinedWithItsReason() {
    graphQl.document("mutation($p: String!) { ingestRecord(kind: EMAIL, payload: $p) { outcome reason } }")
        .variable("p", "Message-ID: <x1@example.invalid>\nDate: Tue, 3 Mar 2026 10:00:00 +0000\nFrom: Ann <ann@acme.example>\nTo: bob@globex.example\nSubject: Hi\n\nHello Bob.\n")
        .execute()
        .path("ingestRecord.outcome").entity(String.class).isEqualTo("INGESTED")
        .path("ingestRecord.reason").valueIsNull();
    graphQl.document("mutation($p: String!, $m: String) { ingestRecord(kind: ACCOUNT, payload: $p, metadata: $m) { outcome reason } }")
        .variable("p", BROKEN_ROW).variable("m", HEADER)
        .execute()
        .path("ingestRecord.outcome").entity(String.class).isEqualTo("QUARANTINED")
        .path("ingestRecord.reason").entity(String.class).satisfies(r -> assertThat(r).startsWith("row has 4 columns but the header has 3"));
  }

  @Test
  void quarantinedRecordIsListedAndIngestedAfterAPersonFixesIt() {
    graphQl.document("mutation($p: String!, $m: String) { ingestRecord(kind: ACCOUNT, payload: $p, metadata: $m) { outcome } }")
        .variable("p", BROKEN_ROW).variable("m", HEADER).execute();
    var page = graphQl.document("{ quarantine(kind: ACCOUNT) { totalCount edges { node { id kind reason payload position } } } }").execute();
    page.path("quarantine.totalCount").entity(Integer.class).isEqualTo(1);
    page.path("quarantine.edges[0].node.kind").entity(String.class).isEqualTo("ACCOUNT");
    page.path("quarantine.edges[0].node.payload").entity(String.class).isEqualTo(BROKEN_ROW);
    String id = page.path("quarantine.edges[0].node.id").entity(String.class).get();

    graphQl.document("mutation($id: ID!) { retryQuarantined(id: $id) { ingested reason } }").variable("id", id).execute()
        .path("retryQuarantined.ingested").entity(Boolean.class).isEqualTo(false);
    graphQl.document("mutation($id: ID!, $p: String) { retryQuarantined(id: $id, payload: $p) { ingested reason sourceRecordId } }")
        .variable("id", id).variable("p", "Acme,retail,120").execute()
        .path("retryQuarantined.ingested").entity(Boolean.class).isEqualTo(true);

    graphQl.document("{ quarantine { totalCount } }").execute().path("quarantine.totalCount").entity(Integer.class).isEqualTo(0);
    assertThat(count("MATCH (a:Account {name: 'Acme', industry: 'retail', employees: 120}) RETURN count(a)")).isEqualTo(1);
    assertThat(count("MATCH (:SourceRecord {status: 'RESOLVED'})-[:RETRIED_AS]->(:SourceRecord {status: 'INGESTED'})-[:PRODUCED]->(:Account) RETURN count(*)"))
        .as("the quarantined record is kept and points at what replaced it").isEqualTo(1);
  }

  @Test
  void unknownJobIsNull() {
    graphQl.document("{ ingestJob(id: \"job_nope\") { id } }").execute().path("ingestJob").valueIsNull();
  }
}
