package io.customergraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import io.customergraph.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

class SourcesIngestTest extends GraphSupport {

  @Autowired Importer importer;

  private Importer.Summary run(IngestKind kind, Path... paths) {
    return importer.importFiles(kind, List.of(paths), Map.of(), p -> {});
  }

  @Test
  void bothWebVttTranscriptsIngestWithSpeakerChangesAndEntitiesDecoded() {
    Importer.Summary s = run(IngestKind.CALL, TestData.path("transcripts"));
    assertThat(s.outcome().ingested()).isEqualTo(2);
    assertThat(s.outcome().quarantined()).isZero();
    Map<String, Object> fake =
        neo4j.query("MATCH (c:Call) WHERE c.title CONTAINS 'fake_caption' RETURN c.transcript AS t, c.turns AS turns, c.durationSeconds AS d")
            .fetch().one().orElseThrow();
    assertThat((String) fake.get("t")).contains("GOOD MORNING").doesNotContain("&gt;").doesNotContain(">>");
    assertThat((Long) fake.get("turns")).isGreaterThan(1);
    assertThat((Long) fake.get("d")).isPositive();
  }

  @Test
  void theEn16931ExamplesIngestAndAReusedNumberUpdatesInPlace() {
    Importer.Summary s = run(IngestKind.INVOICE, TestData.path("invoices/ubl"));
    // Two of the five examples (the guide's and TC 434's example 1) are invoice 12115118 of the same seller: an
    // invoice is its number, seller and type, so the five documents are four invoices and credit notes, the later
    // file updating the earlier in place.
    assertThat(s.outcome().total()).isEqualTo(5);
    assertThat(s.outcome().quarantined()).isZero();
    assertThat(s.outcome().ingested()).isEqualTo(4);
    assertThat(s.outcome().updated()).isEqualTo(1);
    assertInvoicesLinkedAndComplete(4, 1);
  }

  @Test
  void everySharedUblExampleIngestsAndReusedNumbersUpdateInPlace() {
    Path peppol = TestData.sharedOnly("invoices/ubl", "the Peppol BIS examples among them carry no licence to copy them here");
    Importer.Summary s = run(IngestKind.INVOICE, peppol);
    // The examples reuse numbers: invoice Snippet1 of one seller in four files (sales-order-example.xml is an invoice
    // that references an order), Vat-Z and 12115118 in two each. An invoice is its number, seller and type, so the
    // 14 documents are 9 invoices and credit notes, later files updating earlier ones in place.
    assertThat(s.outcome().total()).isEqualTo(14);
    assertThat(s.outcome().quarantined()).isZero();
    assertThat(s.outcome().ingested()).isEqualTo(9);
    assertThat(s.outcome().updated()).isEqualTo(5);
    assertInvoicesLinkedAndComplete(9, 2);
  }

  private void assertInvoicesLinkedAndComplete(long invoices, long creditNotesAtLeast) {
    assertThat(count("MATCH (i:Invoice)-[:FOR]->(:Account) RETURN count(i)")).isEqualTo(invoices);
    assertThat(count("MATCH (i:Invoice) RETURN count(i)")).isEqualTo(invoices);
    assertThat(count("MATCH (i:Invoice {type: 'CREDIT_NOTE'}) RETURN count(i)")).isGreaterThanOrEqualTo(creditNotesAtLeast);
    graphQl.document("{ accounts(first: 100) { edges { node { timeline(kinds: [INVOICE]) { edges { node { ... on Invoice { type seller currency } } } } } } } }")
        .execute()
        .path("accounts.edges[*].node.timeline.edges[*].node.type").entityList(String.class).contains("INVOICE", "CREDIT_NOTE");
    assertThat(count("MATCH (i:Invoice) WHERE i.amount IS NULL OR i.currency IS NULL OR i.dueAt IS NULL RETURN count(i)")).isZero();
  }

  @Test
  void crmPipelineImportsAccountsAgentsProductsAndDeals() {
    assertThat(run(IngestKind.ACCOUNT, TestData.path("crm/accounts.csv")).outcome().ingested()).isEqualTo(85);
    assertThat(run(IngestKind.REP, TestData.path("crm/sales_teams.csv")).outcome().ingested()).isEqualTo(35);
    assertThat(run(IngestKind.PRODUCT, TestData.path("crm/products.csv")).outcome().ingested()).isEqualTo(7);
    Importer.Summary deals = run(IngestKind.DEAL, TestData.path("crm/sales_pipeline.csv"));
    assertThat(deals.outcome().ingested()).isEqualTo(8800);
    assertThat(deals.outcome().quarantined()).isZero();
    assertThat(count("MATCH (a:Account) RETURN count(a)")).as("deals name only known accounts").isEqualTo(85);
    assertThat(count("MATCH (d:Deal {stage: 'WON'}) RETURN count(d)")).isEqualTo(4238);
    assertThat(count("MATCH (d:Deal {stage: 'LOST'}) RETURN count(d)")).isEqualTo(2473);
    assertThat(count("MATCH (d:Deal) WHERE NOT (d)-[:OF_PRODUCT]->(:Product) RETURN count(d)")).as("GTXPro meets GTX Pro").isZero();
    assertThat(count("MATCH (d:Deal) WHERE NOT (d)-[:OWNED_BY]->(:Rep) RETURN count(d)")).isZero();
    assertThat(count("MATCH (d:Deal)-[:FOR]->(:Account) RETURN count(d)")).isEqualTo(8800 - 1425);
    assertThat(count("MATCH (a:Account {name: 'Acme Corporation'}) WHERE a.industry = 'technolgy' AND a.employees = 2822 RETURN count(a)")).isEqualTo(1);
  }

  @Test
  void reimportingCallsInvoicesAndCrmExportsAddsNothing() {
    Path[][] inputs = {
      {TestData.path("transcripts")}, {TestData.path("invoices/ubl")}, {TestData.path("crm/accounts.csv")},
      {TestData.path("crm/sales_teams.csv")}, {TestData.path("crm/products.csv")}, {TestData.path("crm/sales_pipeline.csv")}};
    IngestKind[] kinds = {IngestKind.CALL, IngestKind.INVOICE, IngestKind.ACCOUNT, IngestKind.REP, IngestKind.PRODUCT, IngestKind.DEAL};
    for (int i = 0; i < kinds.length; i++) {
      run(kinds[i], inputs[i]);
    }
    // The UBL examples that share a number alternate between their versions: each re-import updates the invoice in
    // place and keeps the version it replaced (SourceVersion, once per version). Everything else stays as it was.
    String nodesQuery = "MATCH (n) WHERE NOT n:AuditEvent AND NOT n:SourceVersion RETURN count(n)";
    String relsQuery = "MATCH ()-[r]->() WHERE type(r) <> 'HAD_VERSION' RETURN count(r)";
    long nodes = count(nodesQuery);
    long rels = count(relsQuery);
    for (int i = 0; i < kinds.length; i++) {
      IngestOutcome again = run(kinds[i], inputs[i]).outcome();
      assertThat(again.ingested()).as(kinds[i].id()).isZero();
      if (kinds[i] != IngestKind.INVOICE) {
        assertThat(again.unchanged()).as(kinds[i].id()).isEqualTo(again.total());
      }
    }
    assertThat(count(nodesQuery)).isEqualTo(nodes);
    assertThat(count(relsQuery)).isEqualTo(rels);
    long versions = count("MATCH (v:SourceVersion) RETURN count(v)");
    run(IngestKind.INVOICE, inputs[1][0]);
    assertThat(count("MATCH (v:SourceVersion) RETURN count(v)")).as("each replaced version is kept once").isEqualTo(versions);
  }

  @Test
  void updatedTicketChangesInPlaceAndKeepsItsStatusHistory(@TempDir Path dir) throws IOException {
    Path v1 = Files.writeString(dir.resolve("tickets.csv"), """
        id,requester_name,requester_email,subject,description,status,priority,created_at,updated_at,solved_at
        T-1,Jane Roe,jane@acme.example,Export fails,The export fails,open,high,2026-03-01T10:00:00Z,2026-03-01T10:00:00Z,
        T-2,Joe Bloggs,joe@acme.example,Question,How do I add a user?,new,low,2026-03-02T10:00:00Z,,
        """);
    assertThat(run(IngestKind.TICKET, v1).outcome().ingested()).isEqualTo(2);
    Files.writeString(v1, """
        id,requester_name,requester_email,subject,description,status,priority,created_at,updated_at,solved_at
        T-1,Jane Roe,jane@acme.example,Export fails,The export fails,solved,high,2026-03-01T10:00:00Z,2026-03-04T09:00:00Z,2026-03-04T09:00:00Z
        T-2,Joe Bloggs,joe@acme.example,Question,How do I add a user?,new,low,2026-03-02T10:00:00Z,,
        """);
    IngestOutcome second = run(IngestKind.TICKET, v1).outcome();
    assertThat(second.updated()).isEqualTo(1);
    assertThat(second.unchanged()).isEqualTo(1);
    assertThat(count("MATCH (t:Ticket) RETURN count(t)")).isEqualTo(2);
    assertThat(neo4j.query("MATCH (t:Ticket {externalKey: 'tickets:T-1'}) RETURN t.statusNames AS s").fetch().one().orElseThrow().get("s"))
        .isEqualTo(List.of("OPEN", "SOLVED"));
    assertThat(count("MATCH (:Contact {email: 'jane@acme.example'})-[:RAISED]->(t:Ticket)-[:FOR]->(:Account {domain: 'acme.example'}) RETURN count(t)")).isEqualTo(1);
    graphQl.document("{ contacts(filter: {email: \"jane@acme.example\"}) { edges { node { timeline(kinds: [TICKET]) { edges { node { ... on Ticket { status statusHistory { status at } } } } } } } } }")
        .execute()
        .path("contacts.edges[0].node.timeline.edges[0].node.statusHistory[*].status").entityList(String.class).containsExactly("OPEN", "SOLVED")
        .path("contacts.edges[0].node.timeline.edges[0].node.statusHistory[1].at").entity(String.class).isEqualTo("2026-03-04T09:00:00.000Z");
  }

  @Test
  void paymentsFeedMarksInvoicesPaid(@TempDir Path dir) throws IOException {
    Path invoices = Files.writeString(dir.resolve("invoices.csv"), """
        number,seller,buyer,buyer_domain,amount,currency,issue_date,due_date
        INV-1,Our Co,Acme,acme.example,1200.00,EUR,2026-01-01,2026-01-31
        INV-2,Our Co,Acme,acme.example,800.00,EUR,2026-02-01,2026-03-03
        """);
    Path payments = Files.writeString(dir.resolve("payments.csv"), """
        invoice_number,seller,paid_at,amount
        INV-1,Our Co,2026-01-20,1200.00
        """);
    run(IngestKind.INVOICE, invoices);
    run(IngestKind.PAYMENT, payments);
    assertThat(neo4j.query("MATCH (i:Invoice) RETURN i.number + '=' + i.status ORDER BY i.number").fetchAs(String.class).all())
        .containsExactly("INV-1=PAID", "INV-2=OPEN");
    graphQl.document("{ accounts(filter: {domain: \"acme.example\"}) { edges { node { timeline(kinds: [INVOICE]) { edges { node { ... on Invoice { number status } } } } } } } }")
        .execute()
        .path("accounts.edges[0].node.timeline.edges[*].node.status").entityList(String.class).containsExactly("OVERDUE", "PAID");
  }

  @Test
  void anonymousEventsJoinTheContactWhoIdentifiesThemselves(@TempDir Path dir) throws IOException {
    Path events = Files.writeString(dir.resolve("events.jsonl"), """
        {"type": "page_viewed", "anonymous_id": "v-42", "timestamp": "2026-04-01T09:00:00Z", "url": "https://example.invalid/pricing"}
        {"type": "content_downloaded", "anonymous_id": "v-42", "timestamp": "2026-04-01T09:05:00Z", "content": "Case study"}
        {"type": "form_submitted", "anonymous_id": "v-42", "email": "ann@globex.example", "timestamp": "2026-04-01T09:06:00Z", "url": "/demo-request"}
        {"type": "email_opened", "email": "ann@globex.example", "timestamp": "2026-04-02T08:00:00Z", "campaign": "spring"}
        """);
    assertThat(run(IngestKind.ACTIVITY, events).outcome().ingested()).isEqualTo(4);
    assertThat(count("MATCH (:Contact {email: 'ann@globex.example'})-[:PERFORMED]->(a:Activity) RETURN count(a)")).isEqualTo(4);
  }

  @Test
  void malformedInputsAreQuarantinedWithTheirReasonWhileTheRestLands(@TempDir Path dir) throws IOException {
    Path mail = Files.createDirectories(dir.resolve("mail"));
    Files.writeString(mail.resolve("good.eml"), """
        Message-ID: <good-1@example.invalid>
        Date: Tue, 3 Mar 2026 10:00:00 +0100
        From: Jane Roe <jane@acme.example>
        To: bob@globex.example
        Subject: Hello

        Hi Bob, all fine.
        """);
    Files.writeString(mail.resolve("truncated.eml"), """
        Message-ID: <trunc-1@example.invalid>
        Date: Tue, 3 Mar 2026 10:00:00 +0100
        From: jane@acme.example
        Subject: Cut off
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="XYZ"

        --XYZ
        Content-Type: text/plain

        The rest of this message never arri""");
    Files.writeString(mail.resolve("charset.eml"), """
        Message-ID: <charset-1@example.invalid>
        Date: Tue, 3 Mar 2026 10:00:00 +0100
        From: jane@acme.example
        Subject: Strange
        MIME-Version: 1.0
        Content-Type: text/plain; charset=x-no-such-charset-42

        Text in an unknown charset.
        """);
    Files.write(mail.resolve("junk.eml"), new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, 0x7f, 0x10, 0x00, 0x42});
    Importer.Summary email = run(IngestKind.EMAIL, mail);
    assertThat(email.outcome().ingested()).isEqualTo(1);
    assertThat(email.outcome().quarantined()).isEqualTo(3);

    Path vtt = Files.writeString(dir.resolve("broken.vtt"), """
        WEBVTT

        00:00:01.000 --> 00:00:04.000
        >> Hello there.

        00:00:09.000 --> 00:00:05.000
        This cue ends before it starts.
        """);
    assertThat(run(IngestKind.CALL, vtt).outcome().quarantined()).isEqualTo(1);

    Path ubl = Files.writeString(dir.resolve("no-buyer.xml"), """
        <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
                 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
                 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">
          <cbc:ID>X-1</cbc:ID>
          <cbc:IssueDate>2026-01-01</cbc:IssueDate>
          <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
          <cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>Seller</cbc:Name></cac:PartyName></cac:Party></cac:AccountingSupplierParty>
        </Invoice>
        """);
    assertThat(run(IngestKind.INVOICE, ubl).outcome().quarantined()).isEqualTo(1);

    Path csv = Files.writeString(dir.resolve("accounts.csv"), """
        account,sector,employees
        Good Corp,retail,120
        Broken Corp,retail,120,extra,columns
        Also Good,software,5
        """);
    IngestOutcome accounts = run(IngestKind.ACCOUNT, csv).outcome();
    assertThat(accounts.ingested()).isEqualTo(2);
    assertThat(accounts.quarantined()).isEqualTo(1);

    List<String> reasons = neo4j.query("MATCH (s:SourceRecord {status: 'QUARANTINED'}) RETURN s.reason ORDER BY s.reason").fetchAs(String.class).all().stream().toList();
    assertThat(reasons).hasSize(6);
    assertThat(reasons).anyMatch(r -> r.startsWith("truncated MIME"));
    assertThat(reasons).anyMatch(r -> r.startsWith("unknown charset") && r.contains("x-no-such-charset-42"));
    assertThat(reasons).anyMatch(r -> r.startsWith("not an email"));
    assertThat(reasons).anyMatch(r -> r.contains("ends (00:00:05.000) before it starts (00:00:09.000)"));
    assertThat(reasons).anyMatch(r -> r.contains("missing mandatory cac:AccountingCustomerParty/cac:Party, cac:LegalMonetaryTotal/cbc:PayableAmount"));
    assertThat(reasons).anyMatch(r -> r.startsWith("row has 5 columns but the header has 3"));
    assertThat(count("MATCH (s:SourceRecord {status: 'QUARANTINED'}) WHERE s.payload IS NULL OR s.position IS NULL RETURN count(s)")).as("payload and position kept").isZero();
    // Two accounts from the CSV, two from the good email (acme.example and globex.example); none from the bad ones.
    assertThat(count("MATCH (a:Account) RETURN count(a)")).as("the rest landed").isEqualTo(4);
  }
}
