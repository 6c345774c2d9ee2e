package io.customergraph.act;

import io.customergraph.graph.Ids;
import io.customergraph.graph.NodeKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Webhook subscriptions and deliveries. Each event a subscription wants becomes a {@code WebhookDelivery} node
 * (so nothing is lost across a restart), sent as Slack-compatible or generic JSON, signed with HMAC-SHA256 over
 * {@code "<timestamp>.<body>"}; failures are retried with exponential backoff and seeded jitter, then dead-lettered
 * until replayed. Secrets are stored for signing only: never returned, never logged.
 */
@Service
public class Webhooks {

  private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

  /** Header with {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}. */
  public static final String SIGNATURE_HEADER = "X-CustomerGraph-Signature";
  /** Header naming the event. */
  public static final String EVENT_HEADER = "X-CustomerGraph-Event";
  /** Header with the delivery id (the same on every retry, for de-duplication by the receiver). */
  public static final String DELIVERY_HEADER = "X-CustomerGraph-Delivery";
  /** Shortest secret accepted: 16 characters. */
  static final int MIN_SECRET = 16;

  /** What can be subscribed to. */
  public enum Event { BAND_CHANGED, ACCOUNT_AT_RISK, REVIEW_NEEDED, ACTION_APPROVED }

  /** Payload shape. */
  public enum Format { SLACK, JSON }

  /** A subscription as shown: never its secret. */
  public record Subscription(String id, String url, List<Event> events, Format format, boolean active, Instant createdAt) {}

  /** One delivery and its attempts. */
  public record Delivery(
      String id, String subscriptionId, Event event, String status, int attempts, @Nullable Integer lastStatusCode,
      @Nullable String lastError, @Nullable Instant nextAttemptAt, Instant createdAt, @Nullable Instant deliveredAt, String body,
      List<String> log) {}

  /** A refused request, with a code a client can branch on. */
  public static final class Rejected extends io.customergraph.graph.Refused {
    Rejected(String code, String message) {
      super(code, message);
    }
  }

  private final Neo4jClient client;
  private final ActProperties properties;
  private final Clock clock;
  private final HttpClient http;
  private final Random jitter;

  private final io.micrometer.core.instrument.MeterRegistry meters;

  Webhooks(Neo4jClient client, ActProperties properties, Clock clock, io.micrometer.core.instrument.MeterRegistry meters) {
    this.meters = meters;
    this.client = client;
    for (Event event : Event.values()) {
      for (String outcome : List.of("delivered", "failed", "dead")) {
        meters.counter(io.customergraph.observe.Metrics.WEBHOOK_DELIVERIES, "event", event.name(), "outcome", outcome);
      }
    }
    this.properties = properties;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(properties.webhookTimeout()).build();
    this.jitter = new Random(properties.webhookSeed());
  }

  // ------------------------------------------------------------------ subscriptions

  /** Subscribes a URL to events; the secret (at least 16 characters) signs every delivery and is never shown again. */
  public Subscription subscribe(String url, List<Event> events, Format format, String secret) {
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new Rejected("BAD_URL", "Not a URL: " + url);
    }
    if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT)) || uri.getHost() == null) {
      throw new Rejected("BAD_URL", "A webhook URL must be http(s)://host/…, got " + url);
    }
    if (events.isEmpty()) {
      throw new Rejected("NO_EVENTS", "Name at least one event: " + List.of(Event.values()));
    }
    if (secret == null || secret.length() < MIN_SECRET) {
      throw new Rejected("WEAK_SECRET", "The secret must be at least " + MIN_SECRET + " characters (it signs every delivery)");
    }
    Instant now = clock.instant();
    String id = Ids.of(NodeKind.WEBHOOK, UUID.nameUUIDFromBytes((uri + "|" + now.toEpochMilli()).getBytes(StandardCharsets.UTF_8)).toString());
    client.query(
            """
            CREATE (w:WebhookSubscription {id: $id, url: $url, events: $events, format: $format, secret: $secret,
                                           active: true, createdAt: $now})""")
        .bindAll(Map.of("id", id, "url", uri.toString(), "events", events.stream().map(Enum::name).distinct().toList(),
            "format", format.name(), "secret", secret, "now", ZonedDateTime.ofInstant(now, ZoneOffset.UTC)))
        .run();
    return subscription(id).orElseThrow();
  }

  /** Stops a subscription (its delivery log stays). */
  public Subscription unsubscribe(String id) {
    client.query("MATCH (w:WebhookSubscription {id: $id}) SET w.active = false").bind(id).to("id").run();
    return subscription(id).orElseThrow(() -> new Rejected("NOT_FOUND", "No webhook subscription has the id " + id));
  }

  /** Every subscription, newest first. */
  public List<Subscription> subscriptions() {
    return List.copyOf(client.query("MATCH (w:WebhookSubscription) RETURN w ORDER BY w.createdAt DESC, w.id")
        .fetchAs(Subscription.class).mappedBy((t, r) -> view(r.get("w").asNode())).all());
  }

  Optional<Subscription> subscription(String id) {
    return client.query("MATCH (w:WebhookSubscription {id: $id}) RETURN w").bind(id).to("id")
        .fetchAs(Subscription.class).mappedBy((t, r) -> view(r.get("w").asNode())).one();
  }

  private static Subscription view(org.neo4j.driver.types.Node w) {
    return new Subscription(w.get("id").asString(), w.get("url").asString(),
        w.get("events").asList(v -> Event.valueOf(v.asString())), Format.valueOf(w.get("format").asString()),
        w.get("active").asBoolean(), w.get("createdAt").asZonedDateTime().toInstant());
  }

  // ------------------------------------------------------------------ events → deliveries

  /**
   * Queues an event for every active subscription that wants it.
   *
   * @param text one line for people (the Slack message)
   * @param data the event's fields (generic JSON)
   * @return how many deliveries were queued
   */
  public int publish(Event event, String text, Map<String, Object> data) {
    Instant now = clock.instant();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Subscription s : subscriptions()) {
      if (!s.active() || !s.events().contains(event)) {
        continue;
      }
      Map<String, Object> payload = new LinkedHashMap<>();
      if (s.format() == Format.SLACK) {
        // Slack incoming webhooks take {"text": …}; the fields ride along for other chat tools.
        payload.put("text", text);
        payload.put("event", event.name());
        payload.put("data", data);
      } else {
        payload.put("event", event.name());
        payload.put("occurredAt", now.toString());
        payload.put("text", text);
        payload.put("data", data);
      }
      String body = io.customergraph.act.Json.write(payload);
      rows.add(Map.of("id", Ids.of(NodeKind.DELIVERY, s.id(), event.name(), Long.toString(now.toEpochMilli()), Integer.toHexString(body.hashCode())),
          "subscription", s.id(), "event", event.name(), "body", body));
    }
    if (!rows.isEmpty()) {
      client.query(
              """
              UNWIND $rows AS row
              MATCH (w:WebhookSubscription {id: row.subscription})
              MERGE (d:WebhookDelivery {id: row.id})
                ON CREATE SET d.subscriptionId = row.subscription, d.event = row.event, d.body = row.body, d.status = 'PENDING',
                              d.attempts = 0, d.nextAttemptAt = $now, d.createdAt = $now, d.log = []
              MERGE (w)-[:DELIVERS]->(d)""")
          .bindAll(Map.of("rows", rows, "now", ZonedDateTime.ofInstant(now, ZoneOffset.UTC)))
          .run();
    }
    return rows.size();
  }

  // ------------------------------------------------------------------ sending

  @Scheduled(fixedDelayString = "${customer-graph.act.webhook-poll:PT1S}")
  void poll() {
    deliverDue(clock.instant());
  }

  /**
   * How long a claimed delivery is this instance's alone: the send's timeout and a margin. A lease left by an instance
   * that died expires, and another instance sends the delivery again (with the same delivery id, for the receiver).
   */
  Duration lease() {
    return properties.webhookTimeout().plusSeconds(30);
  }

  /**
   * Sends every delivery due at {@code now} that this instance claims; returns how many were attempted. Instances
   * sharing the database each claim a due delivery with a conditional update under the node's write lock, so exactly
   * one sends it (a {@code synchronized} method guards only one process).
   */
  public synchronized int deliverDue(Instant now) {
    List<String> candidates = List.copyOf(client.query(
            """
            MATCH (:WebhookSubscription)-[:DELIVERS]->(d:WebhookDelivery {status: 'PENDING'})
            WHERE d.nextAttemptAt <= $now AND (d.leaseUntil IS NULL OR d.leaseUntil <= $now)
            RETURN d.id ORDER BY d.nextAttemptAt, d.id LIMIT 50""")
        .bind(ZonedDateTime.ofInstant(now, ZoneOffset.UTC)).to("now").fetchAs(String.class).all());
    int attempted = 0;
    for (String id : candidates) {
      Optional<Map<String, Object>> claimed = claim(id, now);
      if (claimed.isPresent()) {
        attempt(claimed.get(), now);
        attempted++;
      }
    }
    return attempted;
  }

  /**
   * Claims one delivery for this instance: the write lock is taken first (a property set), then the delivery is read
   * again under it — another instance's claim committed meanwhile is seen, and the delivery is not claimed twice.
   */
  private Optional<Map<String, Object>> claim(String id, Instant now) {
    Map<String, Object> p = new java.util.HashMap<>();
    p.put("id", id);
    p.put("now", ZonedDateTime.ofInstant(now, ZoneOffset.UTC));
    p.put("until", ZonedDateTime.ofInstant(now.plus(lease()), ZoneOffset.UTC));
    p.put("instance", io.customergraph.graph.Instance.ID);
    return client.query(
            """
            MATCH (w:WebhookSubscription)-[:DELIVERS]->(d:WebhookDelivery {id: $id})
            SET d.claiming = true
            WITH w, d, d.status = 'PENDING' AND d.nextAttemptAt <= $now AND (d.leaseUntil IS NULL OR d.leaseUntil <= $now) AS free
            REMOVE d.claiming
            WITH w, d WHERE free
            SET d.leaseUntil = $until, d.leasedBy = $instance
            RETURN d.id AS id, d.event AS event, d.body AS body, d.attempts AS attempts, w.url AS url, w.secret AS secret""")
        .bindAll(p).fetch().one();
  }

  private void attempt(Map<String, Object> d, Instant now) {
    String id = (String) d.get("id");
    String body = (String) d.get("body");
    int attempts = ((Number) d.get("attempts")).intValue() + 1;
    long timestamp = now.getEpochSecond();
    Integer status = null;
    String error = null;
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create((String) d.get("url")))
          .timeout(properties.webhookTimeout())
          .header("Content-Type", "application/json")
          .header(EVENT_HEADER, (String) d.get("event"))
          .header(DELIVERY_HEADER, id)
          .header(SIGNATURE_HEADER, "t=" + timestamp + ",v1=" + sign((String) d.get("secret"), timestamp, body))
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
          .build();
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException | IllegalArgumentException e) {
      error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    boolean ok = status != null && status >= 200 && status < 300;
    String outcome = ok ? "DELIVERED" : attempts >= properties.webhookAttempts() ? "DEAD" : "PENDING";
    Instant next = outcome.equals("PENDING") ? now.plus(backoff(attempts)) : null;
    meters.counter(io.customergraph.observe.Metrics.WEBHOOK_DELIVERIES, "event", (String) d.get("event"),
        "outcome", ok ? "delivered" : outcome.equals("DEAD") ? "dead" : "failed").increment();
    String line = "%s attempt %d: %s".formatted(now, attempts, status != null ? "HTTP " + status : error);
    // The URL may carry a token (Slack's do); the log names the delivery, never the URL or the secret.
    if (!ok) {
      log.info("Webhook delivery {} failed ({}), {}", id, status != null ? "HTTP " + status : error,
          outcome.equals("DEAD") ? "dead-lettered" : "retry at " + next);
    }
    Map<String, Object> p = new java.util.HashMap<>();
    p.put("id", id);
    p.put("status", outcome);
    p.put("attempts", attempts);
    p.put("code", status);
    p.put("error", error);
    p.put("next", next == null ? null : ZonedDateTime.ofInstant(next, ZoneOffset.UTC));
    p.put("now", ZonedDateTime.ofInstant(now, ZoneOffset.UTC));
    p.put("line", line);
    client.query(
            """
            MATCH (d:WebhookDelivery {id: $id})
            SET d.status = $status, d.attempts = $attempts, d.lastStatusCode = $code, d.lastError = $error,
                d.nextAttemptAt = $next, d.lastAttemptAt = $now, d.log = d.log + $line, d.leaseUntil = null, d.leasedBy = null,
                d.deliveredAt = CASE WHEN $status = 'DELIVERED' THEN $now ELSE null END""")
        .bindAll(p).run();
  }

  /** base · 2^(attempt−1), capped, times a seeded jitter in [0.5, 1): receivers that failed together retry apart. */
  Duration backoff(int attempt) {
    long base = properties.webhookBaseDelay().toMillis();
    long exp = (long) Math.min((double) properties.webhookMaxDelay().toMillis(), base * Math.pow(2, attempt - 1));
    double factor;
    synchronized (jitter) {
      factor = 0.5 + 0.5 * jitter.nextDouble();
    }
    return Duration.ofMillis(Math.max(1, (long) (exp * factor)));
  }

  /** Hex HMAC-SHA256 of {@code "<timestamp>.<body>"} with the secret: what a receiver recomputes to verify. */
  public static String sign(String secret, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  // ------------------------------------------------------------------ log and dead letters

  /** Deliveries, newest first, optionally of one status (PENDING, DELIVERED, DEAD) or one subscription. */
  public List<Delivery> deliveries(@Nullable String status, @Nullable String subscriptionId, int first) {
    Map<String, Object> p = new java.util.HashMap<>();
    p.put("status", status);
    p.put("subscription", subscriptionId);
    p.put("first", first);
    return List.copyOf(client.query(
            """
            MATCH (d:WebhookDelivery)
            WHERE ($status IS NULL OR d.status = $status) AND ($subscription IS NULL OR d.subscriptionId = $subscription)
            RETURN d ORDER BY d.createdAt DESC, d.id LIMIT $first""")
        .bindAll(p).fetchAs(Delivery.class).mappedBy((t, r) -> delivery(r.get("d").asNode())).all());
  }

  /** Puts a dead-lettered delivery back in the queue, attempts reset. */
  public Delivery replay(String id) {
    long n = client.query(
            """
            MATCH (d:WebhookDelivery {id: $id, status: 'DEAD'})
            SET d.status = 'PENDING', d.attempts = 0, d.nextAttemptAt = $now, d.log = d.log + (toString($now) + ' replayed')
            RETURN count(d)""")
        .bindAll(Map.of("id", id, "now", ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))).fetchAs(Long.class).one().orElse(0L);
    if (n == 0) {
      throw new Rejected("NOT_DEAD", "No dead-lettered delivery has the id " + id);
    }
    return deliveries(null, null, 1000).stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
  }

  private static Delivery delivery(org.neo4j.driver.types.Node d) {
    return new Delivery(d.get("id").asString(), d.get("subscriptionId").asString(), Event.valueOf(d.get("event").asString()),
        d.get("status").asString(), d.get("attempts").asInt(), d.get("lastStatusCode").isNull() ? null : d.get("lastStatusCode").asInt(),
        d.get("lastError").isNull() ? null : d.get("lastError").asString(),
        d.get("nextAttemptAt").isNull() ? null : d.get("nextAttemptAt").asZonedDateTime().toInstant(),
        d.get("createdAt").asZonedDateTime().toInstant(),
        d.get("deliveredAt").isNull() ? null : d.get("deliveredAt").asZonedDateTime().toInstant(), d.get("body").asString(),
        d.get("log").asList(v -> v.asString()));
  }
}
