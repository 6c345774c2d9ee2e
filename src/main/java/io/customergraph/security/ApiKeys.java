package io.customergraph.security;

import io.customergraph.graph.Refused;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.MapAccessor;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

/**
 * API keys: created with roles (and, for a rep, who and which team), shown once, stored only as a SHA-256 hash,
 * revocable. A key is 43 random characters after {@code cg_}: with 256 bits of entropy a fast hash is enough (no
 * password stretching needed), and a lookup by hash is an index seek.
 */
@Service
public class ApiKeys {

  /** A key as listed: never its secret. */
  public record ApiKey(
      String id, String name, List<Role> roles, @Nullable String owner, @Nullable String team, boolean personalData,
      int requestsPerMinute, Instant createdAt, @Nullable Instant revokedAt, @Nullable Instant lastUsedAt) {}

  /** A new key with its secret, which is shown this once. */
  public record Issued(ApiKey key, String secret) {}

  private record Cached(@Nullable Caller caller, Instant until) {}

  private static final int MAX_NAME = 100;
  private static final int MAX_CACHED = 10_000;
  private static final String PREFIX = "cg_";
  private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final Neo4jClient client;
  private final SecurityProperties properties;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastUseWritten = new ConcurrentHashMap<>();

  public ApiKeys(Neo4jClient client, SecurityProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  /** Creates a key; its secret is in the answer and nowhere else. */
  public Issued create(String name, Set<Role> roles, @Nullable String owner, @Nullable String team, boolean personalData) {
    return create(name, roles, owner, team, personalData, 0);
  }

  /** Creates a key with its own rate limit (requests a minute; 0 for the service's default). */
  public Issued create(String name, Set<Role> roles, @Nullable String owner, @Nullable String team, boolean personalData, int requestsPerMinute) {
    if (requestsPerMinute < 0) {
      throw new Refused("BAD_VALUE", "requestsPerMinute must be 0 (the service's default) or more, got " + requestsPerMinute);
    }
    StringBuilder secret = new StringBuilder(PREFIX);
    for (int i = 0; i < 43; i++) {
      secret.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return store(name, roles, owner, team, personalData, requestsPerMinute, secret.toString());
  }

  /** Stores a key whose secret someone chose (the administrator key from the environment); idempotent. */
  public ApiKey ensure(String name, Set<Role> roles, String secret) {
    if (secret.strip().length() < 32) {
      throw new Refused("WEAK_KEY", "An API key given in configuration must be at least 32 characters long; generate one, e.g. `openssl rand -hex 24`");
    }
    Optional<ApiKey> existing = stored(secret.strip());
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      return store(name, roles, null, null, true, 0, secret.strip()).key();
    } catch (org.springframework.dao.DataAccessException e) {
      // Instances started together on one database store the same key at the same moment: the hash's uniqueness
      // constraint lets one through, and the other finds its key there (issue #23: the second instance failed).
      return stored(secret.strip()).orElseThrow(() -> e);
    }
  }

  private Optional<ApiKey> stored(String secret) {
    return client.query("MATCH (k:ApiKey {hash: $hash}) RETURN k").bind(hash(secret)).to("hash")
        .fetchAs(ApiKey.class).mappedBy((t, r) -> key(r.get("k"))).one();
  }

  private Issued store(
      String name, Set<Role> roles, @Nullable String owner, @Nullable String team, boolean personalData, int requestsPerMinute, String secret) {
    String cleanName = name.strip();
    if (cleanName.isEmpty() || cleanName.length() > MAX_NAME) {
      throw new Refused("BAD_VALUE", "A key needs a name of 1 to " + MAX_NAME + " characters saying who or what uses it");
    }
    if (roles.isEmpty()) {
      throw new Refused("BAD_VALUE", "A key needs at least one role: ADMIN, MANAGER, REP, ANALYST, INGEST or METRICS");
    }
    if (roles.contains(Role.REP) && blank(owner) && blank(team)) {
      throw new Refused("BAD_VALUE", "A REP key needs the rep's name (owner, as accounts carry it) or a team, or it could see nothing");
    }
    String id = "key_" + HexFormat.of().formatHex(sha256(secret)).substring(0, 16);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    ApiKey key = client.query("""
            CREATE (k:ApiKey {id: $id, name: $name, hash: $hash, roles: $roles, owner: $owner, team: $team,
                              personalData: $personalData, requestsPerMinute: $rpm, createdAt: $now})
            RETURN k""")
        .bindAll(Map.of("id", id, "name", cleanName, "hash", hash(secret),
            "roles", EnumSet.copyOf(roles).stream().map(Enum::name).toList(), "personalData", personalData, "rpm", requestsPerMinute, "now", utc(now)))
        .bind(blank(owner) ? null : owner.strip()).to("owner")
        .bind(blank(team) ? null : team.strip()).to("team")
        .fetchAs(ApiKey.class).mappedBy((t, r) -> key(r.get("k"))).one().orElseThrow();
    return new Issued(key, secret);
  }

  /** Revokes a key; at once on this instance. False if there is no such key. */
  public boolean revoke(String id) {
    Optional<String> hash = client.query("MATCH (k:ApiKey {id: $id}) SET k.revokedAt = coalesce(k.revokedAt, $now) RETURN k.hash AS hash")
        .bindAll(Map.of("id", id, "now", utc(Instant.now()))).fetchAs(String.class).one();
    hash.ifPresent(cache::remove);
    return hash.isPresent();
  }

  /** Every key, newest first, without secrets. */
  public List<ApiKey> list() {
    return List.copyOf(client.query("MATCH (k:ApiKey) RETURN k ORDER BY k.createdAt DESC, k.id")
        .fetchAs(ApiKey.class).mappedBy((t, r) -> key(r.get("k"))).all());
  }

  /** How many keys are usable. */
  public long active() {
    return client.query("MATCH (k:ApiKey) WHERE k.revokedAt IS NULL RETURN count(k)").fetchAs(Long.class).one().orElse(0L);
  }

  /** The caller a presented secret stands for, if it is a live key. */
  public Optional<Caller> authenticate(String secret) {
    String hash = hash(secret);
    Instant now = Instant.now();
    Cached cached = cache.get(hash);
    if (cached == null || cached.until().isBefore(now)) {
      Caller caller = client.query("MATCH (k:ApiKey {hash: $hash}) WHERE k.revokedAt IS NULL RETURN k")
          .bind(hash).to("hash").fetchAs(Caller.class).mappedBy((t, r) -> caller(r.get("k"))).one().orElse(null);
      cached = new Cached(caller, now.plus(properties.cacheFor()));
      // Only live keys are remembered: wrong guesses must not fill memory. Bounded all the same.
      if (caller != null) {
        if (cache.size() >= MAX_CACHED) {
          cache.clear();
        }
        cache.put(hash, cached);
      }
    }
    Caller caller = cached.caller();
    if (caller != null) {
      noteUse(caller.id(), now);
    }
    return Optional.ofNullable(caller);
  }

  /** Records when a key was last used, at most once a minute per key. */
  private void noteUse(String id, Instant now) {
    Instant last = lastUseWritten.get(id);
    if (last != null && last.isAfter(now.minusSeconds(60))) {
      return;
    }
    lastUseWritten.put(id, now);
    client.query("MATCH (k:ApiKey {id: $id}) SET k.lastUsedAt = $now").bindAll(Map.of("id", id, "now", utc(now))).run();
  }

  private static Caller caller(Value k) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    k.get("roles").asList(Value::asString).forEach(r -> roles.add(Role.valueOf(r)));
    return new Caller(k.get("id").asString(), k.get("name").asString(), roles, text(k, "owner"), text(k, "team"),
        k.get("personalData").asBoolean(false), k.get("requestsPerMinute").asInt(0));
  }

  private static ApiKey key(Value k) {
    return new ApiKey(k.get("id").asString(), k.get("name").asString(),
        k.get("roles").asList(v -> Role.valueOf(v.asString())), text(k, "owner"), text(k, "team"), k.get("personalData").asBoolean(false),
        k.get("requestsPerMinute").asInt(0), instant(k, "createdAt"), instantOrNull(k, "revokedAt"), instantOrNull(k, "lastUsedAt"));
  }

  private static @Nullable String text(MapAccessor m, String key) {
    Value v = m.get(key);
    return v == null || v.isNull() ? null : v.asString();
  }

  private static Instant instant(MapAccessor m, String key) {
    Instant i = instantOrNull(m, key);
    return i == null ? Instant.EPOCH : i;
  }

  private static @Nullable Instant instantOrNull(MapAccessor m, String key) {
    Value v = m.get(key);
    return v == null || v.isNull() ? null : v.asZonedDateTime().toInstant();
  }

  private static java.time.ZonedDateTime utc(Instant i) {
    return java.time.ZonedDateTime.ofInstant(i, java.time.ZoneOffset.UTC);
  }

  private static boolean blank(@Nullable String s) {
    return s == null || s.isBlank();
  }

  static String hash(String secret) {
    return HexFormat.of().formatHex(sha256(secret));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
