package io.customergraph.security;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Authentication and its limits ({@code customer-graph.security.*}).
 *
 * @param adminKey an administrator API key to accept (stored hashed on start); at least 32 characters. With none and
 *     no key in the graph, the first start creates one and prints it once
 * @param requestsPerMinute requests one key or token may make in a minute (a token bucket refilled evenly)
 * @param burst requests a key may make at once before the per-minute rate applies
 * @param maxRequestSize largest GraphQL request body
 * @param maxUploadSize largest bulk upload to {@code POST /api/ingest/{kind}}
 * @param cacheFor how long an authenticated key is trusted before the graph is asked again (a revocation takes at most
 *     this long to reach another instance; on this one it is immediate)
 * @param rolesClaim the JWT claim listing roles (a list or a space-separated string)
 * @param ownerClaim the JWT claim naming the rep as accounts carry it in {@code owner}
 * @param teamClaim the JWT claim naming the rep's team
 * @param personalDataClaim the JWT claim that, when {@code true}, grants an analyst unmasked personal data
 * @param audit whether reads and changes of personal data are written to the audit log
 * @param createFirstKey whether a first start with no key creates an administrator key and prints it once (off in the
 *     prod profile, where logs travel: there the start only says how to create one)
 */
@ConfigurationProperties("customer-graph.security")
public record SecurityProperties(
    @Nullable String adminKey,
    @DefaultValue("600") int requestsPerMinute,
    @DefaultValue("60") int burst,
    @DefaultValue("1MB") DataSize maxRequestSize,
    @DefaultValue("2GB") DataSize maxUploadSize,
    @DefaultValue("PT30S") Duration cacheFor,
    @DefaultValue("roles") String rolesClaim,
    @DefaultValue("name") String ownerClaim,
    @DefaultValue("team") String teamClaim,
    @DefaultValue("personal_data") String personalDataClaim,
    @DefaultValue("true") boolean audit,
    @DefaultValue("true") boolean createFirstKey) {

  /** Shortest administrator key accepted from configuration. */
  public static final int MIN_KEY_LENGTH = 32;

  /**
   * A key too short is refused when the configuration is read, before the database and the demo world start (it was
   * found after a minute of start-up, at the first key check).
   */
  public SecurityProperties {
    if (adminKey != null && !adminKey.isBlank() && adminKey.strip().length() < MIN_KEY_LENGTH) {
      throw new IllegalArgumentException("customer-graph.security.admin-key (CUSTOMER_GRAPH_ADMIN_KEY) must be at least " + MIN_KEY_LENGTH
          + " characters long, got " + adminKey.strip().length() + "; generate one, e.g. `openssl rand -hex 24`");
    }
  }
}
