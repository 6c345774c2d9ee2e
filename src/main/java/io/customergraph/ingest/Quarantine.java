package io.customergraph.ingest;

import io.customergraph.graph.Cursor;
import io.customergraph.graph.Page;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.neo4j.driver.types.MapAccessor;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

/** Records that could not be parsed: listed newest first, and retried as they are or after a person fixed them. */
@Service
public class Quarantine {

  /** A quarantined record as shown to a person. */
  public record Item(
      String id, String kind, String source, String position, String reason, String payload, String payloadEncoding,
      @Nullable String metadata, OffsetDateTime receivedAt) {}

  /** What a retry did. */
  public record Retry(boolean ingested, @Nullable String reason, @Nullable String sourceRecordId) {}

  private final Neo4jClient client;
  private final IngestWriter writer;
  private final Clock clock;

  Quarantine(Neo4jClient client, IngestWriter writer, Clock clock) {
    this.client = client;
    this.writer = writer;
    this.clock = clock;
  }

  /** Quarantined records, newest first (then by id), optionally of one kind. */
  public Page<Item> list(@Nullable IngestKind kind, int first, @Nullable Cursor after) {
    Map<String, Object> p = new HashMap<>();
    p.put("kind", kind == null ? null : kind.id());
    p.put("afterTime", after == null ? null : OffsetDateTime.parse(after.sortKey()).toZonedDateTime());
    p.put("afterId", after == null ? null : after.id());
    p.put("limit", first + 1);
    List<Item> rows =
        List.copyOf(
            client
                .query(
                    """
                    MATCH (s:SourceRecord {status: 'QUARANTINED'})
                    WHERE ($kind IS NULL OR s.kind = $kind)
                      AND ($afterTime IS NULL OR s.updatedAt < $afterTime OR (s.updatedAt = $afterTime AND s.id < $afterId))
                    RETURN s ORDER BY s.updatedAt DESC, s.id DESC LIMIT $limit""")
                .bindAll(p)
                .fetchAs(Item.class)
                .mappedBy((t, r) -> item(r.get("s").asNode()))
                .all());
    return Page.of(rows, first, i -> new Cursor(i.receivedAt().toString(), i.id()), after != null);
  }

  /** How many records are in quarantine. */
  public long size(@Nullable IngestKind kind) {
    return client
        .query("MATCH (s:SourceRecord {status: 'QUARANTINED'}) WHERE $kind IS NULL OR s.kind = $kind RETURN count(s)")
        .bind(kind == null ? null : kind.id()).to("kind")
        .fetchAs(Long.class).one().orElse(0L);
  }

  public Optional<Item> find(String id) {
    return client
        .query("MATCH (s:SourceRecord {id: $id, status: 'QUARANTINED'}) RETURN s")
        .bind(id).to("id")
        .fetchAs(Item.class).mappedBy((t, r) -> item(r.get("s").asNode())).one();
  }

  /**
   * Parses the record again, with a corrected payload when given. On success its facts are written like any import
   * and the quarantined record is marked RESOLVED (kept, pointing at the record that replaced it); on failure it stays
   * in quarantine with the new reason (and the corrected payload, so the next fix starts from it).
   */
  public Optional<Retry> retry(String id, @Nullable String correctedPayload) {
    Optional<Item> found = find(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Item item = found.get();
    byte[] bytes = correctedPayload != null
        ? correctedPayload.getBytes(StandardCharsets.UTF_8)
        : "base64".equals(item.payloadEncoding()) ? Base64.getDecoder().decode(item.payload()) : item.payload().getBytes(StandardCharsets.UTF_8);
    RawRecord raw = new RawRecord(IngestKind.parse(item.kind()), item.source(), item.position(), bytes, item.metadata());
    IngestWriter.Prepared prepared = writer.prepare(List.of(raw));
    ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC);
    Optional<String> failure = prepared.failure();
    if (failure.isPresent()) {
      IngestWriter.Payload p = IngestWriter.payload(bytes);
      client.query("MATCH (s:SourceRecord {id: $id}) SET s.reason = $reason, s.payload = $payload, s.payloadEncoding = $encoding, s.updatedAt = $now, s.retries = coalesce(s.retries, 0) + 1")
          .bindAll(Map.of("id", id, "reason", failure.get(), "payload", p.text(), "encoding", p.encoding(), "now", now)).run();
      return Optional.of(new Retry(false, failure.get(), id));
    }
    writer.write(prepared);
    String key = prepared.firstKey();
    String newId = client.query("MATCH (n:SourceRecord {key: $key}) RETURN n.id").bind(key).to("key").fetchAs(String.class).one().orElse(null);
    client.query("""
        MATCH (s:SourceRecord {id: $id}) SET s.status = 'RESOLVED', s.resolvedAt = $now, s.payload = null
        WITH s MATCH (n:SourceRecord {key: $key}) MERGE (s)-[:RETRIED_AS]->(n)""")
        .bindAll(Map.of("id", id, "key", key, "now", now)).run();
    return Optional.of(new Retry(true, null, newId));
  }

  private static Item item(MapAccessor n) {
    return new Item(
        n.get("id").asString(), n.get("kind").asString(), n.get("source").asString(""), n.get("position").asString(""),
        n.get("reason").asString(""), n.get("payload").asString(""), n.get("payloadEncoding").asString("utf-8"),
        n.get("metadata").isNull() ? null : n.get("metadata").asString(),
        n.get("updatedAt").asZonedDateTime().toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC));
  }
}
