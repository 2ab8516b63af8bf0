package io.ubi.serving.auth;

import static io.ubi.serving.auth.TestTokens.assertFails;
import static io.ubi.serving.auth.TestTokens.claims;
import static io.ubi.serving.auth.TestTokens.ec;
import static io.ubi.serving.auth.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.PlainJWT;
import io.ubi.model.Json;
import io.ubi.serving.auth.LoopbackServer.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link IamAuthenticator} against a real IAM stand-in on loopback: every kind of answer. */
class IamAuthenticatorTest {
  private static final ECKey KEY = ec("iam-1");
  private static final String VERIFY = "/iam/v1/verify";

  private LoopbackServer iam;
  private IamAuthenticator auth;

  @BeforeEach
  void start() throws Exception {
    iam = LoopbackServer.answering(r -> active("alice", "acme"));
    auth = new IamAuthenticator(iam.url("/"), Duration.ofMillis(800), Duration.ZERO);
  }

  @AfterEach
  void stop() {
    iam.close();
  }

  static Reply active(String sub, String tenant) {
    long exp = Instant.now().plusSeconds(600).getEpochSecond();
    return Reply.json(
        200,
        "{\"active\": true, \"sub\": \""
            + sub
            + "\", \"tenant_id\": \""
            + tenant
            + "\", \"roles\": [\"ubi:read:team\", \"admin\"], \"exp\": "
            + exp
            + "}");
  }

  @Test
  void anActiveAnswerNamesTheCallerAndIamGetsTheTokenAsJson() throws Exception {
    String token = token(KEY, "acme");
    Principal p = auth.authenticate(token);
    assertThat(p.subject()).isEqualTo("alice");
    assertThat(p.tenantId()).isEqualTo("acme");
    assertThat(p.roles()).containsExactlyInAnyOrder("ubi:read:team", "admin");
    LoopbackServer.Request request = iam.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(VERIFY);
    assertThat(request.contentType()).isEqualTo("application/json");
    JsonNode body = Json.MAPPER.readTree(request.body());
    assertThat(body.size()).isEqualTo(1);
    assertThat(body.get("token").textValue()).isEqualTo(token);
    assertThat(auth.verifyUri().toString()).isEqualTo(iam.url(VERIFY));
  }

  @Test
  void rolesMayBeAbsentAndExpMayBeUnsaid() {
    iam.answer =
        r -> Reply.json(200, "{\"active\": true, \"sub\": \"bob\", \"tenant_id\": \"globex\"}");
    Principal p = auth.authenticate(token(KEY, "globex"));
    assertThat(p.roles()).isEmpty();
    assertThat(p.tenantId()).isEqualTo("globex");
  }

  @Test
  void anInactiveTokenOrARefusalByIamIs401() {
    iam.answer = r -> Reply.json(200, "{\"active\": false}");
    assertFails(401, () -> auth.authenticate(token(KEY, "acme")), "not active");
    for (int status : new int[] {400, 401, 403}) {
      iam.answer = r -> Reply.json(status, "{\"error\": \"invalid_token\"}");
      assertFails(401, () -> auth.authenticate(token(KEY, "acme")), "HTTP " + status);
    }
  }

  @Test
  void noVerdictFromIamIs503NeverAPass() {
    for (int status : new int[] {500, 502, 503, 404, 429}) {
      iam.answer =
          r -> Reply.json(status, "{\"active\": true, \"sub\": \"a\", \"tenant_id\": \"acme\"}");
      assertFails(
              503, () -> auth.authenticate(token(KEY, "acme")), "identity service", "unavailable")
          .as("HTTP " + status);
    }
    iam.answer = r -> new Reply(307, null, "", 0);
    assertFails(503, () -> auth.authenticate(token(KEY, "acme")), "HTTP 307");
    assertThat(iam.count("/moved")).as("redirects are not followed").isZero();
  }

  @Test
  void aSlowIamTimesOutWith503() {
    iam.answer = r -> new Reply(200, "application/json", active("a", "acme").body(), 3000);
    long started = System.nanoTime();
    assertFails(503, () -> auth.authenticate(token(KEY, "acme")), "did not answer within 800 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void anIamThatRefusesConnectionsIs503() throws Exception {
    IamAuthenticator down =
        new IamAuthenticator(
            LoopbackServer.closedPortUrl(""), Duration.ofMillis(800), Duration.ZERO);
    assertFails(503, () -> down.authenticate(token(KEY, "acme")), "cannot be reached");
  }

  @Test
  void anAnswerThatIsNotAVerificationAnswerIs503() {
    List<Reply> garbage =
        List.of(
            Reply.json(200, "{\"active\": tru"),
            Reply.json(200, ""),
            Reply.json(200, "[{\"active\": true}]"),
            Reply.json(200, "\"active\""),
            Reply.json(200, "{\"sub\": \"alice\", \"tenant_id\": \"acme\"}"),
            Reply.json(200, "{\"active\": \"true\", \"sub\": \"alice\", \"tenant_id\": \"acme\"}"),
            Reply.json(200, "{\"active\": 1, \"sub\": \"alice\", \"tenant_id\": \"acme\"}"),
            new Reply(200, "text/html", "<html>active: true</html>", 0),
            new Reply(200, null, active("alice", "acme").body(), 0));
    for (Reply reply : garbage) {
      iam.answer = r -> reply;
      assertFails(503, () -> auth.authenticate(token(KEY, "acme")), "unavailable")
          .as(reply.toString());
    }
  }

  @Test
  void anActiveAnswerWithMissingOrWrongClaimsIs401() {
    long past = Instant.now().minusSeconds(5).getEpochSecond();
    List<String> wrong =
        List.of(
            "{\"active\": true, \"tenant_id\": \"acme\"}",
            "{\"active\": true, \"sub\": \"alice\"}",
            "{\"active\": true, \"sub\": \"\", \"tenant_id\": \"acme\"}",
            "{\"active\": true, \"sub\": 42, \"tenant_id\": \"acme\"}",
            "{\"active\": true, \"sub\": \"alice\", \"tenant_id\": 7}",
            "{\"active\": true, \"sub\": \"alice\", \"tenant_id\": \"../globex\"}",
            "{\"active\": true, \"sub\": \"alice\", \"tenant_id\": [\"acme\"]}",
            "{\"active\": true, \"sub\": \"alice\", \"tenant_id\": \"acme\", \"roles\": \"admin\"}",
            "{\"active\": true, \"sub\": \"alice\", \"tenant_id\": \"acme\", \"roles\": [1]}",
            "{\"active\": true, \"sub\": \"alice\", \"tenant_id\": \"acme\", \"exp\": \"soon\"}",
            "{\"active\": true, \"sub\": \"alice\", \"tenant_id\": \"acme\", \"exp\": 1.5e9}",
            "{\"active\": true, \"sub\": \"alice\", \"tenant_id\": \"acme\", \"exp\": "
                + past
                + "}");
    for (String body : wrong) {
      iam.answer = r -> Reply.json(200, body);
      assertFails(401, () -> auth.authenticate(token(KEY, "acme")), "identity service").as(body);
    }
  }

  @Test
  void junkIsRefusedLocallyWithoutCallingIam() {
    String[] parts = token(KEY, "acme").split("\\.");
    List<String> junk =
        List.of(
            "",
            "abc",
            "a.b",
            "not.a.jwt",
            "a.b.c.d.e",
            new PlainJWT(claims("acme", b -> b)).serialize(),
            "eyJhbGciOiJOb25lIn0." + parts[1] + "." + parts[2],
            parts[0] + "." + parts[1] + ".",
            parts[0] + ".%%%." + parts[2],
            "x".repeat(TokenShape.MAX_CHARS + 1));
    for (String token : junk) {
      assertFails(401, () -> auth.authenticate(token)).as(token);
    }
    assertThat(iam.count()).isZero();
  }

  @Test
  void onlyHttpsOrLoopbackHttpIsAccepted() {
    assertThatThrownBy(
            () ->
                new IamAuthenticator(
                    "http://iam.example.com", Duration.ofSeconds(1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use https");
    assertThat(IamAuthenticator.urlProblem("https://iam.example.com/base/")).isNull();
    assertThat(
            new IamAuthenticator(
                    "https://iam.example.com/base/", Duration.ofSeconds(1), Duration.ZERO)
                .verifyUri())
        .hasToString("https://iam.example.com/base/iam/v1/verify");
    assertThat(IamAuthenticator.urlProblem("http://localhost:9000")).isNull();
    assertThat(IamAuthenticator.urlProblem("iam.example.com")).isNotNull();
    assertThat(IamAuthenticator.urlProblem("https://iam.example.com?x=1")).contains("query");
  }
}
