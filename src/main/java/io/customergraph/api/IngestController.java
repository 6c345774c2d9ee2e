package io.customergraph.api;

import io.customergraph.graph.Page;
import io.customergraph.ingest.IngestJobs;
import io.customergraph.ingest.IngestKind;
import io.customergraph.ingest.IngestOutcome;
import io.customergraph.ingest.IngestWriter;
import io.customergraph.ingest.Quarantine;
import io.customergraph.ingest.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Ingestion over GraphQL: single records, the quarantine and its retries, bulk job status. */
@Controller
class IngestController {

  private final IngestWriter writer;
  private final Quarantine quarantine;
  private final IngestJobs jobs;

  IngestController(IngestWriter writer, Quarantine quarantine, IngestJobs jobs) {
    this.writer = writer;
    this.quarantine = quarantine;
    this.jobs = jobs;
  }

  /** The result of one record. */
  record IngestResult(String outcome, @Nullable String reason) {}

  /** A page of quarantined records, with the kind filter kept for {@code totalCount}. */
  record QuarantineConnection(List<Page.Edge<Quarantine.Item>> edges, Pagination.PageInfo pageInfo, @Nullable IngestKind kind) {}

  /** A job as the schema shows it. */
  record IngestJob(
      String id, String kind, String status, @Nullable String filename, long ingested, long updated, long unchanged,
      long quarantined, java.time.OffsetDateTime createdAt, java.time.@Nullable OffsetDateTime finishedAt, @Nullable String error,
      @Nullable String step) {
    static IngestJob of(IngestJobs.Job j) {
      IngestOutcome o = j.outcome();
      return new IngestJob(j.id(), j.kind().toUpperCase(java.util.Locale.ROOT), j.status(), j.filename(), o.ingested(), o.updated(), o.unchanged(),
          o.quarantined(), j.createdAt(), j.finishedAt(), j.error(), j.step());
    }
  }

  @MutationMapping
  IngestResult ingestRecord(@Argument IngestKind kind, @Argument String payload, @Argument @Nullable String metadata, @Argument @Nullable String source) {
    RawRecord raw = new RawRecord(kind, source == null || source.isBlank() ? "graphql" : source, "graphql", payload.getBytes(StandardCharsets.UTF_8), metadata);
    IngestWriter.Single result = writer.writeOne(raw);
    IngestOutcome o = result.outcome();
    String outcome = o.quarantined() > 0 ? "QUARANTINED" : o.ingested() > 0 ? "INGESTED" : o.updated() > 0 ? "UPDATED" : "UNCHANGED";
    return new IngestResult(outcome, result.reason());
  }

  @MutationMapping
  Quarantine.@Nullable Retry retryQuarantined(@Argument String id, @Argument @Nullable String payload) {
    return quarantine.retry(id, payload).orElse(null);
  }

  @QueryMapping(name = "quarantine")
  QuarantineConnection quarantinePage(@Argument @Nullable Integer first, @Argument @Nullable String after, @Argument @Nullable IngestKind kind) {
    Page<Quarantine.Item> page = quarantine.list(kind, Pagination.size(first), Pagination.after(after));
    return new QuarantineConnection(page.edges(), Pagination.info(page), kind);
  }

  @SchemaMapping(typeName = "QuarantineConnection")
  long totalCount(QuarantineConnection connection) {
    return quarantine.size(connection.kind());
  }

  @SchemaMapping(typeName = "QuarantinedRecord", field = "kind")
  String quarantinedKind(Quarantine.Item item) {
    return item.kind().toUpperCase(java.util.Locale.ROOT);
  }

  @QueryMapping
  @Nullable IngestJob ingestJob(@Argument String id) {
    return jobs.find(id).map(IngestJob::of).orElse(null);
  }
}
