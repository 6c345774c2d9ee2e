package io.customergraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import io.customergraph.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** Quarantine, never loss, for partial files: a cut copy never replaces what is stored, and updates keep what was. */
class PartialFilesTest extends GraphSupport {

  @Autowired Importer importer;

  private IngestOutcome run(IngestKind kind, Path file) {
    return importer.importFiles(kind, List.of(file), Map.of(), p -> {}).outcome();
  }

  @Test
  void anMboxCutInsideAMessageDoesNotOverwriteTheStoredEmail(@TempDir Path dir) throws Exception {
    Path mbox = TestData.path("email/enron-sample.mbox");
    assertThat(run(IngestKind.EMAIL, mbox).ingested()).isEqualTo(17);
    Map<String, Object> before = neo4j.query("MATCH (e:Email) RETURN e.id AS id, e.body AS body, e.subject AS subject ORDER BY id").fetch().all()
        .stream().collect(java.util.stream.Collectors.toMap(r -> (String) r.get("id"), r -> r));

    // The same mbox cut inside the third message's headers, as an interrupted export leaves it (issue #18).
    String text = Files.readString(mbox, StandardCharsets.ISO_8859_1);
    int third = nth(text, "\nFrom ", 3);
    int cut = text.indexOf("Mime-Version", third) + "Mime-Versi".length();
    assertThat(cut).isGreaterThan(third);
    Path partial = Files.writeString(dir.resolve("cut.mbox"), text.substring(0, cut), StandardCharsets.ISO_8859_1);

    IngestOutcome again = run(IngestKind.EMAIL, partial);
    assertThat(again.updated()).as(again.toString()).isZero();
    assertThat(again.quarantined()).isEqualTo(1);
    assertThat(again.unchanged()).isEqualTo(2);
    var quarantined = neo4j.query("MATCH (s:SourceRecord {status: 'QUARANTINED'}) RETURN s.reason AS reason, s.payload AS payload").fetch().all();
    assertThat(quarantined).singleElement().satisfies(q -> {
      assertThat((String) q.get("reason")).startsWith("a partial copy of a stored email (text 0 of ").endsWith("the stored version is kept");
      assertThat((String) q.get("payload")).endsWith("Mime-Versi");
    });
    Map<String, Map<String, Object>> after = neo4j.query("MATCH (e:Email) RETURN e.id AS id, e.body AS body, e.subject AS subject ORDER BY id").fetch().all()
        .stream().collect(java.util.stream.Collectors.toMap(r -> (String) r.get("id"), r -> r));
    assertThat(after).as("every stored email as it was").isEqualTo(before);
    assertThat(count("MATCH (v:SourceVersion) RETURN count(v)")).as("nothing was replaced").isZero();
  }

  @Test
  void aCallTranscriptWithFewerTurnsIsQuarantined(@TempDir Path dir) throws Exception {
    String full = Files.readString(TestData.path("transcripts/fake_caption.vtt"));
    Path vtt = Files.writeString(dir.resolve("meeting.vtt"), full);
    // Its metadata names the call, so a later copy of the transcript is the same call.
    Files.writeString(dir.resolve("meeting.json"), "{\"id\": \"call-42\", \"title\": \"Weekly briefing\"}");
    assertThat(run(IngestKind.CALL, dir).ingested()).isEqualTo(1);
    long turns = count("MATCH (c:Call) RETURN c.turns");
    // Cut after the first cue: a shorter transcript of the same call (same file, so the same key).
    int secondCue = nth(full, "\n\n", 2);
    Files.writeString(vtt, full.substring(0, secondCue) + "\n");
    IngestOutcome again = run(IngestKind.CALL, dir);
    assertThat(again.quarantined()).as(again.toString()).isEqualTo(1);
    assertThat(count("MATCH (c:Call) RETURN c.turns")).isEqualTo(turns);
  }

  @Test
  void aRowUpdatedInPlaceKeepsItsPreviousVersion(@TempDir Path dir) throws Exception {
    Path csv = Files.writeString(dir.resolve("tickets.csv"), """
        id,requester_name,requester_email,subject,description,status,priority,created_at,updated_at,solved_at
        T-1,Jane Roe,jane@acme.example,Export fails,The export fails,open,high,2026-03-01T10:00:00Z,2026-03-01T10:00:00Z,
        """);
    run(IngestKind.TICKET, csv);
    Files.writeString(csv, """
        id,requester_name,requester_email,subject,description,status,priority,created_at,updated_at,solved_at
        T-1,Jane Roe,jane@acme.example,Export fails,,solved,high,2026-03-01T10:00:00Z,2026-03-04T09:00:00Z,2026-03-04T09:00:00Z
        """);
    assertThat(run(IngestKind.TICKET, csv).updated()).isEqualTo(1);
    Map<String, Object> version = neo4j.query("""
            MATCH (s:SourceRecord {kind: 'ticket'})-[:HAD_VERSION]->(v:SourceVersion) WHERE s.key ENDS WITH 'T-1'
            RETURN v.label AS label, v.properties AS properties, v.replacedAt IS NOT NULL AS dated, v.contentHash AS hash""")
        .fetch().one().orElseThrow();
    assertThat(version.get("label")).isEqualTo("Ticket");
    assertThat((String) version.get("properties")).contains("\"status\":\"OPEN\"").contains("\"description\":\"The export fails\"");
    assertThat(version.get("dated")).isEqualTo(true);
    assertThat(count("MATCH (t:Ticket {status: 'SOLVED'}) RETURN count(t)")).isEqualTo(1);
    // The same, as a person sees it in the ticket's provenance.
    graphQl.document("{ contacts(filter: {email: \"jane@acme.example\"}) { edges { node { timeline(kinds: [TICKET]) { edges { node { ... on Ticket { provenance { previousVersions { label properties contentHash } } } } } } } } } }")
        .execute()
        .path("contacts.edges[0].node.timeline.edges[0].node.provenance[0].previousVersions[0].label").entity(String.class).isEqualTo("Ticket")
        .path("contacts.edges[0].node.timeline.edges[0].node.provenance[0].previousVersions[0].properties").entity(String.class)
        .satisfies(p -> assertThat(p).contains("\"status\":\"OPEN\""))
        .path("contacts.edges[0].node.timeline.edges[0].node.provenance[0].previousVersions[0].contentHash").entity(String.class).isEqualTo((String) version.get("hash"));
  }

  private static int nth(String text, String needle, int n) {
    int at = -1;
    for (int i = 0; i < n; i++) {
      at = text.indexOf(needle, at + 1);
    }
    return at;
  }
}
