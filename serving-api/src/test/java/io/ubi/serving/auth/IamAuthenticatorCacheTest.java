package io.ubi.serving.auth;

import static io.ubi.serving.auth.TestTokens.assertFails;
import static io.ubi.serving.auth.TestTokens.ec;
import static io.ubi.serving.auth.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import io.ubi.serving.auth.LoopbackServer.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IAM's positive answers are reused briefly; refusals and stale answers are not. */
class IamAuthenticatorCacheTest {
  private static final ECKey KEY = ec("iam-1");

  private final MovableClock clock = new MovableClock(Instant.now());
  private LoopbackServer iam;
  private IamAuthenticator auth;
  private volatile long exp;

  @BeforeEach
  void start() throws Exception {
    exp = clock.instant().plusSeconds(600).getEpochSecond();
    iam =
        LoopbackServer.answering(
            r ->
                Reply.json(
                    200,
                    "{\"active\": true, \"sub\": \"alice\", \"tenant_id\": \"acme\", \"exp\": "
                        + exp
                        + "}"));
    auth = new IamAuthenticator(iam.url(""), Duration.ofSeconds(2), Duration.ofSeconds(30), clock);
  }

  @AfterEach
  void stop() {
    iam.close();
  }

  @Test
  void aSecondCallWithTheSameTokenDoesNotReachIamUntilTheCacheTimePasses() {
    String token = token(KEY, "acme");
    assertThat(auth.authenticate(token).tenantId()).isEqualTo("acme");
    assertThat(auth.authenticate(token).subject()).isEqualTo("alice");
    assertThat(iam.count()).isEqualTo(1);

    String other = token(ec("iam-2"), "acme");
    auth.authenticate(other);
    assertThat(iam.count()).as("another token is another question").isEqualTo(2);

    clock.move(Duration.ofSeconds(29));
    auth.authenticate(token);
    assertThat(iam.count()).isEqualTo(2);
    clock.move(Duration.ofSeconds(2));
    auth.authenticate(token);
    assertThat(iam.count()).as("asked again after 30 s").isEqualTo(3);
  }

  @Test
  void anAnswerIsNotReusedPastTheTokensExpiry() {
    exp = clock.instant().plusSeconds(5).getEpochSecond();
    String token = token(KEY, "acme");
    auth.authenticate(token);
    clock.move(Duration.ofSeconds(4));
    auth.authenticate(token);
    assertThat(iam.count()).isEqualTo(1);
    clock.move(Duration.ofSeconds(2));
    iam.answer = r -> Reply.json(200, "{\"active\": false}");
    assertFails(401, () -> auth.authenticate(token), "not active");
    assertThat(iam.count()).isEqualTo(2);
  }

  @Test
  void refusalsAndOutagesAreNotCached() {
    String token = token(KEY, "acme");
    iam.answer = r -> Reply.json(200, "{\"active\": false}");
    assertFails(401, () -> auth.authenticate(token), "not active");
    iam.answer = r -> Reply.json(503, "{}");
    assertFails(503, () -> auth.authenticate(token), "unavailable");
    assertThat(iam.count()).isEqualTo(2);
    assertThat(auth.cached()).isZero();
  }

  @Test
  void theCacheIsBoundedAndKeyedByAHashNotTheToken() {
    VerifiedTokenCache<Principal> cache =
        new VerifiedTokenCache<>(clock, Duration.ofSeconds(30), 2);
    Principal p = new Principal("alice", "acme", java.util.Set.of());
    cache.put("t1", p, null);
    cache.put("t2", p, null);
    cache.get("t1");
    cache.put("t3", p, null);
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get("t2")).as("the least recently used is dropped").isNull();
    assertThat(cache.get("t1")).isEqualTo(p);
    assertThat(cache.get("t3")).isEqualTo(p);
    assertThat(new VerifiedTokenCache<Principal>(clock, Duration.ZERO, 2).get("t1")).isNull();
  }

  /** A clock the test moves forward. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void move(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
