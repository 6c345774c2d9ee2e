package io.customergraph.security;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
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
 * Who read or changed personal data, and when. Requests are aggregated per caller, operation, kind of access and
 * minute into one {@code AuditEvent} (the fields and the people concerned across those requests, how many requests,
 * the first and last moment): a busy reader costs a node a minute, not a node a read (issue #25: a benchmark's reads
 * had written 148,157 nodes). Events are written every second by one thread, so auditing adds no write to a request's
 * path; an open minute's event is rewritten in place as it grows. The log holds ids, never the data itself.
 */
@Service
public class Audit {

  /** What was done to personal data. */
  public enum Access { READ, CHANGE }

  /**
   * One audited minute of one caller's operation: the first request's moment ({@code at}), the last one's, how many
   * requests, the fields and the people concerned, and how many more people than named.
   */
  public record Event(
      String id, Instant at, Instant lastAt, int requests, String callerId, String callerName, String operation, Access access,
      List<String> fields, List<String> subjects, int moreSubjects) {}

  /** At most this many people are named per request; the rest are counted. */
  public static final int MAX_SUBJECTS = 100;
  /** At most this many people are named in one event; a busier minute continues in another event. */
  public static final int MAX_EVENT_SUBJECTS = 1_000;

  private static final Logger log = LoggerFactory.getLogger(Audit.class);

  private final Neo4jClient client;
  private final SecurityProperties properties;
  private final Clock clock;
  /** The open event per caller, operation, access and minute; guarded by itself. */
  private final Map<String, Bucket> open = new HashMap<>();
  /** Events changed since the last write; guarded by {@link #open}. */
  private final Map<String, Bucket> dirty = new LinkedHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "audit-writer");
    t.setDaemon(true);
    return t;
  });

  /** An event being filled. */
  private static final class Bucket {
    final String id;
    final long minute;
    final Instant at;
    final String callerId;
    final String callerName;
    final String operation;
    final Access access;
    Instant lastAt;
    int requests;
    final Set<String> fields = new TreeSet<>();
    final Set<String> subjects = new LinkedHashSet<>();
    int moreSubjects;

    Bucket(String id, long minute, Instant at, Caller caller, String operation, Access access) {
      this.id = id;
      this.minute = minute;
      this.at = at;
      this.lastAt = at;
      this.callerId = caller.id();
      this.callerName = caller.name();
      this.operation = operation;
      this.access = access;
    }

    Map<String, Object> row() {
      Map<String, Object> m = new HashMap<>();
      m.put("id", id);
      m.put("at", ZonedDateTime.ofInstant(at, ZoneOffset.UTC));
      m.put("lastAt", ZonedDateTime.ofInstant(lastAt, ZoneOffset.UTC));
      m.put("requests", requests);
      m.put("callerId", callerId);
      m.put("callerName", callerName);
      m.put("operation", operation);
      m.put("access", access.name());
      m.put("fields", List.copyOf(fields));
      m.put("subjects", subjects.stream().sorted().toList());
      m.put("moreSubjects", moreSubjects);
      return m;
    }
  }

  public Audit(Neo4jClient client, SecurityProperties properties, Clock clock) {
    this.client = client;
    this.properties = properties;
    this.clock = clock;
    writer.scheduleWithFixedDelay(this::flushQuietly, 1, 1, TimeUnit.SECONDS);
  }

  /** Counts a request into its minute's event; written within about a second. */
  public void record(Caller caller, String operation, Access access, Set<String> fields, Set<String> subjects) {
    if (!properties.audit() || (subjects.isEmpty() && access == Access.READ)) {
      return;
    }
    List<String> named = subjects.stream().sorted().limit(MAX_SUBJECTS).toList();
    Instant now = clock.instant();
    long minute = now.getEpochSecond() / 60;
    String key = caller.id() + '\u0000' + operation + '\u0000' + access + '\u0000' + minute;
    synchronized (open) {
      Bucket current = open.get(key);
      Bucket b = current;
      // The key holds the minute: a new minute is a new key. A full event continues in a fresh one.
      if (current == null
          || current.subjects.size() + named.stream().filter(x -> !current.subjects.contains(x)).count() > MAX_EVENT_SUBJECTS) {
        Bucket fresh = new Bucket("aud_" + Long.toString(now.toEpochMilli(), 36) + "_" + Long.toString(sequence.incrementAndGet(), 36) + "_" + INSTANCE,
            minute, now, caller, operation, access);
        open.put(key, fresh);
        b = fresh;
      }
      b.lastAt = now;
      b.requests++;
      b.fields.addAll(fields);
      b.subjects.addAll(named);
      b.moreSubjects += subjects.size() - named.size();
      dirty.put(b.id, b);
    }
  }

  /** Writes the events changed since the last write (also called by tests and at shutdown). */
  public synchronized void flush() {
    List<Bucket> batch;
    List<Map<String, Object>> rows = new ArrayList<>();
    synchronized (open) {
      batch = List.copyOf(dirty.values());
      for (Bucket b : batch) {
        rows.add(b.row());
      }
      dirty.clear();
      // A minute two minutes past takes no more requests: forget its event (what is unwritten stays in the batch).
      long now = clock.instant().getEpochSecond() / 60;
      open.values().removeIf(b -> b.minute < now - 1);
    }
    if (rows.isEmpty()) {
      return;
    }
    try {
      client.query("UNWIND $rows AS row MERGE (e:AuditEvent {id: row.id}) SET e += row").bind(rows).to("rows").run();
    } catch (RuntimeException e) {
      // Not written: the next attempt writes them as they are by then.
      synchronized (open) {
        for (Bucket b : batch) {
          dirty.putIfAbsent(b.id, b);
        }
      }
      throw e;
    }
  }

  /** Distinguishes events of instances that write to one database (the process, not the host: two may share one). */
  private static final String INSTANCE = Long.toString(ProcessHandle.current().pid(), 36);

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
    Instant at = e.get("at").asZonedDateTime().toInstant();
    return new Event(e.get("id").asString(), at, e.get("lastAt").isNull() ? at : e.get("lastAt").asZonedDateTime().toInstant(),
        e.get("requests").asInt(1), e.get("callerId").asString(),
        e.get("callerName").asString(), e.get("operation").asString(), Access.valueOf(e.get("access").asString()),
        e.get("fields").asList(Value::asString), e.get("subjects").asList(Value::asString), e.get("moreSubjects").asInt(0));
  }

  @PreDestroy
  void stop() {
    writer.shutdown();
    flushQuietly();
  }
}
