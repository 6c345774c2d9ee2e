package io.customergraph.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customergraph.GraphSupport;
import io.customergraph.graph.Refused;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** API keys are stored only as hashes, scoped to roles, revocable at once; rate limits are per key. */
class ApiKeysTest extends GraphSupport {

  @Autowired ApiKeys keys;
  @Autowired SecurityProperties properties;

  @Test
  void aKeyIsShownOnceStoredAsAHashAndRevokedAtOnce() {
    ApiKeys.Issued issued = keys.create("Dana's laptop", Set.of(Role.REP), "Dana Whitfield", "East", false);
    assertThat(issued.secret()).startsWith("cg_").hasSize(46);
    assertThat(neo4j.query("MATCH (k:ApiKey) RETURN properties(k) AS p").fetch().all().toString())
        .as("no property holds the secret").doesNotContain(issued.secret().substring(3));
    assertThat(count("MATCH (k:ApiKey {hash: '" + ApiKeys.hash(issued.secret()) + "'}) RETURN count(k)")).isEqualTo(1);

    Caller caller = keys.authenticate(issued.secret()).orElseThrow();
    assertThat(caller.roles()).containsExactly(Role.REP);
    assertThat(caller.owner()).isEqualTo("Dana Whitfield");
    assertThat(caller.scoped()).isTrue();
    assertThat(keys.authenticate(issued.secret() + "x")).isEmpty();
    assertThat(keys.authenticate("")).isEmpty();

    assertThat(keys.revoke(issued.key().id())).isTrue();
    assertThat(keys.authenticate(issued.secret())).as("revoked keys stop at once, despite the cache").isEmpty();
    assertThat(keys.revoke("key_nope")).isFalse();
    assertThat(keys.list()).singleElement().satisfies(k -> assertThat(k.revokedAt()).isNotNull());
  }

  @Test
  void keysThatCouldNotWorkAreRefusedWithTheReason() {
    assertThatThrownBy(() -> keys.create("rep", Set.of(Role.REP), null, null, false)).isInstanceOf(Refused.class).hasMessageContaining("REP key needs");
    assertThatThrownBy(() -> keys.create(" ", Set.of(Role.ADMIN), null, null, false)).isInstanceOf(Refused.class).hasMessageContaining("name");
    assertThatThrownBy(() -> keys.create("x", Set.of(), null, null, false)).isInstanceOf(Refused.class).hasMessageContaining("at least one role");
    assertThatThrownBy(() -> keys.ensure("env", Set.of(Role.ADMIN), "short")).isInstanceOf(Refused.class).hasMessageContaining("32 characters");
    ApiKeys.ApiKey first = keys.ensure("env", Set.of(Role.ADMIN), "a-long-enough-administrator-key-0123456789");
    assertThat(keys.ensure("env", Set.of(Role.ADMIN), "a-long-enough-administrator-key-0123456789").id()).as("idempotent").isEqualTo(first.id());
    assertThat(keys.active()).isEqualTo(1);
  }

  /** Issue #23: instances started together store the configured administrator key at once; each must start. */
  @Test
  void theConfiguredKeyStoredByInstancesAtOnceIsOneKeyAndNoneFails() throws Exception {
    String secret = "an-administrator-key-given-to-every-instance-0123";
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(4);
    java.util.List<java.util.concurrent.Future<ApiKeys.ApiKey>> runs = new java.util.ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < 4; i++) {
        runs.add(pool.submit(() -> {
          together.await();
          return keys.ensure("administrator", Set.of(Role.ADMIN), secret);
        }));
      }
      for (var run : runs) {
        assertThat(run.get().id()).isEqualTo(runs.getFirst().get().id());
      }
    }
    assertThat(count("MATCH (k:ApiKey {hash: '" + ApiKeys.hash(secret) + "'}) RETURN count(k)")).isEqualTo(1);
  }

  @Test
  void overGraphqlTheSecretComesBackOnceAndListsNeverShowIt() {
    String secret = graphQl.document("mutation { createApiKey(input: {name: \"loader\", roles: [INGEST], requestsPerMinute: 30}) { ... on ApiKeyIssued { secret key { id roles requestsPerMinute } } } }")
        .execute().path("createApiKey.key.requestsPerMinute").entity(Integer.class).isEqualTo(30)
        .path("createApiKey.secret").entity(String.class).get();
    assertThat(keys.authenticate(secret).orElseThrow().requestsPerMinute()).isEqualTo(30);
    graphQl.document("{ apiKeys { id name roles } }").execute().path("apiKeys[0].roles[0]").entity(String.class).isEqualTo("INGEST");
    graphQl.document("mutation { createApiKey(input: {name: \"rep\", roles: [REP]}) { ... on ApiKeyRefused { code message } } }")
        .execute().path("createApiKey.code").entity(String.class).isEqualTo("BAD_VALUE");
  }

  @Test
  void rateLimitsAreABucketPerKey() {
    RateLimits limits = new RateLimits(properties);
    long t = 0;
    int burst = Math.min(properties.burst(), properties.requestsPerMinute());
    for (int i = 0; i < burst; i++) {
      assertThat(limits.take("a", 0, t).allowed()).isTrue();
    }
    RateLimits.Decision refused = limits.take("a", 0, t);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isPositive();
    assertThat(limits.take("b", 0, t).allowed()).as("another key has its own bucket").isTrue();
    long oneRequestLater = (long) Math.ceil(60e9 / properties.requestsPerMinute());
    assertThat(limits.take("a", 0, t + oneRequestLater).allowed()).as("the bucket refills evenly").isTrue();
    // A key with its own limit of 2 a minute: 2 at once, then a wait of about 30 s.
    assertThat(limits.take("slow", 2, t).allowed()).isTrue();
    assertThat(limits.take("slow", 2, t).allowed()).isTrue();
    assertThat(limits.take("slow", 2, t).retryAfterSeconds()).isBetween(29L, 31L);
  }
}
