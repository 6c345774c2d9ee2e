package io.customergraph.api;

import io.customergraph.ingest.IngestJobs;
import io.customergraph.ingest.IngestKind;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk ingestion over HTTP: {@code POST /api/ingest/{kind}?filename=export.csv} with the file as the request body
 * (streamed to disk, any size) answers 202 with a job; {@code GET /api/ingest/jobs/{id}} reports its progress.
 */
@RestController
@RequestMapping("/api/ingest")
class IngestRestController {

  private final IngestJobs jobs;
  private final io.customergraph.security.Audit audit;

  IngestRestController(IngestJobs jobs, io.customergraph.security.Audit audit) {
    this.jobs = jobs;
    this.audit = audit;
  }

  @PostMapping("/{kind}")
  ResponseEntity<IngestController.IngestJob> upload(
      @PathVariable String kind, @RequestParam(required = false) @Nullable String filename, @RequestParam(required = false) @Nullable String map,
      @RequestParam(required = false) @Nullable String score, HttpServletRequest request) throws IOException {
    IngestKind k = IngestKind.parse(kind);
    if (request.getContentType() != null && request.getContentType().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
      throw new IngestJobs.UnknownFormat("Send the file itself as the request body (curl --data-binary @file), not as a form (curl -F)");
    }
    java.util.Map<String, String> mapping = new java.util.LinkedHashMap<>();
    if (map != null && !map.isBlank()) {
      for (String pair : map.split(",")) {
        String[] kv = pair.split("=", 2);
        if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
          throw new IllegalArgumentException("map takes field=column pairs separated by commas (as import --map does), got '" + pair + "'");
        }
        mapping.put(kv[0].strip(), kv[1].strip());
      }
    }
    if (score != null && !score.isBlank()) {
      mapping.put("kind", "=" + score.strip());
    }
    IngestJobs.Job job = jobs.submit(k, request.getInputStream(), filename, request.getContentType(), mapping);
    // A bulk upload changes personal data of people not known yet: the audit names the job, which names the file.
    if (request.getAttribute(io.customergraph.security.Caller.KEY) instanceof io.customergraph.security.Caller caller) {
      audit.record(caller, "POST /api/ingest/" + k.id(), io.customergraph.security.Audit.Access.CHANGE, java.util.Set.of("upload:" + job.filename()), java.util.Set.of(job.id()));
    }
    return ResponseEntity.accepted().location(URI.create("/api/ingest/jobs/" + job.id())).body(IngestController.IngestJob.of(job));
  }

  @GetMapping("/jobs/{id}")
  ResponseEntity<?> job(@PathVariable String id) {
    return jobs.find(id).<ResponseEntity<?>>map(j -> ResponseEntity.ok(IngestController.IngestJob.of(j)))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No ingest job " + id)));
  }

  /** An upload that broke off or passed its size limit while streaming: nothing was stored, and the answer says why. */
  @ExceptionHandler(java.io.UncheckedIOException.class)
  ResponseEntity<ProblemDetail> notStored(java.io.UncheckedIOException e) {
    HttpStatus status = e.getCause() instanceof io.customergraph.security.TooLarge ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST;
    return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, e.getMessage() + "; nothing was stored"));
  }

  @ExceptionHandler(IngestJobs.UnknownFormat.class)
  ResponseEntity<ProblemDetail> unknownFormat(IngestJobs.UnknownFormat e) {
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage()));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
  }
}
