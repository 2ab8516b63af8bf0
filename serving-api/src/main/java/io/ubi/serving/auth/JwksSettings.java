package io.ubi.serving.auth;

import java.time.Duration;

/**
 * How key sets fetched over http are kept: a fetched JWKS is used for {@code cacheTtl}; a token
 * whose key id is not in it makes UBI fetch the set again (key rotation), but at most twice per
 * {@code minRefreshInterval} for each tenant, so tokens with made-up key ids cannot hammer the key
 * server. {@code fetchTimeout} bounds one fetch; at most {@code maxTenants} tenants' sources are
 * kept (the least recently used is dropped first). Key files are read again whenever they change.
 */
public record JwksSettings(
    Duration cacheTtl, Duration minRefreshInterval, Duration fetchTimeout, int maxTenants) {
  public static final JwksSettings DEFAULT =
      new JwksSettings(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(2), 1000);

  public JwksSettings {
    if (minRefreshInterval.isNegative()
        || minRefreshInterval.isZero()
        || cacheTtl.compareTo(minRefreshInterval) <= 0) {
      throw new IllegalArgumentException(
          "The least interval between JWKS refreshes ("
              + minRefreshInterval
              + ") must be positive and shorter than the JWKS cache time ("
              + cacheTtl
              + ")");
    }
    if (fetchTimeout.isNegative() || fetchTimeout.isZero() || maxTenants < 1) {
      throw new IllegalArgumentException(
          "The JWKS fetch timeout and tenant bound must be positive");
    }
  }

  public JwksSettings withCache(Duration ttl, Duration minRefresh) {
    return new JwksSettings(ttl, minRefresh, fetchTimeout, maxTenants);
  }
}
