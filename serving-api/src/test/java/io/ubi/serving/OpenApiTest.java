package io.ubi.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document is the API: every route the app serves is in it and nothing else is; every
 * operation but the open probes needs a token; and the probes answer without one, revealing nothing
 * about any tenant.
 */
class OpenApiTest {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  @TempDir static Path dir;
  static TestApi api;

  @BeforeAll
  static void start() {
    api = TestApi.start(dir);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() {
    HttpResponse<String> r =
        api.send("GET", "/openapi.json", api.token("acme", "ubi:read:tenant"), null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode doc = TestApi.json(r);
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    Set<String> documented = new TreeSet<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        m -> {
                          if (METHODS.contains(m)) {
                            documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
                          }
                        }));
    assertThat(documented).containsExactlyInAnyOrderElementsOf(api.routes());
  }

  @Test
  void onlyTheProbesAreOpenAndTheDocumentSaysSo() {
    JsonNode doc =
        TestApi.json(api.send("GET", "/openapi.json", api.token("acme", "ubi:read:tenant"), null));
    assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
    assertThat(doc.at("/security/0").has("bearer")).isTrue();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fields()
                    .forEachRemaining(
                        op -> {
                          boolean open =
                              op.getValue().has("security")
                                  && op.getValue().get("security").isEmpty();
                          assertThat(open)
                              .as(op.getKey() + " " + p.getKey())
                              .isEqualTo(UbiApi.OPEN.contains(p.getKey()));
                        }));
    assertThat(api.send("GET", "/openapi.json", null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void theProbesAnswerWithoutATokenAndNameNoTenant() {
    HttpResponse<String> alive = api.send("GET", "/healthz", null, null);
    assertThat(alive.statusCode()).isEqualTo(200);
    assertThat(TestApi.json(alive).get("status").asText()).isEqualTo("alive");
    HttpResponse<String> ready = api.send("GET", "/readyz", null, null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(TestApi.json(ready).get("status").asText()).isEqualTo("ready");

    api.readinessProblems = List.of("event bus: not reachable within 2000 ms");
    try {
      HttpResponse<String> notReady = api.send("GET", "/readyz", null, null);
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(TestApi.json(notReady).get("status").asText()).isEqualTo("not_ready");
      assertThat(TestApi.json(notReady).get("reasons").get(0).asText()).contains("event bus");
      assertThat(notReady.body()).doesNotContain("acme");
    } finally {
      api.readinessProblems = List.of();
    }
  }
}
