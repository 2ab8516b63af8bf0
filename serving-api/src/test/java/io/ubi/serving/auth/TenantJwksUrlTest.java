package io.ubi.serving.auth;

import static io.ubi.serving.auth.TestTokens.ISSUER;
import static io.ubi.serving.auth.TestTokens.assertFails;
import static io.ubi.serving.auth.TestTokens.ec;
import static io.ubi.serving.auth.TestTokens.jwks;
import static io.ubi.serving.auth.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import io.ubi.serving.auth.LoopbackServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One JWKS URL per tenant ({@code /spaces/{tenant_id}/jwks.json}) on a real key server on loopback:
 * isolation, rotation by key id without a restart, and refreshes rate limited.
 */
class TenantJwksUrlTest {
  private static final ECKey ACME = ec("acme-1");
  private static final ECKey GLOBEX = ec("globex-1");
  private static final String ACME_PATH = "/spaces/acme/jwks.json";
  private static final Duration MIN_REFRESH = Duration.ofMillis(700);

  /** What the key server holds: a JWKS per path; any other path is 404. */
  private final Map<String, String> served = new ConcurrentHashMap<>();

  private LoopbackServer keyServer;
  private JwtAuthenticator auth;

  @BeforeEach
  void keyServerWithTwoTenants() throws Exception {
    served.put(ACME_PATH, jwks(ACME));
    served.put("/spaces/globex/jwks.json", jwks(GLOBEX));
    keyServer =
        LoopbackServer.answering(
            r -> {
              String body = served.get(r.path());
              return body == null ? Reply.json(404, "{}") : Reply.json(200, body);
            });
    auth = authenticator(keyServer.url("/spaces/{tenant_id}/jwks.json"));
  }

  @AfterEach
  void stop() {
    keyServer.close();
  }

  private static JwtAuthenticator authenticator(String template) {
    return JwtAuthenticator.fromJwks(
        template, ISSUER, JwksSettings.DEFAULT.withCache(Duration.ofMinutes(5), MIN_REFRESH));
  }

  @Test
  void eachTenantsTokensVerifyWithItsOwnKeysFetchedOnceEach() {
    for (int i = 0; i < 3; i++) {
      assertThat(auth.authenticate(token(ACME, "acme")).tenantId()).isEqualTo("acme");
      assertThat(auth.authenticate(token(GLOBEX, "globex")).tenantId()).isEqualTo("globex");
    }
    assertThat(keyServer.count(ACME_PATH)).isEqualTo(1);
    assertThat(keyServer.count("/spaces/globex/jwks.json")).isEqualTo(1);
  }

  @Test
  void aTokenClaimingAnotherTenantIsCheckedAgainstThatTenantsKeysAndRefused() {
    assertFails(401, () -> auth.authenticate(token(GLOBEX, "acme")), "tenant 'acme'", "globex-1");
    assertFails(401, () -> auth.authenticate(token(ACME, "globex")), "tenant 'globex'");
  }

  @Test
  void aTenantTheKeyServerDoesNotKnowIsRefusedWith401() {
    assertFails(401, () -> auth.authenticate(token(ec("x-1"), "initech")), "no trusted key set");
    assertThat(keyServer.count("/spaces/initech/jwks.json")).isEqualTo(1);
  }

  @Test
  void aKeyServerThatCannotAnswerMakesTokensUnavailableNeverAccepted() throws Exception {
    keyServer.answer = r -> Reply.json(500, "{}");
    assertFails(503, () -> auth.authenticate(token(ACME, "acme")), "unavailable");
    keyServer.answer = r -> Reply.json(200, "<html>maintenance</html>");
    assertFails(503, () -> auth.authenticate(token(GLOBEX, "globex")), "unavailable");
    keyServer.answer = r -> new Reply(302, null, "", 0);
    assertFails(503, () -> auth.authenticate(token(ec("i-1"), "initech")), "unavailable");
    assertThat(keyServer.count("/moved")).as("redirects are not followed").isZero();

    JwtAuthenticator down =
        authenticator(LoopbackServer.closedPortUrl("/spaces/{tenant_id}/jwks.json"));
    assertFails(503, () -> down.authenticate(token(ACME, "acme")), "unavailable");
  }

  @Test
  void aNewKeyIdIsFetchedWithoutARestartAndTheOldKeyWorksWhileStillInTheSet() {
    ECKey next = ec("acme-2");
    String oldToken = token(ACME, "acme");
    assertThat(auth.authenticate(oldToken).tenantId()).isEqualTo("acme");
    assertThat(keyServer.count(ACME_PATH)).isEqualTo(1);

    served.put(ACME_PATH, jwks(ACME, next));
    assertThat(auth.authenticate(token(next, "acme")).tenantId()).isEqualTo("acme");
    assertThat(keyServer.count(ACME_PATH)).as("the unknown kid refreshed the set").isEqualTo(2);
    assertThat(auth.authenticate(oldToken).tenantId()).isEqualTo("acme");
    assertThat(auth.authenticate(token(next, "acme")).subject()).isEqualTo("alice");
    assertThat(keyServer.count(ACME_PATH)).as("known kids are served from the cache").isEqualTo(2);
  }

  @Test
  void refreshesForUnknownKeyIdsAreRateLimitedPerTenant() throws Exception {
    assertThat(auth.authenticate(token(ACME, "acme")).tenantId()).isEqualTo("acme");
    for (int i = 0; i < 25; i++) {
      String sprayed = token(ec("random-" + i), "acme");
      assertFails(401, () -> auth.authenticate(sprayed), "no key in the trusted JWKS");
    }
    // The first load, then one refresh: the rate limiter allows two fetches per interval.
    assertThat(keyServer.count(ACME_PATH)).isEqualTo(2);
    // Another tenant's refreshes are not held up by acme's.
    assertThat(auth.authenticate(token(GLOBEX, "globex")).tenantId()).isEqualTo("globex");

    // Once the interval has passed, a genuinely new key is fetched and accepted.
    ECKey next = ec("acme-2");
    served.put(ACME_PATH, jwks(ACME, next));
    Thread.sleep(MIN_REFRESH.toMillis() + 300);
    assertThat(auth.authenticate(token(next, "acme")).tenantId()).isEqualTo("acme");
    assertThat(keyServer.count(ACME_PATH)).isEqualTo(3);
  }

  @Test
  void tenantIdsThatCouldChangeTheUrlAreRefusedWithoutAnyRequest() {
    ECKey attacker = ec("evil-1");
    served.put("/evil.json", jwks(attacker));
    for (String tenant :
        List.of(
            "..",
            "../../evil.json?",
            "acme/../../../evil.json",
            "acme?x=",
            "acme#",
            "%2e%2e",
            "acme%2F..",
            "acme@evil.example",
            "acme jwks",
            "a".repeat(65))) {
      assertFails(401, () -> auth.authenticate(token(attacker, tenant)), "tenant_id").as(tenant);
    }
    assertThat(keyServer.count()).isZero();
  }

  @Test
  void oneSharedJwksUrlStillServesEveryTenant() {
    served.put("/jwks.json", jwks(ACME, GLOBEX));
    JwtAuthenticator shared = authenticator(keyServer.url("/jwks.json"));
    assertThat(shared.authenticate(token(ACME, "acme")).tenantId()).isEqualTo("acme");
    assertThat(shared.authenticate(token(GLOBEX, "acme")).tenantId()).isEqualTo("acme");
    assertThat(shared.authenticate(token(ACME, "globex")).tenantId()).isEqualTo("globex");
    assertThat(keyServer.count("/jwks.json")).isEqualTo(1);
  }
}
