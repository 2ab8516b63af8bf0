package io.ubi.serving.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;
import io.ubi.serving.Envelopes;
import io.ubi.serving.TestApi;
import io.ubi.serving.UbiApi;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/signals/ingest} over HTTP: whole-request refusals and per-envelope results. */
class IngestApiTest {
  private static final String INGEST = "/v1/signals/ingest";

  @TempDir static Path dir;
  static TestApi api;
  static String acme;

  @BeforeAll
  static void start() {
    api = TestApi.start(dir);
    acme = api.token("acme", "ubi:ingest");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @BeforeEach
  void reset() {
    api.publisher.reset();
  }

  @Test
  void aMixedBatchAcceptsTheValidEnvelopeAndRejectsEachInvalidOneNamingTheField() {
    ObjectNode ok = Envelopes.valid("acme", "s-ok");
    ObjectNode noTenant = Envelopes.valid("acme", "s-no-tenant");
    noTenant.remove("tenant_id");
    ObjectNode occurredNumber = Envelopes.valid("acme", "s-occurred");
    occurredNumber.put("occurred_at", 1772446500000L);
    ObjectNode futureSchema = Envelopes.valid("acme", "s-schema");
    futureSchema.put("schema_version", "9.0");
    ObjectNode otherTenant = Envelopes.valid("globex", "s-globex");
    ObjectNode future = Envelopes.valid("acme", "s-future");
    future.put("occurred_at", "2026-03-02T14:00:00Z");

    HttpResponse<String> r =
        api.post(
            INGEST,
            acme,
            Envelopes.batch(ok, noTenant, occurredNumber, futureSchema, otherTenant, future));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = TestApi.json(r);
    assertThat(body.path("accepted").asInt()).isEqualTo(1);
    assertThat(body.path("rejected").asInt()).isEqualTo(5);
    JsonNode results = body.path("results");
    assertThat(results).hasSize(6);
    for (int i = 0; i < 6; i++) {
      assertThat(results.get(i).path("index").asInt()).isEqualTo(i);
    }
    assertThat(results.get(0).path("status").asText()).isEqualTo("accepted");
    assertThat(results.get(0).path("signal_id").asText()).isEqualTo("s-ok");
    assertThat(results.get(0).has("errors")).isFalse();

    assertRejected(results.get(1), "s-no-tenant", "tenant_id: is required");
    assertRejected(results.get(2), "s-occurred", "occurred_at: must be a string, got a number");
    assertRejected(results.get(3), "s-schema", "schema_version: '9.0' is not supported");
    assertRejected(
        results.get(4), "s-globex", "tenant_id: 'globex' does not match the token's tenant 'acme'");
    assertRejected(results.get(5), "s-future", "occurred_at: is more than 1h in the future");

    List<EnvelopePublisher.Envelope> published = api.publisher.published();
    assertThat(published).hasSize(1);
    assertThat(published.get(0).key()).isEqualTo("acme");
    assertThat(Json.parse(published.get(0).json())).isEqualTo(ok);
  }

  @Test
  void theSignalsWrapperFormIsAcceptedToo() {
    HttpResponse<String> r =
        api.post(
            INGEST,
            acme,
            "{\"signals\": "
                + Envelopes.batch(Envelopes.valid("acme", "w-1"), Envelopes.valid("acme", "w-2"))
                + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(TestApi.json(r).path("accepted").asInt()).isEqualTo(2);
    assertThat(api.publisher.published())
        .extracting(e -> Json.parse(e.json()).path("signal_id").asText())
        .containsExactly("w-1", "w-2");
  }

  @Test
  void evenAPrivilegedTokenIngestsOnlyForItsOwnTenant() {
    HttpResponse<String> r =
        api.post(
            INGEST,
            api.token("acme", "admin"),
            Envelopes.batch(Envelopes.valid("globex", "g-1"), Envelopes.valid("acme", "a-1")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode results = TestApi.json(r).path("results");
    assertThat(results.get(0).path("status").asText()).isEqualTo("rejected");
    assertThat(results.get(0).path("errors").get(0).asText())
        .contains("'globex' does not match the token's tenant 'acme'");
    assertThat(results.get(1).path("status").asText()).isEqualTo("accepted");
    assertThat(api.publisher.published())
        .extracting(EnvelopePublisher.Envelope::key)
        .containsExactly("acme");
  }

  @Test
  void aBatchOverTheLimitIsRefusedWholeAsBatchTooLarge() {
    HttpResponse<String> r = api.post(INGEST, acme, batchOf(501));

    assertError(r, 400, "batch_too_large", "at most 500", "has 501");
    assertThat(api.publisher.published()).isEmpty();
  }

  @Test
  void aBatchOfExactlyTheLimitIsAccepted() {
    HttpResponse<String> r = api.post(INGEST, acme, batchOf(500));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(TestApi.json(r).path("accepted").asInt()).isEqualTo(500);
    assertThat(api.publisher.published()).hasSize(500);
  }

  @Test
  void aBodyThatIsNotJsonIs400MalformedJson() {
    HttpResponse<String> r = api.post(INGEST, acme, "signal_id=s-1&tenant_id=acme");
    assertError(r, 400, "malformed_json", "Malformed JSON");
    HttpResponse<String> truncated =
        api.post(
            INGEST, acme, Envelopes.batch(Envelopes.valid("acme", "t-1")).replaceFirst("]$", ""));
    assertError(truncated, 400, "malformed_json", "Malformed JSON");
    assertThat(api.publisher.published()).isEmpty();
  }

  @Test
  void jsonThatIsNotABatchIs400() {
    assertError(
        api.post(INGEST, acme, Envelopes.valid("acme", "single").toString()),
        400,
        "bad_request",
        "JSON array of SignalEnvelopes");
    assertError(api.post(INGEST, acme, "{\"signals\": {}}"), 400, "bad_request", "JSON array");
    assertError(api.post(INGEST, acme, "42"), 400, "bad_request", "JSON array");
    assertError(api.post(INGEST, acme, "[]"), 400, "bad_request", "empty");
    assertError(api.post(INGEST, acme, ""), 400, "bad_request", "empty");
    assertThat(api.publisher.published()).isEmpty();
  }

  @Test
  void itemsThatAreNotObjectsAreRejectedOneByOne() {
    HttpResponse<String> r =
        api.post(INGEST, acme, "[42, \"text\", null, " + Envelopes.valid("acme", "s-1") + "]");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode results = TestApi.json(r).path("results");
    for (int i = 0; i < 3; i++) {
      assertThat(results.get(i).path("status").asText()).isEqualTo("rejected");
      assertThat(results.get(i).path("errors").get(0).asText())
          .startsWith("envelope: must be a JSON object");
    }
    assertThat(results.get(3).path("status").asText()).isEqualTo("accepted");
  }

  @Test
  void anEnvelopeTheBusDoesNotAcknowledgeIsReportedFailedNotAccepted() {
    api.publisher.failWhen(e -> e.json().contains("\"b-2\"") ? "broker timeout" : null);

    HttpResponse<String> r =
        api.post(
            INGEST,
            acme,
            Envelopes.batch(Envelopes.valid("acme", "b-1"), Envelopes.valid("acme", "b-2")));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = TestApi.json(r);
    assertThat(body.path("accepted").asInt()).isEqualTo(1);
    assertThat(body.path("rejected").asInt()).isEqualTo(1);
    assertThat(body.path("results").get(0).path("status").asText()).isEqualTo("accepted");
    JsonNode failed = body.path("results").get(1);
    assertThat(failed.path("status").asText()).isEqualTo("failed");
    assertThat(failed.path("errors").get(0).asText()).contains("broker timeout", "retry");
  }

  @Test
  void whenTheBusTakesNothingTheAnswerIs503() {
    api.publisher.failWhen(e -> "broker down");

    HttpResponse<String> r =
        api.post(
            INGEST,
            acme,
            Envelopes.batch(Envelopes.valid("acme", "d-1"), Envelopes.valid("acme", "d-2")));

    assertError(r, 503, "unavailable", "broker down", "retry");
  }

  @Test
  void aBodyOverTheByteLimitIs413(@TempDir Path small) {
    try (TestApi tight = TestApi.start(small, new UbiApi.Settings(500, 4_096, 1000, 2000))) {
      HttpResponse<String> r = tight.post(INGEST, tight.token("acme", "ubi:ingest"), batchOf(40));
      assertError(r, 413, "payload_too_large", "4096 bytes");
      assertThat(tight.publisher.published()).isEmpty();
    }
  }

  private static String batchOf(int n) {
    List<ObjectNode> all = new ArrayList<>();
    IntStream.range(0, n).forEach(i -> all.add(Envelopes.valid("acme", "n-" + i)));
    return Envelopes.batch(all.toArray(ObjectNode[]::new));
  }

  private static void assertRejected(JsonNode result, String signalId, String error) {
    assertThat(result.path("signal_id").asText()).isEqualTo(signalId);
    assertThat(result.path("status").asText()).isEqualTo("rejected");
    List<String> errors = new ArrayList<>();
    result.path("errors").forEach(e -> errors.add(e.asText()));
    assertThat(errors).as(signalId).anySatisfy(e -> assertThat(e).startsWith(error));
  }

  static void assertError(HttpResponse<String> r, int status, String error, String... mentions) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode body = TestApi.json(r);
    assertThat(body.path("error").asText()).isEqualTo(error);
    assertThat(body.path("message").asText()).contains(mentions);
    assertThat(body.path("request_id").asText()).isNotBlank();
  }

  @Test
  void anEnvelopeIsMinimisedBeforeItReachesTheTopicAndTheAnswerNamesWhatWasDropped() {
    ObjectNode e = Envelopes.valid("acme", "s-private");
    e.with("payload").put("secret_key", "sensitive").put("pii_email", "user@example.com");
    e.with("resource").put("branch", "alice/fix");
    HttpResponse<String> r = api.post(INGEST, acme, Envelopes.batch(e));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode minimised = TestApi.json(r).at("/results/0/minimised");
    assertThat(minimised.get("properties.secret_key").asText()).isEqualTo("dropped:not_allowed");
    assertThat(minimised.get("properties.pii_email").asText()).isEqualTo("dropped:not_allowed");
    assertThat(minimised.get("resource.branch").asText()).isEqualTo("dropped:not_allowed");
    assertThat(r.body()).doesNotContain("sensitive", "user@example.com", "alice/fix");

    String sent = api.publisher.published().get(0).json();
    assertThat(sent).doesNotContain("sensitive", "user@example.com", "alice/fix");
    JsonNode onTopic = Json.parse(sent);
    assertThat(onTopic.at("/payload/pr_number").asInt()).as("kept for pr_created").isEqualTo(42);
    assertThat(onTopic.at("/resource/repo").asText()).isEqualTo("ubi");
    assertThat(onTopic.at("/ubi_minimised/properties.secret_key").asText())
        .isEqualTo("dropped:not_allowed");
  }
}
