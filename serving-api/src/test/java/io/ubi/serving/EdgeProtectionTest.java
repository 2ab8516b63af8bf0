package io.ubi.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Limits at the edge over HTTP: a tenant over its request rate gets 429 with {@code Retry-After}
 * while another tenant is served, and envelopes past the per-envelope bounds are rejected per item
 * while the rest of their batch is accepted.
 */
class EdgeProtectionTest {
  @TempDir static Path dir;
  static TestApi api;

  @BeforeAll
  static void start() {
    // One request per minute after a burst of three: the test cannot outrun a refill.
    api = TestApi.start(dir, UbiApi.Settings.DEFAULT.withRate(1.0 / 60, 3));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void aTenantOverItsRateIsToldWhenToRetryAndOthersAreServed() {
    String flood = api.token("flood", TestApi.ALL_READ_ROLES.toArray(String[]::new));
    for (int i = 0; i < 3; i++) {
      assertThat(api.get("/v1/ubi/signals/quality", flood).statusCode()).isEqualTo(200);
    }
    HttpResponse<String> refused = api.get("/v1/ubi/signals/quality", flood);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
    JsonNode body = TestApi.json(refused);
    assertThat(body.path("error").asText()).isEqualTo("rate_limited");
    assertThat(body.path("message").asText()).contains("'flood'");
    assertThat(body.path("request_id").asText()).isNotBlank();

    String calm = api.token("calm", TestApi.ALL_READ_ROLES.toArray(String[]::new));
    assertThat(api.get("/v1/ubi/signals/quality", calm).statusCode()).isEqualTo(200);
  }

  @Test
  void theProbesAreNeverRateLimited() {
    for (int i = 0; i < 10; i++) {
      assertThat(api.get("/healthz", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void envelopesPastTheBoundsAreRejectedPerItemWithoutTheirBulk() {
    String token = api.token("bounds", "ubi:ingest");
    ObjectNode ok = Envelopes.valid("bounds", "s-ok");
    ObjectNode huge = Envelopes.valid("bounds", "s-huge");
    huge.with("payload").put("body", "x".repeat(200 * 1024));
    ObjectNode deep = Envelopes.valid("bounds", "s-deep");
    ObjectNode at = deep.putObject("payload");
    for (int i = 0; i < 900; i++) {
      at = at.putObject("n");
    }
    HttpResponse<String> r =
        api.post(
            "/v1/signals/ingest",
            token,
            Json.write(Json.MAPPER.createArrayNode().add(ok).add(huge).add(deep)));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = TestApi.json(r);
    assertThat(body.path("accepted").asInt()).isEqualTo(1);
    assertThat(body.at("/results/1/errors/0").asText())
        .startsWith("payload.body: a string of 204800 characters");
    assertThat(body.at("/results/2/errors/0").asText()).contains("nests deeper than 10 levels");
    assertThat(r.body()).hasSizeLessThan(4096);
    assertThat(api.publisher.published()).hasSize(1);
  }
}
