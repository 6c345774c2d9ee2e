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

  /** Takes one request from the caller's bucket. */
  public Decision take(String callerId) {
    return take(callerId, System.nanoTime());
  }

  Decision take(String callerId, long now) {
    int perMinute = Math.max(1, properties.requestsPerMinute());
    int burst = Math.max(1, properties.burst());
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
