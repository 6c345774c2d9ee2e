package io.customergraph.security;

import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.neo4j.driver.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

/**
 * Who read or changed personal data, and when: one {@code AuditEvent} per request that touched it (the caller, the
 * operation, READ or CHANGE, the fields and the people concerned). Events are queued and written in batches every
 * second by one thread, so auditing adds no write to a read request's path. The log holds ids, never the data itself.
 */
@Service
public class Audit {

  /** What was done to personal data. */
  public enum Access { READ, CHANGE }

  /** One audited request. */
  public record Event(
      String id, Instant at, String callerId, String callerName, String operation, Access access, List<String> fields,
      List<String> subjects, int moreSubjects) {}

  /** At most this many people are named in one event; the rest are counted. */
  public static final int MAX_SUBJECTS = 100;

  private static final Logger log = LoggerFactory.getLogger(Audit.class);

  private final Neo4jClient client;
  private final SecurityProperties properties;
  private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "audit-writer");
    t.setDaemon(true);
    return t;
  });

  public Audit(Neo4jClient client, SecurityProperties properties) {
    this.client = client;
    this.properties = properties;
    writer.scheduleWithFixedDelay(this::flushQuietly, 1, 1, TimeUnit.SECONDS);
  }

  /** Queues an event; written within about a second. */
  public void record(Caller caller, String operation, Access access, Set<String> fields, Set<String> subjects) {
    if (!properties.audit() || (subjects.isEmpty() && access == Access.READ)) {
      return;
    }
    List<String> named = subjects.stream().sorted().limit(MAX_SUBJECTS).toList();
    Instant now = Instant.now();
    String id = "aud_" + Long.toString(now.toEpochMilli(), 36) + "_" + Long.toString(sequence.incrementAndGet(), 36);
    queue.add(new Event(id, now, caller.id(), caller.name(), operation, access, fields.stream().sorted().toList(), named,
        subjects.size() - named.size()));
  }

  /** Writes what is queued (also called by tests and at shutdown). */
  public synchronized void flush() {
    List<Event> batch = new ArrayList<>();
    queue.drainTo(batch);
    if (batch.isEmpty()) {
      return;
    }
    List<Map<String, Object>> rows = batch.stream().map(e -> {
      Map<String, Object> m = new HashMap<>();
      m.put("id", e.id());
      m.put("at", ZonedDateTime.ofInstant(e.at(), ZoneOffset.UTC));
      m.put("callerId", e.callerId());
      m.put("callerName", e.callerName());
      m.put("operation", e.operation());
      m.put("access", e.access().name());
      m.put("fields", e.fields());
      m.put("subjects", e.subjects());
      m.put("moreSubjects", e.moreSubjects());
      return m;
    }).toList();
    client.query("UNWIND $rows AS row CREATE (e:AuditEvent) SET e = row").bind(rows).to("rows").run();
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      log.warn("Audit events not written yet, will retry: {}", e.getMessage());
    }
  }

  /** Events newest first, optionally about one person or by one caller, before a cursor (an event id). */
  public List<Event> events(@Nullable String subjectId, @Nullable String callerId, int first, @Nullable String before) {
    flush();
    Map<String, Object> p = new HashMap<>();
    p.put("subject", subjectId);
    p.put("caller", callerId);
    p.put("before", before);
    p.put("limit", first);
    return List.copyOf(client.query("""
            OPTIONAL MATCH (b:AuditEvent {id: $before})
            WITH b
            MATCH (e:AuditEvent)
            WHERE ($subject IS NULL OR $subject IN e.subjects) AND ($caller IS NULL OR e.callerId = $caller)
              AND ($before IS NULL OR e.at < b.at OR (e.at = b.at AND e.id < b.id))
            RETURN e ORDER BY e.at DESC, e.id DESC LIMIT $limit""")
        .bindAll(p).fetchAs(Event.class).mappedBy((t, r) -> event(r.get("e"))).all());
  }

  private static Event event(Value e) {
    return new Event(e.get("id").asString(), e.get("at").asZonedDateTime().toInstant(), e.get("callerId").asString(),
        e.get("callerName").asString(), e.get("operation").asString(), Access.valueOf(e.get("access").asString()),
        e.get("fields").asList(Value::asString), e.get("subjects").asList(Value::asString), e.get("moreSubjects").asInt(0));
  }

  @PreDestroy
  void stop() {
    writer.shutdown();
    flushQuietly();
  }
}
