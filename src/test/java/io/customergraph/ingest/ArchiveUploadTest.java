package io.customergraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customergraph.GraphSupport;
import io.customergraph.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Bulk uploads as jobs: archives unpacked and walked like the folder they came from, and uploads that cannot vanish. */
class ArchiveUploadTest extends GraphSupport {

  private static final Path MAILDIR = TestData.path("email/maildir/allen-p");

  @Autowired Importer importer;
  @Autowired IngestJobs jobs;
  @Autowired org.springframework.context.ApplicationEventPublisher events;

  @Test
  void aZipAndATarGzOfAMaildirIngestToTheSameGraphAsTheDirectory() throws Exception {
    importer.importFiles(IngestKind.EMAIL, List.of(MAILDIR), Map.of(), p -> {});
    // As the command-line import ends: every entity scored (an upload job does the same before it is DONE).
    events.publishEvent(new io.customergraph.graph.ImportFinished("email", step -> {}));
    Map<String, Object> fromDirectory = fingerprint();
    assertThat((List<?>) fromDirectory.get("emails")).hasSize(309);

    emptyGraph();
    IngestJobs.Job zip = finished(jobs.submit(IngestKind.EMAIL, new ByteArrayInputStream(zip(MAILDIR)), "allen-p.zip", null));
    assertThat(zip.status()).as(String.valueOf(zip.error())).isEqualTo("DONE");
    assertThat(zip.outcome().ingested()).isEqualTo(309);
    assertThat(fingerprint()).isEqualTo(fromDirectory);

    emptyGraph();
    // No name and an uninformative Content-Type (curl's default): the archive is known by its first bytes.
    IngestJobs.Job tgz = finished(jobs.submit(IngestKind.EMAIL, new ByteArrayInputStream(tarGz(MAILDIR)), null, "application/x-www-form-urlencoded"));
    assertThat(tgz.status()).as(String.valueOf(tgz.error())).isEqualTo("DONE");
    assertThat(tgz.filename()).isEqualTo("email-upload.tar.gz");
    assertThat(fingerprint()).isEqualTo(fromDirectory);
  }

  @Test
  void anArchiveEntryPointingOutsideIsRefusedAndNothingIsImported() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      add(zip, "inbox/1.", Files.readAllBytes(MAILDIR.resolve("inbox/1.")));
      add(zip, "../../escaped.", Files.readAllBytes(MAILDIR.resolve("inbox/2.")));
    }
    IngestJobs.Job job = finished(jobs.submit(IngestKind.EMAIL, new ByteArrayInputStream(bytes.toByteArray()), "evil.zip", null));
    assertThat(job.status()).isEqualTo("FAILED");
    assertThat(job.error()).contains("'../../escaped.' points outside the archive").contains("nothing was imported");
    assertThat(neo4j.query("MATCH (n) WHERE NOT n:IngestJob AND NOT n:AuditEvent AND NOT n:__Migration RETURN labels(n) AS l").fetch().all()).isEmpty();
    // The upload is unpacked in its own folder under the temporary directory: two levels up is that directory.
    assertThat(Path.of(System.getProperty("java.io.tmpdir"), "escaped.")).doesNotExist();
  }

  @Test
  void aNonEmptyUploadThatYieldsNoRecordFailsWithTheReason() {
    IngestJobs.Job job = finished(jobs.submit(IngestKind.ACTIVITY, new ByteArrayInputStream("\n \n\n".getBytes(StandardCharsets.UTF_8)), "events.jsonl", null));
    assertThat(job.status()).isEqualTo("FAILED");
    assertThat(job.error()).startsWith("Read no activity records from events.jsonl (4 bytes, read as .jsonl)");
    IngestJobs.Job noFiles = finished(jobs.submit(IngestKind.EMAIL, new ByteArrayInputStream(emptyZip()), "empty.zip", null));
    assertThat(noFiles.status()).isEqualTo("FAILED");
    assertThat(noFiles.error()).contains("holds no files");
  }

  @Test
  void binaryGarbageIsQuarantinedNamingTheUploadNeverAServerPath() {
    byte[] garbage = new byte[4096];
    new java.util.Random(42).nextBytes(garbage);
    garbage[0] = 'x'; // not a zip or gzip signature by chance
    garbage[1] = 'y';
    for (String name : List.of("tickets.csv", "invoice.xml", "events.jsonl")) {
      IngestKind kind = name.startsWith("tickets") ? IngestKind.TICKET : name.startsWith("invoice") ? IngestKind.INVOICE : IngestKind.ACTIVITY;
      IngestJobs.Job job = finished(jobs.submit(kind, new ByteArrayInputStream(garbage), name, null));
      assertThat(job.status()).as(name + ": " + job.error()).isEqualTo("DONE");
      assertThat(job.outcome().quarantined()).as(name).isPositive();
      assertThat(job.outcome().ingested()).as(name).isZero();
    }
    var reasons = neo4j.query("MATCH (s:SourceRecord {status: 'QUARANTINED'}) RETURN s.reason AS reason, s.position AS position, s.source AS source").fetch().all();
    assertThat(reasons).isNotEmpty().allSatisfy(r -> {
      assertThat(String.valueOf(r.get("reason")) + r.get("position") + r.get("source")).doesNotContain(System.getProperty("java.io.tmpdir")).doesNotContain("customer-graph-upload-");
    });
    assertThat(reasons).anySatisfy(r -> assertThat((String) r.get("position")).startsWith("tickets.csv"));
    // Said as it is (an .xml invoice was quarantined as "invalid JSON" before), and the position is the upload's name.
    assertThat(reasons).hasSize(3).allSatisfy(r -> assertThat((String) r.get("reason")).startsWith("binary data (4096 bytes), not text"));
  }

  @Test
  void reUploadingATicketCsvRecognisesEveryTicket() {
    byte[] csv = """
        id,requester_name,requester_email,subject,description,status,priority,created_at,updated_at,solved_at
        T-1,Jane Roe,jane@acme.example,Export fails,The export fails,open,high,2026-03-01T10:00:00Z,2026-03-01T10:00:00Z,
        T-2,Joe Bloggs,joe@acme.example,Question,How do I add a user?,new,low,2026-03-02T10:00:00Z,,
        """.getBytes(StandardCharsets.UTF_8);
    // Ticket identity is the file name and the ticket id: the upload's name, never the server's spool file (issue #18).
    assertThat(finished(jobs.submit(IngestKind.TICKET, new ByteArrayInputStream(csv), "tickets.csv", null)).outcome().ingested()).isEqualTo(2);
    assertThat(finished(jobs.submit(IngestKind.TICKET, new ByteArrayInputStream(csv), "tickets.csv", null)).outcome().unchanged()).isEqualTo(2);
    assertThat(finished(jobs.submit(IngestKind.TICKET, new ByteArrayInputStream(csv), null, "text/csv")).outcome().ingested()).isEqualTo(2);
    assertThat(finished(jobs.submit(IngestKind.TICKET, new ByteArrayInputStream(csv), null, "text/csv")).outcome().unchanged()).isEqualTo(2);
    assertThat(count("MATCH (t:Ticket) RETURN count(t)")).as("tickets.csv and ticket-upload.csv, two each").isEqualTo(4);
  }

  @Test
  void emptyOrUnrecognisableUploadsAreRefusedBeforeAJobExists() {
    assertThatThrownBy(() -> jobs.submit(IngestKind.EMAIL, new ByteArrayInputStream(new byte[0]), "archive.mbox", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("The upload is empty");
    assertThatThrownBy(() -> jobs.submit(IngestKind.DEAL, new ByteArrayInputStream("just some words".getBytes(StandardCharsets.UTF_8)), null, "application/octet-stream"))
        .isInstanceOf(IngestJobs.UnknownFormat.class).hasMessageContaining("?filename=export.csv");
    assertThatThrownBy(() -> jobs.submit(IngestKind.DEAL, new ByteArrayInputStream("a,b".getBytes(StandardCharsets.UTF_8)), "deals.docx", null))
        .isInstanceOf(IngestJobs.UnknownFormat.class).hasMessageContaining("'deals.docx'");
    assertThat(count("MATCH (j:IngestJob) RETURN count(j)")).isZero();
  }

  @Test
  void uploadsWithoutANameAreKnownByTheirFirstBytes() {
    byte[] mbox = bytes(TestData.path("email/enron-sample.mbox"));
    IngestJobs.Job named = finished(jobs.submit(IngestKind.EMAIL, new ByteArrayInputStream(mbox), "enron-sample.mbox", null));
    IngestJobs.Job sniffed = finished(jobs.submit(IngestKind.EMAIL, new ByteArrayInputStream(mbox), null, null));
    assertThat(named.outcome().ingested()).isEqualTo(17);
    assertThat(sniffed.filename()).isEqualTo("email-upload.mbox");
    assertThat(sniffed.outcome().unchanged()).as("the same 17 messages, recognised").isEqualTo(17);
    IngestJobs.Job csv = finished(jobs.submit(IngestKind.ACCOUNT, new ByteArrayInputStream(bytes(TestData.path("crm/accounts.csv"))), null, null));
    assertThat(csv.filename()).isEqualTo("account-upload.csv");
    assertThat(csv.outcome().ingested()).isEqualTo(85);
  }

  /** What the import produced, without where the files lay (a source record's position names the path read). */
  private Map<String, Object> fingerprint() {
    return Map.of(
        "labels", neo4j.query("MATCH (n) WHERE NOT n:IngestJob AND NOT n:AuditEvent UNWIND labels(n) AS l RETURN l, count(*) AS n ORDER BY l").fetch().all(),
        "relationships", neo4j.query("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n ORDER BY t").fetch().all(),
        "emails", neo4j.query("""
            MATCH (e:Email) OPTIONAL MATCH (s:Contact)-[:SENT]->(e) OPTIONAL MATCH (e)-[:TO|CC]->(r:Contact)
            WITH e, s, r ORDER BY r.email
            RETURN e.id AS id, e.subject AS subject, e.occurredAt AS at, s.email AS sender, collect(r.email) AS to ORDER BY id""").fetch().all(),
        "contacts", neo4j.query("MATCH (c:Contact) RETURN c.id AS id, c.name AS name, c.emails AS emails ORDER BY id").fetch().all(),
        "sources", neo4j.query("MATCH (s:SourceRecord) RETURN s.key AS key, s.source AS source, s.contentHash AS hash, s.status AS status ORDER BY key").fetch().all());
  }

  private IngestJobs.Job finished(IngestJobs.Job job) {
    for (int i = 0; i < 1200; i++) {
      IngestJobs.Job now = jobs.find(job.id()).orElseThrow();
      if (List.of("DONE", "FAILED").contains(now.status())) {
        return now;
      }
      sleep();
    }
    throw new AssertionError("job " + job.id() + " did not finish in two minutes");
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static byte[] zip(Path dir) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("allen-p/"));
      zip.closeEntry();
      for (Path f : files(dir)) {
        add(zip, "allen-p/" + dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] emptyZip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("just-a-folder/"));
      zip.closeEntry();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return bytes.toByteArray();
  }

  private static void add(ZipOutputStream zip, String name, byte[] content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content);
    zip.closeEntry();
  }

  private static byte[] tarGz(Path dir) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GzipCompressorOutputStream(bytes); TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Path f : files(dir)) {
        TarArchiveEntry e = new TarArchiveEntry(f.toFile(), "allen-p/" + dir.relativize(f).toString().replace('\\', '/'));
        tar.putArchiveEntry(e);
        Files.copy(f, tar);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
