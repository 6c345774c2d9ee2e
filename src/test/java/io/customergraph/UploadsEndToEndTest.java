package io.customergraph;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk uploads over real HTTP, as users send them: the README's own commands run by bash and curl, and the same file
 * sent with no Content-Type, curl's form type or a named one, ingested alike.
 */
class UploadsEndToEndTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String MARKER = "<!-- upload-example:";

  @Test
  void theReadmeUploadCommandsWorkAsWrittenAndNoUploadVanishes(@TempDir Path work) throws Exception {
    Path mbox = Files.copy(TestData.path("email/enron-sample.mbox"), work.resolve("enron-sample.mbox"));
    copyTree(TestData.path("email/maildir/allen-p"), work.resolve("allen-p"));
    Path data = Neo4jFixture.freshDirectory();
    try (ConfigurableApplicationContext app =
        SpringApplication.run(CustomerGraphApplication.class, TestService.arguments(data, "--customer-graph.demo.enabled=false"))) {
      String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();

      // The README's block, line by line, as a user would paste it.
      List<String> jobs = new ArrayList<>();
      String lastOutput = "";
      for (String line : readmeUploadBlock()) {
        String command = line.replace("localhost:8080", base.substring("http://".length()));
        if (command.contains("job_…")) {
          command = command.replace("job_…", jobs.getLast());
        }
        lastOutput = bash(work, command);
        if (command.contains("-X POST")) {
          JsonNode job = JSON.readTree(lastOutput);
          assertThat(job.path("id").asString()).as(lastOutput).startsWith("job_");
          jobs.add(job.path("id").asString());
        }
      }
      assertThat(jobs).hasSize(2);
      assertThat(JSON.readTree(lastOutput).path("id").asString()).as("the last line reports the job").isEqualTo(jobs.get(1));
      JsonNode mboxJob = finished(base, jobs.get(0));
      assertThat(mboxJob.path("status").asString()).as(mboxJob.toString()).isEqualTo("DONE");
      assertThat(mboxJob.path("ingested").asLong()).isEqualTo(17);
      JsonNode archiveJob = finished(base, jobs.get(1));
      assertThat(archiveJob.path("status").asString()).as(archiveJob.toString()).isEqualTo("DONE");
      assertThat(archiveJob.path("filename").asString()).isEqualTo("email-upload.tar.gz");
      assertThat(archiveJob.path("ingested").asLong()).isEqualTo(309);

      // The same mbox with no Content-Type at all, and with a named one: the same 17 records, recognised.
      for (String type : new String[] {null, "application/mbox"}) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/ingest/email"))
            .header("Authorization", TestService.BEARER).POST(HttpRequest.BodyPublishers.ofFile(mbox));
        if (type != null) {
          request.header("Content-Type", type);
        }
        HttpResponse<String> upload = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        JsonNode job = finished(base, JSON.readTree(upload.body()).path("id").asString());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.path("unchanged").asLong()).as("Content-Type " + type + ": " + job).isEqualTo(17);
      }

      // One .eml with curl's default form type: one email, not an empty quarantined record.
      Path eml = TestData.path("email/maildir/allen-p/inbox/1.");
      HttpResponse<String> one = post(base + "/api/ingest/email?filename=message.eml", "application/x-www-form-urlencoded", Files.readAllBytes(eml));
      JsonNode emlJob = finished(base, JSON.readTree(one.body()).path("id").asString());
      assertThat(emlJob.path("unchanged").asLong() + emlJob.path("ingested").asLong()).as(emlJob.toString()).isEqualTo(1);
      assertThat(emlJob.path("quarantined").asLong()).isZero();

      HttpResponse<String> empty = post(base + "/api/ingest/email?filename=archive.mbox", "application/x-www-form-urlencoded", new byte[0]);
      assertThat(empty.statusCode()).isEqualTo(400);
      assertThat(empty.body()).contains("The upload is empty");
      HttpResponse<String> unknown = post(base + "/api/ingest/deal", "application/octet-stream", "just some words".getBytes(StandardCharsets.UTF_8));
      assertThat(unknown.statusCode()).isEqualTo(415);
      assertThat(unknown.body()).contains("?filename=export.csv");
      HttpResponse<String> form = post(base + "/api/ingest/email", "multipart/form-data; boundary=x", "--x\r\n\r\nhello\r\n--x--\r\n".getBytes(StandardCharsets.UTF_8));
      assertThat(form.statusCode()).isEqualTo(415);
      assertThat(form.body()).contains("--data-binary");

      // The CLI sends a directory to the running service (issue #23: import while it runs): zipped, followed to the end.
      java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
      java.io.PrintStream stdout = System.out;
      int exit;
      System.setOut(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
      try {
        exit = io.customergraph.cli.Cli.run(new String[] {"import", "email", work.resolve("allen-p").toString(), "--to", base, "--key", TestService.ADMIN});
      } finally {
        System.setOut(stdout);
      }
      String said = printed.toString(StandardCharsets.UTF_8);
      assertThat(exit).as(said).isZero();
      assertThat(said).contains("DONE").contains("0 ingested").contains("309 unchanged");

      // A file without ids and its outcomes, with the mapping and the score kind sent along (rows keyed by their place).
      Path book = Files.writeString(work.resolve("book.csv"), "Plan,Churn\nmonthly,TRUE\nannual,FALSE\n");
      printed.reset();
      System.setOut(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
      int accounts;
      int outcomes;
      try {
        accounts = io.customergraph.cli.Cli.run(new String[] {"import", "account", book.toString(), "--map", "id=@row", "--to", base, "--key", TestService.ADMIN});
        outcomes = io.customergraph.cli.Cli.run(new String[] {"import", "outcome", book.toString(), "--map", "id=@row,outcome=Churn", "--kind", "churn-risk",
            "--to", base, "--key", TestService.ADMIN});
      } finally {
        System.setOut(stdout);
      }
      said = printed.toString(StandardCharsets.UTF_8);
      assertThat(accounts).as(said).isZero();
      assertThat(outcomes).as(said).isZero();
      assertThat(said.lines().filter(l -> l.contains("DONE — 2 ingested")).count()).as(said).isEqualTo(2);
      org.springframework.data.neo4j.core.Neo4jClient neo4j = app.getBean(org.springframework.data.neo4j.core.Neo4jClient.class);
      assertThat(neo4j.query("MATCH (:Account {externalId: 'book.csv:1', field_plan: 'monthly'})-[:HAD_OUTCOME]->(o:Outcome {kind: 'CHURN_RISK', positive: true}) RETURN count(o)")
          .fetchAs(Long.class).one()).hasValue(1L);
    }
  }

  /** The lines of the README's upload example: the fenced block after the marker comment. */
  static List<String> readmeUploadBlock() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("README.md"));
    int at = 0;
    while (at < lines.size() && !lines.get(at).startsWith(MARKER)) {
      at++;
    }
    assertThat(at).as("the README marks its upload example with " + MARKER).isLessThan(lines.size());
    assertThat(lines.get(at + 1)).isEqualTo("```bash");
    List<String> block = new ArrayList<>();
    for (int i = at + 2; !lines.get(i).equals("```"); i++) {
      block.add(lines.get(i));
    }
    return block;
  }

  private static String bash(Path dir, String command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("CG_KEY", TestService.ADMIN);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(command + "\n" + out).isZero();
    return out;
  }

  private static JsonNode finished(String base, String id) throws Exception {
    JsonNode job = null;
    for (int i = 0; i < 1200; i++) {
      job = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/ingest/jobs/" + id)).header("Authorization", TestService.BEARER).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      if (List.of("DONE", "FAILED").contains(job.path("status").asString())) {
        return job;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("job did not finish: " + job);
  }

  private static HttpResponse<String> post(String url, String contentType, byte[] body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", TestService.BEARER).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path f : walk.sorted().toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }
}
