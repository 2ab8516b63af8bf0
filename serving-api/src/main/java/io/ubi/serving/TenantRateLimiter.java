package io.ubi.serving;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Requests per tenant as token buckets: each tenant (the verified token's, so one tenant cannot
 * spend another's allowance) may make {@code burst} requests at once and {@code perSecond} on
 * average. A request over the allowance is answered 429 with the whole seconds until the next one
 * is allowed, as {@code Retry-After}. Buckets of tenants idle long enough to be full again are
 * dropped when the map grows past {@link #MAX_TRACKED}, so memory stays bounded.
 */
final class TenantRateLimiter {
  static final int MAX_TRACKED = 10_000;

  private final double perNano;
  private final double burst;
  private final LongSupplier nanos;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  TenantRateLimiter(double perSecond, int burst, LongSupplier nanos) {
    if (!(perSecond > 0) || burst < 1) {
      throw new IllegalArgumentException(
          "A rate limit needs a positive rate and a burst of at least 1, got "
              + perSecond
              + "/s and "
              + burst);
    }
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.nanos = nanos;
  }

  /** Takes one request from the tenant's allowance, or throws the 429 that says when to retry. */
  void acquire(String tenant) {
    long now = nanos.getAsLong();
    if (buckets.size() > MAX_TRACKED) {
      buckets.values().removeIf(b -> b.fullAt(now));
    }
    long waitNanos = buckets.computeIfAbsent(tenant, t -> new Bucket(now)).take(now);
    if (waitNanos > 0) {
      long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
      throw ApiException.tooManyRequests(
          "Tenant '"
              + tenant
              + "' is over its request rate ("
              + Math.round(perNano * 1e9)
              + " per second, bursts of "
              + (long) burst
              + "); retry after "
              + seconds
              + " s.",
          seconds);
    }
  }

  private final class Bucket {
    private double tokens = burst;
    private long at;

    Bucket(long now) {
      this.at = now;
    }

    synchronized long take(long now) {
      tokens = Math.min(burst, tokens + (now - at) * perNano);
      at = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) / perNano);
    }

    synchronized boolean fullAt(long now) {
      return tokens + (now - at) * perNano >= burst;
    }
  }
}
