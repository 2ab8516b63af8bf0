package io.ubi.serving.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens verified (IAM's positive answers, signatures checked against the JWKS), kept briefly so
 * that a client sending the same token again does not cost a call or a signature check each time:
 * keyed by the SHA-256 of the token (the token itself is not kept), each until its {@code exp} or
 * {@code maxAge} after the answer, whichever is first, and at most {@code maxEntries} of them (the
 * least recently used dropped first). Refusals are never kept.
 */
final class VerifiedTokenCache<V> {
  private record Entry<V>(V value, Instant until) {}

  private final Clock clock;
  private final java.time.Duration maxAge;
  private final Map<String, Entry<V>> entries;

  VerifiedTokenCache(Clock clock, java.time.Duration maxAge, int maxEntries) {
    this.clock = clock;
    this.maxAge = maxAge;
    this.entries =
        new LinkedHashMap<>(256, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
            return size() > maxEntries;
          }
        };
  }

  /** The principal {@code token} was verified as, if that is still fresh. */
  V get(String token) {
    return maxAge.isZero() ? null : lookup(key(token));
  }

  /**
   * Keeps the verified principal of {@code token}, which expires at {@code exp} (null if not said).
   */
  void put(String token, V value, Instant exp) {
    if (maxAge.isZero()) {
      return;
    }
    Instant until = clock.instant().plus(maxAge);
    if (exp != null && exp.isBefore(until)) {
      until = exp;
    }
    store(key(token), new Entry<>(value, until));
  }

  private synchronized V lookup(String key) {
    Entry<V> entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    if (!clock.instant().isBefore(entry.until())) {
      entries.remove(key);
      return null;
    }
    return entry.value();
  }

  private synchronized void store(String key, Entry<V> entry) {
    entries.put(key, entry);
  }

  synchronized int size() {
    return entries.size();
  }

  private static String key(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
