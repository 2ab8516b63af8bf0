package io.ubi.serving.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.lakehouse.FeedbackRows;
import io.ubi.lakehouse.GoldTables;
import io.ubi.lakehouse.Tables;
import io.ubi.model.Json;
import io.ubi.model.config.AnomalyThresholds;
import io.ubi.model.feedback.FeedbackQuality;
import io.ubi.model.feedback.SignalFeedback;
import io.ubi.serving.LakeFixture;
import io.ubi.serving.SignalFixture;
import io.ubi.serving.TestApi;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verdicts on signals over HTTP, and the false-positive rates the nightly job measured. */
class FeedbackApiTest {
  @TempDir static Path dir;
  static TestApi api;

  @BeforeAll
  static void start() {
    api = TestApi.start(dir);
    String alice = api.pseudonymizer.pseudonymise("acme", "alice@example.com");
    LakeFixture lake = new LakeFixture(api.lake);
    lake.append(
        Tables.BEHAVIOURAL_SIGNALS,
        List.of(
            SignalFixture.row(
                "s-actor",
                "acme",
                "actor",
                alice,
                "activity",
                "risk",
                "WARN",
                "2026-02-25",
                "2026-02-28T00:00:00Z",
                null),
            SignalFixture.row(
                "s-team",
                "acme",
                "team",
                "payments",
                "flow",
                "risk",
                "WARN",
                "2026-02-26",
                "2026-02-28T00:00:00Z",
                null),
            SignalFixture.row(
                "g-1",
                "globex",
                "actor",
                "ps_x",
                "flow",
                "risk",
                "WARN",
                "2026-02-26",
                "2026-02-28T00:00:00Z",
                null)));
    LocalDate night = LocalDate.of(2026, 3, 1);
    Instant at = Instant.parse("2026-03-02T01:00:00Z");
    List<SignalFeedback> rated =
        List.of(
            feedback("s-1", "burnout_risk", "activity", "false_positive", 2.6),
            feedback("s-2", "burnout_risk", "activity", "useful", 3.9),
            feedback("s-3", "context_thrash", "flow", "not_useful", 2.8));
    lake.append(
        GoldTables.SIGNAL_QUALITY,
        FeedbackQuality.rates(rated).stream()
            .map(r -> FeedbackRows.toRow("acme", r, night, at))
            .toList());
    lake.append(
        GoldTables.THRESHOLD_PROPOSALS,
        FeedbackQuality.proposals(rated, AnomalyThresholds.DEFAULT, 2).stream()
            .map(p -> FeedbackRows.toRow("acme", p, null, night, at))
            .toList());
  }

  private static SignalFeedback feedback(
      String signal, String rule, String dimension, String verdict, double sigma) {
    return new SignalFeedback(
        "f-" + signal,
        "acme",
        signal,
        rule,
        dimension,
        "actor",
        "risk",
        "WARN",
        "2026-02-20",
        verdict,
        null,
        "tk_caller",
        sigma,
        Instant.parse("2026-02-21T10:00:00Z"));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @BeforeEach
  void reset() {
    api.feedback.reset();
  }

  private static String lead(String subject, String... roles) {
    return api.token(
        b -> b.subject(subject).claim("tenant_id", "acme").claim("roles", List.of(roles)));
  }

  private static HttpResponse<String> post(String signal, String token, String body) {
    return api.post("/v1/ubi/signals/" + signal + "/feedback", token, body);
  }

  @Test
  void aVerdictIsAcceptedAndPublishedUnderTheCallersTokenNotTheirName() {
    HttpResponse<String> r =
        post(
            "s-actor",
            lead("lead@acme.example", "ubi:read:actor"),
            "{\"verdict\": \"false_positive\", \"note\": \"on call that week\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode body = TestApi.json(r);
    assertThat(body.get("status").asText()).isEqualTo("accepted");
    assertThat(body.get("verdict").asText()).isEqualTo("false_positive");

    assertThat(api.feedback.published()).hasSize(1);
    var record = api.feedback.published().get(0);
    assertThat(record.key()).isEqualTo(body.get("feedback_id").asText());
    assertThat(record.json()).doesNotContain("lead@acme.example");
    SignalFeedback f = Json.MAPPER.convertValue(Json.parse(record.json()), SignalFeedback.class);
    assertThat(f.signalId()).isEqualTo("s-actor");
    assertThat(f.tenantId()).isEqualTo("acme");
    assertThat(f.rule()).isEqualTo("feature-s-actor");
    assertThat(f.dimension()).isEqualTo("activity");
    assertThat(f.caller()).startsWith("tk_");
    assertThat(f.note()).isEqualTo("on call that week");
    assertThat(f.triggerSigma()).isEqualTo(3.25);
    assertThat(f.receivedAt()).isEqualTo(TestApi.NOW);
  }

  @Test
  void oneCallerCountsOnceAndAnotherCountsApart() {
    String first =
        TestApi.json(post("s-actor", lead("lead-1", "ubi:read:actor"), "{\"verdict\": \"useful\"}"))
            .get("feedback_id")
            .asText();
    String again =
        TestApi.json(
                post(
                    "s-actor",
                    lead("lead-1", "ubi:read:actor"),
                    "{\"verdict\": \"false_positive\"}"))
            .get("feedback_id")
            .asText();
    String other =
        TestApi.json(post("s-actor", lead("lead-2", "ubi:read:actor"), "{\"verdict\": \"useful\"}"))
            .get("feedback_id")
            .asText();
    assertThat(again).as("a changed verdict replaces the earlier one").isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void everyProblemOfTheBodyIsNamed() {
    HttpResponse<String> r =
        post(
            "s-actor",
            lead("lead-1", "ubi:read:actor"),
            "{\"verdict\": \"meh\", \"note\": \"" + "x".repeat(1001) + "\", \"stars\": 5}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(TestApi.json(r).get("message").asText())
        .contains("verdict: must be one of false_positive, useful, not_useful")
        .contains("note: at most 1000 characters")
        .contains("stars: unknown field");
    assertThat(post("s-actor", lead("lead-1", "ubi:read:actor"), "[1]").statusCode())
        .isEqualTo(400);
    assertThat(api.feedback.published()).isEmpty();
  }

  @Test
  void onlySignalsOfTheCallersTenantThatTheyMayReadCanBeJudged() {
    String actorReader = lead("lead-1", "ubi:read:actor");
    assertThat(post("nope", actorReader, "{\"verdict\": \"useful\"}").statusCode()).isEqualTo(404);
    assertThat(post("g-1", actorReader, "{\"verdict\": \"useful\"}").statusCode())
        .as("another tenant's signal is not there for this caller")
        .isEqualTo(404);
    assertThat(
            post("g-1", actorReader, "{\"verdict\": \"useful\", \"tenant_id\": \"globex\"}")
                .statusCode())
        .isEqualTo(403);
    assertThat(post("s-team", actorReader, "{\"verdict\": \"useful\"}").statusCode())
        .as("a team's signal needs ubi:read:team")
        .isEqualTo(403);
    assertThat(
            post("s-team", lead("lead-1", "ubi:read:team"), "{\"verdict\": \"useful\"}")
                .statusCode())
        .isEqualTo(202);
  }

  @Test
  void aVerdictTheBusDidNotTakeIsA503AndNotAcknowledged() {
    api.feedback.failWhen(e -> "broker unreachable");
    HttpResponse<String> r =
        post("s-actor", lead("lead-1", "ubi:read:actor"), "{\"verdict\": \"useful\"}");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(TestApi.json(r).get("message").asText()).contains("broker unreachable");
  }

  @Test
  void theMeasuredRatesAndProposalsAreServedToTenantReaders() {
    assertThat(api.get("/v1/ubi/signals/quality", lead("lead-1", "ubi:read:actor")).statusCode())
        .isEqualTo(403);
    HttpResponse<String> r = api.get("/v1/ubi/signals/quality", lead("lead-1", "ubi:read:tenant"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = TestApi.json(r);
    assertThat(body.get("as_of").asText()).isEqualTo("2026-03-01");
    assertThat(body.get("target_false_positive_rate").asDouble()).isEqualTo(0.05);
    assertThat(body.at("/tenant/rated").asLong()).isEqualTo(3);
    assertThat(body.at("/tenant/false_positive_rate").asDouble()).isCloseTo(1.0 / 3, within());
    assertThat(body.get("rules")).hasSize(2);
    assertThat(body.at("/rules/0/rule").asText()).isEqualTo("burnout_risk");
    assertThat(body.at("/rules/0/false_positive_rate").asDouble()).isEqualTo(0.5);
    assertThat(body.get("dimensions")).hasSize(2);
    JsonNode activity = body.at("/threshold_proposals/0");
    assertThat(activity.get("dimension").asText()).isEqualTo("activity");
    assertThat(activity.at("/current/warn").asDouble()).isEqualTo(2.5);
    assertThat(body.get("threshold_proposals")).hasSize(2);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
