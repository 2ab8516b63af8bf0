package io.ubi.serving.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.lakehouse.Tables;
import io.ubi.model.Json;
import io.ubi.model.config.TenantConfigs;
import io.ubi.serving.LakeFixture;
import io.ubi.serving.SignalFixture;
import io.ubi.serving.TestApi;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant that switches a scope off is served none of its signals, those stored before included
 * (PRD FR-7, FM-UBI-01); the same stored signals are served to a tenant that has not.
 */
class SignalSwitchesApiTest {
  @TempDir static Path dir;
  static TestApi api;
  static String token;

  @BeforeAll
  static void start() {
    api =
        TestApi.start(
            dir,
            TenantConfigs.of(
                Map.of(
                    "acme",
                    TenantConfigs.parse(
                        "acme", Json.parse("{\"signals\": {\"disabled_scopes\": [\"team\"]}}")))));
    token = api.token("acme", "ubi:read:actor", "ubi:read:team");
    String alice = api.pseudonymizer.pseudonymise("acme", "alice@example.com");
    new LakeFixture(api.lake)
        .append(
            Tables.BEHAVIOURAL_SIGNALS,
            List.of(
                SignalFixture.row(
                    "s1",
                    "acme",
                    "actor",
                    alice,
                    "activity",
                    "risk",
                    "WARN",
                    "2026-02-26",
                    "2026-02-27T00:00:00Z",
                    null),
                SignalFixture.row(
                    "s2",
                    "acme",
                    "team",
                    "team-core",
                    "activity",
                    "risk",
                    "WARN",
                    "2026-02-26",
                    "2026-02-27T00:00:00Z",
                    null)));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static JsonNode query(String scope) {
    HttpResponse<String> r =
        api.post(
            "/v1/ubi/query/signals",
            token,
            "{\"tenant_id\": \"acme\", \"scope\": \""
                + scope
                + "\", \"time_range\": {\"from\": \"2026-02-01T00:00:00Z\","
                + " \"to\": \"2026-03-02T00:00:00Z\"}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return TestApi.json(r).get("signals");
  }

  @Test
  void aSwitchedOffScopeIsServedNothingAndTheOthersAsBefore() {
    assertThat(query("team")).isEmpty();
    assertThat(query("actor")).hasSize(1);
    assertThat(query("actor").get(0).get("signal_id").asText()).isEqualTo("s1");
  }
}
