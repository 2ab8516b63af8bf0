package io.ubi.serving.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.serving.TestApi;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Versions read back: {@code GET ?version=N} answers exactly what {@code GET} answered while
 * version N was in force, derived settings (the feature windows) included.
 */
class ConfigVersionsApiTest {
  private static final String PATH = "/v1/ubi/config/acme";

  @TempDir static Path dir;
  static TestApi api;
  static String token;

  @BeforeAll
  static void start() {
    api = TestApi.start(dir);
    token = api.token("acme", "ubi:read:tenant", "ubi:write:config");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static JsonNode ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return TestApi.json(r);
  }

  @Test
  void aStoredVersionReadsBackAsItWasAnsweredWhenCurrent() {
    JsonNode one =
        ok(
            api.send(
                "PUT",
                PATH,
                token,
                "{\"feature_windows\": {\"windows_days\": [1, 7, 14],"
                    + " \"min_support\": {\"after_hours_share\": 20}}}"));
    JsonNode whileOne = ok(api.get(PATH, token)).get("config");
    assertThat(whileOne.at("/feature_windows/windows_days").toString()).isEqualTo("[1,7,14]");
    assertThat(whileOne.at("/feature_windows/min_support/after_hours_share").asDouble())
        .isEqualTo(20.0);

    ok(api.send("PUT", PATH, token, "{\"stale_after_minutes\": 15}"));
    assertThat(ok(api.get(PATH, token)).get("version").asInt())
        .isEqualTo(one.get("version").asInt() + 1);

    JsonNode readBack = ok(api.get(PATH + "?version=" + one.get("version").asInt(), token));
    assertThat(readBack.get("config")).isEqualTo(whileOne);
    assertThat(readBack.get("reason").asText()).isEqualTo("changed through the config API");
  }
}
