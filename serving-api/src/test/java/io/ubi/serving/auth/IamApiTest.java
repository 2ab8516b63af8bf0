package io.ubi.serving.auth;

import static io.ubi.serving.auth.TestTokens.ec;
import static io.ubi.serving.auth.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.ECKey;
import io.javalin.Javalin;
import io.ubi.model.Json;
import io.ubi.model.config.ConfigVersion;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.privacy.Pseudonymizer;
import io.ubi.serving.RecordingPublisher;
import io.ubi.serving.UbiApi;
import io.ubi.serving.auth.LoopbackServer.Reply;
import io.ubi.serving.config.ConfigReceipts;
import io.ubi.serving.config.ConfigRepository;
import io.ubi.serving.read.LakeReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving API with IAM verifying its tokens: the tenant IAM names is the caller's, and tenant
 * isolation applies to it as to a locally verified token; IAM's refusals and outages reach the
 * client as 401 and 503.
 */
class IamApiTest {
  private static final ECKey KEY = ec("iam-1");

  @TempDir Path dir;
  private LoopbackServer iam;
  private Javalin api;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    iam =
        LoopbackServer.answering(
            r ->
                Reply.json(
                    200,
                    "{\"active\": true, \"sub\": \"alice\", \"tenant_id\": \"acme\","
                        + " \"roles\": [\"ubi:read:tenant\"]}"));
    UbiApi.Dependencies deps =
        new UbiApi.Dependencies(
            new IamAuthenticator(iam.url(""), Duration.ofSeconds(1), Duration.ZERO),
            new RecordingPublisher(),
            new RecordingPublisher(),
            new LakeReader(dir),
            new NoStore(),
            ConfigReceipts.DETERMINISTIC,
            List::of,
            new Pseudonymizer("test-pseudonym-key-0123456789abcdef0123"),
            io.ubi.model.privacy.FieldClassifier.NONE,
            Clock.systemUTC());
    api = UbiApi.create(deps, UbiApi.Settings.DEFAULT).start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    api.stop();
    iam.close();
  }

  @Test
  void theTenantIamNamesIsTheOnlyOneTheCallerReads() throws Exception {
    // The token claims globex; IAM says it is acme's, and acme's it is.
    String token = token(KEY, "globex");
    HttpResponse<String> own = get("/v1/ubi/config/acme/history", token);
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(own.body()).get("tenant_id").textValue()).isEqualTo("acme");

    HttpResponse<String> other = get("/v1/ubi/config/globex/history", token);
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(error(other)).isEqualTo("forbidden");
  }

  @Test
  void iamRefusalsAre401AndOutagesAre503ThroughTheApi() throws Exception {
    iam.answer = r -> Reply.json(200, "{\"active\": false}");
    HttpResponse<String> refused = get("/v1/ubi/config/acme/history", token(KEY, "acme"));
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(error(refused)).isEqualTo("unauthorized");

    iam.answer = r -> Reply.json(502, "{}");
    HttpResponse<String> down = get("/v1/ubi/config/acme/history", token(KEY, "acme"));
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(error(down)).isEqualTo("unavailable");
    assertThat(Json.MAPPER.readTree(down.body()).get("message").textValue())
        .contains("identity service");

    int calls = iam.count();
    HttpResponse<String> junk = get("/v1/ubi/config/acme/history", "not-a-token");
    assertThat(junk.statusCode()).isEqualTo(401);
    assertThat(iam.count()).isEqualTo(calls);
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String error(HttpResponse<String> response) throws Exception {
    JsonNode body = Json.MAPPER.readTree(response.body());
    return body.get("error").textValue();
  }

  /** Tenants' default settings, no stored versions. */
  private static final class NoStore implements ConfigRepository {
    @Override
    public TenantConfigs current() {
      return TenantConfigs.defaults();
    }

    @Override
    public List<ConfigVersion> history(String tenantId) {
      return List.of();
    }

    @Override
    public ConfigVersion store(
        String tenantId, ObjectNode settings, String changedBy, String reason, Instant at) {
      throw new UnsupportedOperationException("no store in this test");
    }
  }
}
