package io.ubi.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token buckets per tenant, on a clock the test moves. */
class TenantRateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final TenantRateLimiter limiter = new TenantRateLimiter(2, 3, now::get);

  @Test
  void aBurstIsAllowedThenTheRateAndTheRefusalSaysWhenToRetry() {
    for (int i = 0; i < 3; i++) {
      limiter.acquire("acme");
    }
    assertThatThrownBy(() -> limiter.acquire("acme"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.error()).isEqualTo("rate_limited");
              assertThat(e.retryAfterSeconds()).isEqualTo(1);
              assertThat(e.getMessage()).contains("2 per second, bursts of 3");
            });
    now.addAndGet(500_000_000L); // half a second at 2/s refills one request
    limiter.acquire("acme");
    assertThatThrownBy(() -> limiter.acquire("acme")).isInstanceOf(ApiException.class);
  }

  @Test
  void tenantsHaveTheirOwnAllowance() {
    for (int i = 0; i < 3; i++) {
      limiter.acquire("acme");
    }
    assertThatThrownBy(() -> limiter.acquire("acme")).isInstanceOf(ApiException.class);
    limiter.acquire("globex");
  }

  @Test
  void anIdleTenantRefillsOnlyUpToItsBurst() {
    now.addAndGet(3_600_000_000_000L);
    for (int i = 0; i < 3; i++) {
      limiter.acquire("acme");
    }
    assertThatThrownBy(() -> limiter.acquire("acme")).isInstanceOf(ApiException.class);
  }

  @Test
  void retryAfterRoundsUpToWholeSeconds() {
    TenantRateLimiter slow = new TenantRateLimiter(0.1, 1, now::get);
    slow.acquire("acme");
    assertThatThrownBy(() -> slow.acquire("acme"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(10));
  }

  @Test
  void nonsenseLimitsAreRefused() {
    assertThatThrownBy(() -> new TenantRateLimiter(0, 5, now::get))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TenantRateLimiter(5, 0, now::get))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
