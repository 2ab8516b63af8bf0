package io.ubi.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PRD 11: every endpoint requires a valid token (401 otherwise), roles gate each endpoint (403),
 * and a token only reaches its own tenant unless it is privileged (403). Errors are always {@code
 * {error, message, request_id}}.
 */
class ApiAccessTest {
  @TempDir static Path dir;
  static TestApi api;

  static final String SIGNALS_BODY =
      """
      {"tenant_id": "acme", "scope": "actor",
       "time_range": {"from": "2026-02-01T00:00:00Z", "to": "2026-03-02T00:00:00Z"}}""";

  /** Every endpoint but the open probes (PRD 11, summaries, ingest, the API's own document). */
  record Endpoint(String method, String path, String body) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static List<Endpoint> endpoints() {
    return List.of(
        new Endpoint("POST", "/v1/signals/ingest", "[" + Envelopes.valid("acme", "s-1") + "]"),
        new Endpoint("GET", "/v1/ubi/actors/alice/profile?tenant_id=acme", null),
        new Endpoint("POST", "/v1/ubi/query/signals", SIGNALS_BODY),
        new Endpoint("POST", "/v1/ubi/signals/s-1/feedback", "{\"verdict\": \"false_positive\"}"),
        new Endpoint("GET", "/v1/ubi/signals/quality?tenant_id=acme", null),
        new Endpoint("GET", "/v1/ubi/config/acme", null),
        new Endpoint("GET", "/v1/ubi/config/acme/history", null),
        new Endpoint("PUT", "/v1/ubi/config/acme", "{\"stale_after_minutes\": 30}"),
        new Endpoint("GET", "/v1/ubi/teams/core/summary", null),
        new Endpoint("GET", "/v1/ubi/tenant/summary", null),
        new Endpoint("GET", "/v1/ubi/export/features?from=2026-03-01&to=2026-03-02", null),
        new Endpoint("GET", "/openapi.json", null));
  }

  @BeforeAll
  static void start() {
    api = TestApi.start(dir);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @BeforeEach
  void reset() {
    api.publisher.reset();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void withoutATokenEveryEndpointAnswers401AsAnErrorDocument(Endpoint e) {
    HttpResponse<String> r = api.send(e.method(), e.path(), null, e.body());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonNode body = TestApi.json(r);
    assertThat(body.path("error").asText()).isEqualTo("unauthorized");
    assertThat(body.path("message").asText()).contains("Authorization: Bearer");
    assertThat(body.path("request_id").asText())
        .isNotBlank()
        .isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
    assertThat(api.publisher.published()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void aBadTokenIsRefusedWith401OnEveryEndpoint(Endpoint e) {
    Instant past = Instant.now().minusSeconds(7200);
    List<String> bad =
        List.of(
            "not-a-jwt",
            api.token(
                b -> b.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60)))),
            api.token(b -> b.audience("not-ubi")),
            api.token(b -> b.claim("tenant_id", null)),
            // Valid in every claim, but signed by another installation's key.
            api.tokenSignedByAnotherKey());
    for (String token : bad) {
      HttpResponse<String> r = api.send(e.method(), e.path(), token, e.body());
      assertThat(r.statusCode()).as(token).isEqualTo(401);
      JsonNode body = TestApi.json(r);
      assertThat(body.path("error").asText()).isEqualTo("unauthorized");
      assertThat(body.path("message").asText()).contains("token");
      assertThat(body.path("request_id").asText()).isNotBlank();
    }
    assertThat(api.publisher.published()).isEmpty();
  }

  @Test
  void aNonBearerAuthorizationSchemeIs401() {
    HttpResponse<String> r =
        api.send(
            "GET",
            "/v1/ubi/actors/alice/profile",
            null,
            null,
            "Authorization",
            "Basic YWxpY2U6c2VjcmV0");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(TestApi.json(r).path("message").asText()).contains("Bearer");
  }

  @Test
  void theCallersRequestIdIsEchoedInHeaderAndErrorBody() {
    HttpResponse<String> r =
        api.send("GET", "/v1/ubi/actors/alice/profile", null, null, "X-Request-Id", "trace-me-42");
    assertThat(r.headers().firstValue("X-Request-Id")).hasValue("trace-me-42");
    assertThat(TestApi.json(r).path("request_id").asText()).isEqualTo("trace-me-42");
  }

  @Test
  void aTenantAProfileRequestForTenantBIs403() {
    HttpResponse<String> r =
        api.get(
            "/v1/ubi/actors/alice/profile?tenant_id=globex", api.token("acme", "ubi:read:actor"));
    assertForbidden(r, "globex");
  }

  @Test
  void aTenantASignalQueryForTenantBIs403() {
    HttpResponse<String> r =
        api.post(
            "/v1/ubi/query/signals",
            api.token("acme", "ubi:read:actor", "ubi:read:team", "ubi:read:tenant"),
            SIGNALS_BODY.replace("\"acme\"", "\"globex\""));
    assertForbidden(r, "globex");
  }

  @Test
  void onlyPrivilegedTokensMayQueryEveryTenantOrAnotherTenant() {
    String all = SIGNALS_BODY.replace("\"acme\"", "\"*\"");
    assertForbidden(
        api.post("/v1/ubi/query/signals", api.token("acme", "ubi:read:actor"), all),
        "admin or product_ops");

    HttpResponse<String> admin = api.post("/v1/ubi/query/signals", api.token("acme", "admin"), all);
    assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
    assertThat(TestApi.json(admin).path("tenant_id").asText()).isEqualTo("*");

    HttpResponse<String> ops =
        api.post(
            "/v1/ubi/query/signals",
            api.token("acme", "product_ops"),
            SIGNALS_BODY.replace("\"acme\"", "\"globex\""));
    assertThat(ops.statusCode()).as(ops.body()).isEqualTo(200);
    assertThat(TestApi.json(ops).path("tenant_id").asText()).isEqualTo("globex");
  }

  @Test
  void theProfileNeedsTheActorRole() {
    // ST-UBI-02: a token allowed only aggregated data must not read an actor-level profile.
    HttpResponse<String> r =
        api.get(
            "/v1/ubi/actors/alice/profile", api.token("acme", "ubi:read:team", "ubi:read:tenant"));
    assertForbidden(r, "ubi:read:actor");
  }

  @Test
  void eachSignalScopeNeedsItsRole() {
    String token = api.token("acme", "ubi:read:actor");
    for (String scope : List.of("team", "tenant")) {
      HttpResponse<String> r =
          api.post(
              "/v1/ubi/query/signals",
              token,
              SIGNALS_BODY.replace("\"actor\"", "\"" + scope + "\""));
      assertForbidden(r, "ubi:read:" + scope);
    }
    HttpResponse<String> team =
        api.post(
            "/v1/ubi/query/signals",
            api.token("acme", "ubi:read:team"),
            SIGNALS_BODY.replace("\"actor\"", "\"team\""));
    assertThat(team.statusCode()).as(team.body()).isEqualTo(200);
  }

  @Test
  void ingestNeedsTheIngestRoleAndPublishesNothingWithoutIt() {
    HttpResponse<String> r =
        api.post(
            "/v1/signals/ingest",
            api.token("acme", "ubi:read:actor", "ubi:read:team", "ubi:read:tenant"),
            "[" + Envelopes.valid("acme", "s-1") + "]");
    assertForbidden(r, "ubi:ingest");
    assertThat(api.publisher.published()).isEmpty();
  }

  @Test
  void anUnknownEndpointWithAValidTokenIs404AsAnErrorDocument() {
    HttpResponse<String> r = api.get("/v1/ubi/nothing-here", api.token("acme", "ubi:read:actor"));
    assertThat(r.statusCode()).isEqualTo(404);
    JsonNode body = TestApi.json(r);
    assertThat(body.path("message").asText()).contains("/v1/ubi/nothing-here");
    assertThat(body.path("request_id").asText()).isNotBlank();
  }

  @Test
  void anActorWithNoDataIs404NotAnEmptyProfile() {
    HttpResponse<String> r =
        api.get("/v1/ubi/actors/nobody/profile", api.token("acme", "ubi:read:actor"));
    assertThat(r.statusCode()).isEqualTo(404);
    JsonNode body = TestApi.json(r);
    assertThat(body.path("error").asText()).isEqualTo("not_found");
    assertThat(body.path("message").asText()).contains("nobody").contains("acme");
  }

  static void assertForbidden(HttpResponse<String> r, String mentioned) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
    JsonNode body = TestApi.json(r);
    assertThat(body.path("error").asText()).isEqualTo("forbidden");
    assertThat(body.path("message").asText()).contains(mentioned);
    assertThat(body.path("request_id").asText()).isNotBlank();
  }
}
