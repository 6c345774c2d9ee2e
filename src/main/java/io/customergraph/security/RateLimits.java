package io.customergraph.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Per-key rate limits: a token bucket per caller holding {@code burst} requests, refilled evenly at
 * {@code requestsPerMinute}. In memory, per instance.
 */
@Service
public class RateLimits {

  /** Whether a request may go ahead; if not, how many seconds until it may. */
  public record Decision(boolean allowed, long retryAfterSeconds, int limitPerMinute) {}

  private static final class Bucket {
    double tokens;
    long refilledAt;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilledAt = now;
    }
  }

  private final SecurityProperties properties;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimits(SecurityProperties properties) {
    this.properties = properties;
  }

  /** Takes one request from the caller's bucket (the key's own limit, or the service's). */
  public Decision take(Caller caller) {
    return take(caller.id(), caller.requestsPerMinute(), System.nanoTime());
  }

  Decision take(String callerId, int ownLimit, long now) {
    int perMinute = Math.max(1, ownLimit > 0 ? ownLimit : properties.requestsPerMinute());
    int burst = Math.max(1, Math.min(properties.burst(), perMinute));
    double perNano = perMinute / 60e9;
    Bucket b = buckets.computeIfAbsent(callerId, k -> new Bucket(burst, now));
    synchronized (b) {
      b.tokens = Math.min(burst, b.tokens + (now - b.refilledAt) * perNano);
      b.refilledAt = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return new Decision(true, 0, perMinute);
      }
      long wait = (long) Math.ceil((1 - b.tokens) / perNano / 1e9);
      return new Decision(false, Math.max(1, wait), perMinute);
    }
  }
}
