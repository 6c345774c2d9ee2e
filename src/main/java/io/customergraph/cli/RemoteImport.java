package io.customergraph.cli;

import io.customergraph.ingest.IngestKind;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code import <kind> <path…> --to http://host:port --key KEY}: sends each file to a running service's bulk endpoint
 * ({@code POST /api/ingest/{kind}}) instead of opening the data directory — the way to import while the service (or
 * several instances on one database) runs. A directory (a maildir, a folder of invoices) is sent as a zip; each upload
 * becomes a job that is followed until it ends, with the same summary as a local import.
 */
final class RemoteImport {

  private RemoteImport() {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static int run(IngestKind kind, List<Path> paths, java.util.Map<String, String> mapping, String to, String key, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    StringBuilder query = new StringBuilder();
    if (!mapping.isEmpty()) {
      StringBuilder map = new StringBuilder();
      mapping.forEach((field, column) -> map.append(map.isEmpty() ? "" : ",").append(field).append('=').append(column));
      query.append("&map=").append(java.net.URLEncoder.encode(map.toString(), java.nio.charset.StandardCharsets.UTF_8));
    }
    URI base = URI.create(to.endsWith("/") ? to.substring(0, to.length() - 1) : to);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    int failed = 0;
    for (Path path : paths) {
      Path body = path;
      String name = path.getFileName().toString();
      boolean zipped = Files.isDirectory(path);
      if (zipped) {
        body = Files.createTempFile("customer-graph-upload", ".zip");
        zip(path, body);
        name = name + ".zip";
      }
      try {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/ingest/" + kind.id() + "?filename="
                + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8) + query))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofFile(body))
            .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
          err.printf("error: %s was refused: HTTP %d %s%n", path, response.statusCode(), detail(response.body()));
          failed++;
          continue;
        }
        String job = JSON.readTree(response.body()).path("id").asString();
        JsonNode done = follow(http, base, key, job, err);
        String status = done.path("status").asString();
        out.printf(Locale.ROOT, "%s: job %s %s — %,d ingested, %,d updated, %,d unchanged, %,d quarantined%s%n", path, job, status,
            done.path("ingested").asLong(), done.path("updated").asLong(), done.path("unchanged").asLong(), done.path("quarantined").asLong(),
            done.path("error").isNull() || done.path("error").isMissingNode() ? "" : ": " + done.path("error").asString());
        if (!status.equals("DONE")) {
          failed++;
        }
      } catch (java.net.ConnectException e) {
        err.printf("error: no service answers at %s (%s); is it running, and is that its address?%n", base, e.getClass().getSimpleName());
        return 1;
      } finally {
        if (zipped) {
          Files.deleteIfExists(body);
        }
      }
    }
    return failed == 0 ? 0 : 1;
  }

  /** Polls the job until it is no longer queued or running, printing its progress when a terminal shows it. */
  private static JsonNode follow(HttpClient http, URI base, String key, String job, PrintStream err) throws IOException, InterruptedException {
    boolean live = System.console() != null;
    while (true) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/ingest/jobs/" + job)).header("Authorization", "Bearer " + key).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IOException("job " + job + " could not be read: HTTP " + r.statusCode() + " " + detail(r.body()));
      }
      JsonNode j = JSON.readTree(r.body());
      String status = j.path("status").asString();
      if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
        if (live) {
          err.println();
        }
        return j;
      }
      if (live) {
        err.printf(Locale.ROOT, "\rjob %s %s: %,d records%s   ", job, status.toLowerCase(Locale.ROOT),
            j.path("ingested").asLong() + j.path("updated").asLong() + j.path("unchanged").asLong() + j.path("quarantined").asLong(),
            j.path("step").isMissingNode() || j.path("step").isNull() ? "" : " · " + j.path("step").asString());
      }
      Thread.sleep(500);
    }
  }

  private static String detail(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      return n.path("detail").isMissingNode() ? body : n.path("detail").asString();
    } catch (RuntimeException e) {
      return body.length() > 200 ? body.substring(0, 200) : body;
    }
  }

  /** A directory as a zip, paths relative to it (the service unpacks it with path and size limits). */
  static void zip(Path dir, Path zip) throws IOException {
    try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(file); var walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        z.putNextEntry(new ZipEntry(dir.relativize(p).toString().replace('\\', '/')));
        Files.copy(p, z);
        z.closeEntry();
      }
    }
  }
}
