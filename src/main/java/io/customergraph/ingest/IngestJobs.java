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
      @Nullable OffsetDateTime finishedAt, @Nullable String error, @Nullable String step) {}

  private final Neo4jClient client;
  private final Importer importer;
  private final IngestProperties properties;
  private final Clock clock;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("ingest-jobs").daemon(true).factory());

  private final org.springframework.context.ApplicationEventPublisher events;

  IngestJobs(Neo4jClient client, Importer importer, IngestProperties properties, Clock clock, org.springframework.context.ApplicationEventPublisher events) {
    this.events = events;
    this.client = client;
    this.importer = importer;
    this.properties = properties;
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

  /** An upload whose format cannot be told: the client must name it (answered as 415 Unsupported Media Type). */
  public static final class UnknownFormat extends IllegalArgumentException {
    public UnknownFormat(String message) {
      super(message);
    }
  }

  /**
   * Spools an upload and queues its import. The body is read whatever its Content-Type; its format comes from the
   * file name when given, else from a Content-Type that names one, else from its first bytes.
   *
   * @param filename the upload's file name, if the client gave one; its extension chooses the format
   * @param contentType the request's Content-Type, if any
   * @throws UnknownFormat when neither name, type nor content tells the format (nothing is kept)
   * @throws IllegalArgumentException when the upload is empty (nothing is kept)
   */
  public Job submit(IngestKind kind, InputStream upload, @Nullable String filename, @Nullable String contentType) {
    return submit(kind, upload, filename, contentType, Map.of());
  }

  /**
   * The same with a column mapping ({@code field=column}, {@code field==constant}, {@code id=@row}), as {@code import
   * --map} gives it; an outcome upload names its score with the constant {@code kind==churn-risk}.
   */
  public Job submit(IngestKind kind, InputStream upload, @Nullable String filename, @Nullable String contentType, Map<String, String> mapping) {
    if (kind == IngestKind.OUTCOME && !mapping.containsKey("kind")) {
      throw new IllegalArgumentException("An outcome upload names the score it teaches: ?score=churn-risk (or lead-priority, deal-win)");
    }
    UploadFormat named = null;
    if (filename != null) {
      named = UploadFormat.ofName(filename).orElseThrow(() -> new UnknownFormat(
          "Cannot tell the format of '" + filename + "': name the upload with one of " + UploadFormat.NAMES + " (query parameter filename)"));
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("customer-graph-upload-");
      Path spool = dir.resolve("upload");
      long size = Files.copy(upload, spool, StandardCopyOption.REPLACE_EXISTING);
      if (size == 0) {
        throw new IllegalArgumentException("The upload is empty: send the file as the request body (curl --data-binary @file)");
      }
      UploadFormat format = named != null ? named : UploadFormat.ofContentType(contentType).or(() -> sniff(spool, kind)).orElseThrow(() -> new UnknownFormat(
          "Cannot tell the format of the upload from its Content-Type (" + contentType + ") or its first bytes: add ?filename=export.csv (or "
              + UploadFormat.NAMES + "), or send a Content-Type such as text/csv"));
      String name = filename != null ? filename : kind.id() + "-upload" + format.extension();
      // The spooled file takes the format's extension: the reader chooses how to split a file by its name.
      Path stored = Files.move(spool, dir.resolve(safeName(name, format)));
      return queue(kind, dir, stored, format, name, size, mapping);
    } catch (IOException e) {
      delete(dir);
      // A broken or oversized upload leaves nothing behind: no job, no half-spooled file.
      throw new UncheckedIOException("Cannot store the upload: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      delete(dir);
      throw e;
    }
  }

  private static Optional<UploadFormat> sniff(Path spool, IngestKind kind) {
    try (InputStream in = Files.newInputStream(spool)) {
      return UploadFormat.sniff(in.readNBytes(8192), kind);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the stored upload", e);
    }
  }

  /** The client's file name as a plain file name with the format's extension, never a path. */
  private static String safeName(String name, UploadFormat format) {
    String base = name.replaceAll(".*[/\\\\]", "").replaceAll("[^A-Za-z0-9._-]", "_");
    return base.isEmpty() || base.startsWith(".") ? "upload" + format.extension()
        : UploadFormat.ofName(base).filter(f -> f == format).isPresent() ? base : base + format.extension();
  }

  private Job queue(IngestKind kind, Path dir, Path stored, UploadFormat format, String filename, long size, Map<String, String> mapping) {
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
    executor.submit(() -> run(id, kind, dir, stored, format, filename, size, Map.copyOf(mapping)));
    return find(id).orElseThrow();
  }

  private void run(String id, IngestKind kind, Path dir, Path stored, UploadFormat format, String filename, long size, Map<String, String> mapping) {
    try {
      client.query("MATCH (j:IngestJob {id: $id}) SET j.status = 'RUNNING'").bind(id).to("id").run();
      Path input = stored;
      if (format.archive()) {
        input = dir.resolve("files");
        Archives.Unpacked unpacked;
        try {
          unpacked = Archives.unpack(stored, format, input, properties.maxUnpackedSize().toBytes(), properties.maxArchiveEntries());
          Files.delete(stored);
        } catch (IOException | RuntimeException e) {
          throw new IllegalStateException("Cannot unpack " + filename + " as " + format.extension() + ": " + e.getMessage() + "; nothing was imported", e);
        }
        if (unpacked.files() == 0) {
          throw new IllegalStateException("The archive " + filename + " holds no files (" + unpacked.skipped() + " folders or links); nothing was imported");
        }
      }
      Importer.Summary summary = importer.importFiles(kind, List.of(input), mapping, progress -> counts(id, progress.outcome(), null),
          format.archive() ? input : dir);
      if (summary.outcome().total() == 0) {
        // A body that yields no record at all is a mistake to report, never a silent empty success.
        counts(id, summary.outcome(), null);
        throw new IllegalStateException("Read no " + kind.id() + " records from " + filename + " (" + size + " bytes, read as " + format.extension()
            + "): is it a " + kind.id() + " file in that format? Name the format with ?filename= (" + UploadFormat.NAMES + ")");
      }
      // Derived data (scores) is brought up to date before the job says DONE; its step says how far that is.
      events.publishEvent(new io.customergraph.graph.ImportFinished(kind.id(), step -> client.query("MATCH (j:IngestJob {id: $id}) SET j.step = $step")
          .bindAll(Map.of("id", id, "step", step)).run()));
      client.query("MATCH (j:IngestJob {id: $id}) REMOVE j.step").bind(id).to("id").run();
      counts(id, summary.outcome(), "DONE");
    } catch (RuntimeException e) {
      // The upload's folder is this server's business, not the client's: name files as the client sent them.
      String error = String.valueOf(e.getMessage()).replace(dir.resolve("files") + java.io.File.separator, "").replace(dir + java.io.File.separator, "");
      log.warn("Ingest job {} failed: {}", id, error);
      client.query("MATCH (j:IngestJob {id: $id}) SET j.status = 'FAILED', j.error = $error, j.finishedAt = $now")
          .bindAll(Map.of("id", id, "error", error, "now", ZonedDateTime.now(clock))).run();
    } finally {
      delete(dir);
    }
  }

  private static void delete(@Nullable Path dir) {
    if (dir == null) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      log.debug("Could not delete {}", dir);
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
              j.get("error").isNull() ? null : j.get("error").asString(),
              j.get("step").isNull() ? null : j.get("step").asString());
        })
        .one();
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
