package io.customergraph.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

/**
 * Bulk uploads as background jobs. The upload is spooled to a temporary file as it streams in (constant memory, any
 * size), then imported batch by batch; the job's state and counts live in the graph ({@code IngestJob}) so any
 * instance can answer for it. Jobs run one at a time, in upload order, on one named thread: ingestion is bound by
 * the database's write throughput, which parallel jobs would only contend for.
 */
@Service
public class IngestJobs implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(IngestJobs.class);

  /** A job as clients see it. */
  public record Job(
      String id, String kind, String status, @Nullable String filename, IngestOutcome outcome, OffsetDateTime createdAt,
      @Nullable OffsetDateTime finishedAt, @Nullable String error) {}

  private final Neo4jClient client;
  private final Importer importer;
  private final Clock clock;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("ingest-jobs").daemon(true).factory());

  IngestJobs(Neo4jClient client, Importer importer, Clock clock) {
    this.client = client;
    this.importer = importer;
    this.clock = clock;
  }

  /** Jobs left RUNNING by a process that stopped cannot finish: say so instead of leaving them spinning. */
  @EventListener(ApplicationReadyEvent.class)
  void markInterrupted() {
    client.query("MATCH (j:IngestJob) WHERE j.status IN ['QUEUED', 'RUNNING'] AND j.node = $node SET j.status = 'INTERRUPTED', j.error = 'the service stopped before the job finished; upload the file again (records already written are recognised and skipped)'")
        .bind(NODE).to("node").run();
  }

  /**
   * This machine's identity, so a restart marks only the jobs it left unfinished, not those another instance is
   * running: the host name stays the same across restarts and differs between machines.
   */
  private static final String NODE = hostName();

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }

  /**
   * Spools an upload and queues its import.
   *
   * @param filename the upload's file name; its extension chooses the format (.mbox, .eml, .csv, .jsonl, .json, .xml, .vtt)
   */
  public Job submit(IngestKind kind, InputStream upload, String filename) {
    String extension = extension(filename);
    Path spool = null;
    try {
      spool = Files.createTempFile("customer-graph-upload-", extension);
      Files.copy(upload, spool, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // A broken or oversized upload leaves nothing behind: no job, no half-spooled file.
      if (spool != null) {
        try {
          Files.deleteIfExists(spool);
        } catch (IOException ignored) {
          // The temporary directory is cleaned by the system in the end.
        }
      }
      throw new UncheckedIOException("Cannot store the upload: " + e.getMessage(), e);
    }
    Path stored = spool;
    // Job ids are handles, not graph data: random is right here.
    String id = "job_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC);
    Map<String, Object> p = new HashMap<>();
    p.put("id", id);
    p.put("kind", kind.id());
    p.put("filename", filename);
    p.put("now", now);
    p.put("node", NODE);
    client.query("CREATE (j:IngestJob {id: $id, kind: $kind, filename: $filename, status: 'QUEUED', createdAt: $now, node: $node, ingested: 0, updated: 0, unchanged: 0, quarantined: 0})")
        .bindAll(p).run();
    executor.submit(() -> run(id, kind, stored));
    return find(id).orElseThrow();
  }

  private void run(String id, IngestKind kind, Path spool) {
    try {
      client.query("MATCH (j:IngestJob {id: $id}) SET j.status = 'RUNNING'").bind(id).to("id").run();
      Importer.Summary summary = importer.importFiles(kind, List.of(spool), Map.of(), progress -> counts(id, progress.outcome(), null));
      counts(id, summary.outcome(), "DONE");
    } catch (RuntimeException e) {
      log.warn("Ingest job {} failed: {}", id, e.getMessage());
      client.query("MATCH (j:IngestJob {id: $id}) SET j.status = 'FAILED', j.error = $error, j.finishedAt = $now")
          .bindAll(Map.of("id", id, "error", String.valueOf(e.getMessage()), "now", ZonedDateTime.now(clock))).run();
    } finally {
      try {
        Files.deleteIfExists(spool);
      } catch (IOException e) {
        log.debug("Could not delete {}", spool);
      }
    }
  }

  private void counts(String id, IngestOutcome o, @Nullable String status) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", id);
    p.put("ingested", o.ingested());
    p.put("updated", o.updated());
    p.put("unchanged", o.unchanged());
    p.put("quarantined", o.quarantined());
    p.put("status", status);
    p.put("now", ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC));
    client.query("""
        MATCH (j:IngestJob {id: $id})
        SET j.ingested = $ingested, j.updated = $updated, j.unchanged = $unchanged, j.quarantined = $quarantined,
            j.status = coalesce($status, j.status),
            j.finishedAt = CASE WHEN $status IS NULL THEN j.finishedAt ELSE $now END""")
        .bindAll(p).run();
  }

  public Optional<Job> find(String id) {
    return client.query("MATCH (j:IngestJob {id: $id}) RETURN j").bind(id).to("id")
        .fetchAs(Job.class)
        .mappedBy((t, r) -> {
          var j = r.get("j").asNode();
          return new Job(
              j.get("id").asString(), j.get("kind").asString(), j.get("status").asString(),
              j.get("filename").isNull() ? null : j.get("filename").asString(),
              new IngestOutcome(j.get("ingested").asLong(), j.get("updated").asLong(), j.get("unchanged").asLong(), j.get("quarantined").asLong()),
              j.get("createdAt").asZonedDateTime().toOffsetDateTime(),
              j.get("finishedAt").isNull() ? null : j.get("finishedAt").asZonedDateTime().toOffsetDateTime(),
              j.get("error").isNull() ? null : j.get("error").asString());
        })
        .one();
  }

  static String extension(String filename) {
    String name = filename.toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot);
    return switch (ext) {
      case ".mbox", ".eml", ".csv", ".jsonl", ".ndjson", ".json", ".xml", ".vtt" -> ext;
      default -> throw new IllegalArgumentException(
          "Cannot tell the format of '" + filename + "': name the upload with one of .mbox .eml .csv .jsonl .json .xml .vtt (query parameter filename)");
    };
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
