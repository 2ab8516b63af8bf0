package io.ubi.serving.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;
import io.ubi.serving.Envelopes;
import io.ubi.serving.TestApi;
import io.ubi.serving.auth.LoopbackServer;
import io.ubi.serving.auth.LoopbackServer.Reply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest API with a Data Governance classification service, a real HTTP server on loopback: its
 * verdicts are applied on top of UBI's rules, it is asked only about the kept text fields that are
 * not identities, and when it cannot answer (5xx, too slow, garbage, refused) ingest goes on under
 * UBI's rules alone.
 */
class GovernanceClassificationTest {
  @TempDir static Path dir;
  static TestApi api;
  static LoopbackServer governance;
  static String token;

  @BeforeAll
  static void start() throws Exception {
    api = TestApi.start(dir);
    governance = new LoopbackServer();
    // No pause after a failure, so that each case below reaches the server.
    api.governance =
        new GovernanceClassifier(governance.url(""), Duration.ofMillis(500), Duration.ZERO);
    token = api.token("acme", "ubi:ingest");
  }

  @AfterAll
  static void stop() {
    api.close();
    governance.close();
  }

  @BeforeEach
  void reset() {
    api.publisher.reset();
  }

  /** An envelope whose kept repo name UBI's rules find harmless, and a secret they do catch. */
  private static ObjectNode envelope(String id) {
    ObjectNode e = Envelopes.valid("acme", id);
    e.with("resource").put("repo", "alice-private-notes").put("module", "password=hunter22");
    return e;
  }

  private static JsonNode sent() {
    return Json.parse(api.publisher.published().get(0).json());
  }

  @Test
  void itsVerdictIsAppliedOnTopOfUbisRules() {
    governance.answer =
        r -> Reply.json(200, "{\"classifications\": {\"resource.repo\": \"personal\"}}");
    HttpResponse<String> r =
        api.post("/v1/signals/ingest", token, Envelopes.batch(envelope("g-1")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode minimised = TestApi.json(r).at("/results/0/minimised");
    assertThat(minimised.get("resource.repo").asText()).isEqualTo("dropped:governance_personal");
    assertThat(minimised.get("resource.module").asText()).isEqualTo("dropped:secret");
    assertThat(sent().at("/resource").has("repo")).isFalse();

    LoopbackServer.Request asked = governance.requests().get(governance.requests().size() - 1);
    assertThat(asked.path()).isEqualTo(GovernanceClassifier.PATH);
    JsonNode body = Json.parse(asked.body());
    assertThat(body.get("tenant_id").asText()).isEqualTo("acme");
    assertThat(body.get("event_type").asText()).isEqualTo("pr_created");
    // Asked about kept text only: not identities (service_name names the source), not numbers.
    assertThat(body.get("fields").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("resource.repo", "resource.module");
  }

  @Test
  void withoutAUsableAnswerUbisRulesStillApplyAndIngestGoesOn() throws Exception {
    for (Reply reply :
        new Reply[] {
          Reply.json(503, "{}"),
          new Reply(200, "application/json", "{\"classifications\": {}}", 2_000),
          Reply.json(200, "not json"),
          Reply.json(200, "{\"classifications\": {\"resource.repo\": \"maybe\"}}"),
          Reply.json(200, "{\"classifications\": {\"payload.other\": \"personal\"}}")
        }) {
      api.publisher.reset();
      governance.answer = r -> reply;
      long before = ((GovernanceClassifier) api.governance).failures();
      HttpResponse<String> r =
          api.post("/v1/signals/ingest", token, Envelopes.batch(envelope("g-" + reply.hashCode())));
      assertThat(r.statusCode()).as(reply + " " + r.body()).isEqualTo(200);
      JsonNode result = TestApi.json(r).at("/results/0");
      assertThat(result.get("status").asText()).isEqualTo("accepted");
      assertThat(result.at("/minimised/resource.module").asText()).isEqualTo("dropped:secret");
      assertThat(result.at("/minimised").has("resource.repo")).as(reply.toString()).isFalse();
      assertThat(((GovernanceClassifier) api.governance).failures()).isEqualTo(before + 1);
    }
  }

  @Test
  void anUnreachableServiceIsAFailureNotAPass() throws Exception {
    GovernanceClassifier closed =
        new GovernanceClassifier(LoopbackServer.closedPortUrl(""), Duration.ofMillis(500));
    assertThat(closed.classify("acme", "pr_created", java.util.Map.of("resource.repo", "x")))
        .isEmpty();
    assertThat(closed.failures()).isEqualTo(1);
  }

  @Test
  void plainHttpOffLoopbackIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new GovernanceClassifier("http://governance.example", Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https");
  }

  @Test
  void afterAFailureTheServiceIsLeftAloneForThePause() throws Exception {
    try (LoopbackServer down = LoopbackServer.answering(r -> Reply.json(503, "{}"))) {
      GovernanceClassifier g = new GovernanceClassifier(down.url(""), Duration.ofMillis(500));
      for (int i = 0; i < 5; i++) {
        assertThat(g.classify("acme", "pr_created", java.util.Map.of("resource.repo", "x")))
            .isEmpty();
      }
      assertThat(down.count()).as("asked once, then left alone").isEqualTo(1);
      assertThat(g.failures()).isEqualTo(5);
    }
  }
}
