package io.ubi.it;

import static io.ubi.it.Envelopes.batch;
import static io.ubi.it.Envelopes.envelope;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.lakehouse.Tables;
import io.ubi.launcher.UbiRuntime;
import io.ubi.model.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** From the ingest endpoint (or the topic PM-3 writes) to bronze, the DLQ and the audit table. */
@ExtendWith(UbiExtension.class)
class IngestPipelineTest {
  private static final String TENANT = "it-ingest";

  private final UbiRuntime ubi;
  private final Api api;

  IngestPipelineTest(UbiRuntime ubi) {
    this.ubi = ubi;
    this.api = new Api(ubi, TENANT, List.of("ubi:ingest", "ubi:read:tenant"));
  }

  @Test
  void postedEnvelopesBecomeBronzeRowsWithPseudonymisedActors() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<ObjectNode> sent =
        List.of(
            envelope(TENANT, "dev-alice", "file_edited", now.minusSeconds(60)),
            envelope(TENANT, "dev-alice", "commit", now.minusSeconds(30)),
            envelope(TENANT, "dev-bob", "build_failed", now.minusSeconds(10)));

    Api.Response r = api.post("/v1/signals/ingest", batch(sent));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("accepted").asInt()).isEqualTo(3);
    ubi.awaitStreamCaughtUp();

    List<Row> rows = bronze(sent);
    assertThat(rows).hasSize(3);
    Row commit =
        rows.stream()
            .filter(x -> x.getAs("event_id").equals(sent.get(1).get("signal_id").asText()))
            .findFirst()
            .orElseThrow();
    assertThat((String) commit.getAs("event_type"))
        .as("alias commit -> commit_created")
        .isEqualTo("commit_created");
    assertThat((String) commit.getAs("signal_type")).isEqualTo("commit");
    assertThat((String) commit.getAs("actor_id")).isEqualTo("dev-alice");
    assertThat((String) commit.getAs("actor_pseudonym")).startsWith("ps_").doesNotContain("alice");
    assertThat((String) commit.getAs("source_system")).isEqualTo("git");
    assertThat(commit.<LocalDate>getAs("dt"))
        .isEqualTo(now.minusSeconds(30).atOffset(ZoneOffset.UTC).toLocalDate());
  }

  @Test
  void theSameEnvelopeSentTwiceIsOneEvent() {
    ObjectNode once = envelope(TENANT, "dev-carol", "pr_opened", Instant.now().minusSeconds(5));
    assertThat(api.post("/v1/signals/ingest", batch(List.of(once, once))).status()).isEqualTo(200);
    ubi.awaitStreamCaughtUp();
    // ...and again in a later micro-batch, as an at-least-once upstream retry would.
    assertThat(api.post("/v1/signals/ingest", batch(List.of(once))).status()).isEqualTo(200);
    ubi.awaitStreamCaughtUp();

    assertThat(bronze(List.of(once))).hasSize(1);
  }

  @Test
  void anEventThreeHoursLateLandsInTheDayItHappenedOnceHoweverOftenItIsSent() {
    // Exactly three hours late, and (whatever the time of day) late across midnight: just before
    // midnight UTC yesterday, sent after today's events were processed.
    Instant threeHoursAgo =
        Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
    Instant beforeMidnight =
        LocalDate.now(ZoneOffset.UTC)
            .atStartOfDay()
            .toInstant(ZoneOffset.UTC)
            .minus(Duration.ofMinutes(10));
    api.post(
        "/v1/signals/ingest",
        batch(List.of(envelope(TENANT, "dev-dave", "file_edited", Instant.now().minusSeconds(1)))));
    ubi.awaitStreamCaughtUp();
    assertLateEventLandsOnce(threeHoursAgo);
    assertLateEventLandsOnce(beforeMidnight);
  }

  private void assertLateEventLandsOnce(Instant occurred) {
    ObjectNode late = envelope(TENANT, "dev-dave", "file_edited", occurred);
    late.put("ingested_at", Instant.now().toString());
    assertThat(
            api.post("/v1/signals/ingest", batch(List.of(late, late)))
                .body()
                .get("accepted")
                .asInt())
        .isEqualTo(2);
    ubi.awaitStreamCaughtUp();
    // Redelivered later still: a late event is deduplicated against bronze itself.
    assertThat(api.post("/v1/signals/ingest", batch(List.of(late))).status()).isEqualTo(200);
    ubi.awaitStreamCaughtUp();

    List<Row> rows = bronze(List.of(late));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).<LocalDate>getAs("dt"))
        .isEqualTo(occurred.atOffset(ZoneOffset.UTC).toLocalDate());
    assertThat(rows.get(0).<Instant>getAs("timestamp_utc")).isEqualTo(occurred);
  }

  @Test
  void invalidItemsAreRejectedOneByOneAndTheValidOnesStillGoThrough() {
    Instant now = Instant.now();
    ObjectNode good = envelope(TENANT, "dev-erin", "file_edited", now);
    ObjectNode noTenant = envelope(TENANT, "dev-erin", "file_edited", now);
    noTenant.remove("tenant_id");
    ObjectNode wrongType = envelope(TENANT, "dev-erin", "file_edited", now);
    wrongType.put("occurred_at", 1_700_000_000);
    ObjectNode futureSchema = envelope(TENANT, "dev-erin", "file_edited", now);
    futureSchema.put("schema_version", "9.0");
    ObjectNode otherTenant = envelope("it-someone-else", "dev-erin", "file_edited", now);

    Api.Response r =
        api.post(
            "/v1/signals/ingest",
            batch(List.of(good, noTenant, wrongType, futureSchema, otherTenant)));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("accepted").asInt()).isEqualTo(1);
    assertThat(r.body().get("rejected").asInt()).isEqualTo(4);
    JsonNode results = r.body().get("results");
    assertThat(results.get(0).get("status").asText()).isEqualTo("accepted");
    assertThat(errors(results.get(1))).anyMatch(e -> e.startsWith("tenant_id"));
    assertThat(errors(results.get(2))).anyMatch(e -> e.startsWith("occurred_at"));
    assertThat(errors(results.get(3)))
        .anyMatch(e -> e.startsWith("schema_version") && e.contains("9.0"));
    assertThat(errors(results.get(4))).anyMatch(e -> e.contains("does not match the token"));
    ubi.awaitStreamCaughtUp();
    assertThat(bronze(List.of(good))).hasSize(1);
  }

  @Test
  void aBodyThatIsNotABatchOrIsTooLargeIsRefusedWhole() {
    Api.Response malformed = api.post("/v1/signals/ingest", "[{\"signal_id\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body().get("message").asText()).isNotBlank();

    List<ObjectNode> tooMany = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      tooMany.add(envelope(TENANT, "dev-frank", "file_edited", Instant.now()));
    }
    Api.Response big = api.post("/v1/signals/ingest", batch(tooMany));
    assertThat(big.status()).isEqualTo(400);
    assertThat(big.body().get("error").asText()).isEqualTo("batch_too_large");
    ubi.awaitStreamCaughtUp();
    assertThat(bronze(tooMany.subList(0, 1))).isEmpty();
  }

  @Test
  void requestsWithoutAValidTokenGet401() {
    for (HttpRequest.Builder request :
        List.of(
            HttpRequest.newBuilder(URI.create(ubi.baseUrl() + "/v1/signals/ingest"))
                .POST(HttpRequest.BodyPublishers.ofString("[]")),
            HttpRequest.newBuilder(URI.create(ubi.baseUrl() + "/v1/ubi/actors/dev-alice/profile"))
                .header("Authorization", "Bearer not-a-token"),
            HttpRequest.newBuilder(URI.create(ubi.baseUrl() + "/v1/ubi/query/signals"))
                .header("Authorization", "Bearer " + unsignedToken())
                .POST(HttpRequest.BodyPublishers.ofString("{}")))) {
      Api.Response r = Api.send(request);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.body().get("error").asText()).isEqualTo("unauthorized");
    }
  }

  @Test
  void brokenRecordsOnTheTopicGoToTheDlqWithTheirReasonAndTheStreamKeepsGoing() {
    Instant now = Instant.now();
    // This run's own ids: the DLQ and the rejected table keep the records of earlier runs.
    String id = "it-dlq-" + UUID.randomUUID() + "-";
    ObjectNode before = envelope(TENANT, "dev-gina", "file_edited", now);
    ObjectNode after = envelope(TENANT, "dev-gina", "build_failed", now);
    ObjectNode noTenant = envelope(TENANT, "dev-gina", "file_edited", now);
    noTenant.remove("tenant_id");
    noTenant.put("signal_id", id + "no-tenant");
    ObjectNode wrongType = envelope(TENANT, "dev-gina", "file_edited", now);
    wrongType.put("signal_id", id + "wrong-type").set("resource", Json.MAPPER.createArrayNode());
    ObjectNode futureSchema = envelope(TENANT, "dev-gina", "file_edited", now);
    futureSchema.put("signal_id", id + "schema").put("schema_version", "9.0");

    Topics.produce(
        ubi.bootstrapServers(),
        ubi.config().eventsTopic(),
        TENANT,
        List.of(
            before.toString(),
            "{\"signal_id\": \"" + id + "malformed",
            noTenant.toString(),
            wrongType.toString(),
            futureSchema.toString(),
            after.toString()));
    ubi.awaitStreamCaughtUp();

    assertThat(bronze(List.of(before, after))).hasSize(2);
    List<ConsumerRecord<String, String>> dlq =
        Topics.read(ubi.bootstrapServers(), ubi.config().dlqTopic(), r -> r.value().contains(id));
    assertThat(dlq).hasSize(4);
    assertThat(reasonFor(dlq, id + "malformed")).containsIgnoringCase("json");
    assertThat(reasonFor(dlq, id + "no-tenant")).contains("tenant_id");
    assertThat(reasonFor(dlq, id + "wrong-type")).contains("resource");
    assertThat(reasonFor(dlq, id + "schema")).contains("schema_version");
    // Kept only after the masking an accepted event gets: the payload's e-mail is not allowed.
    assertThat(dlq).allSatisfy(r -> assertThat(r.value()).doesNotContain("dev-gina@example.com"));

    List<Row> rejected =
        ubi.lake().read(Tables.REJECTED_EVENTS).where(col("raw").contains(id)).collectAsList();
    assertThat(rejected).hasSize(4);
    assertThat(rejected).allSatisfy(r -> assertThat((String) r.getAs("reason")).isNotBlank());
    assertThat(rejected)
        .allSatisfy(
            r -> assertThat((String) r.getAs("raw")).doesNotContain("dev-gina@example.com"));
  }

  @Test
  void eventTypesTheTenantHasNotEnabledAreDroppedWithAnAuditRecord() {
    String tenant = UbiExtension.MINIMAL_TENANT;
    Api minimal = Api.admin(ubi, tenant);
    ObjectNode kept = envelope(tenant, "dev-hal", "file_edited", Instant.now());
    ObjectNode llm = envelope(tenant, "dev-hal", "llm_call", Instant.now());
    assertThat(
            minimal
                .post("/v1/signals/ingest", batch(List.of(kept, llm)))
                .body()
                .get("accepted")
                .asInt())
        .isEqualTo(2);
    ubi.awaitStreamCaughtUp();

    assertThat(bronze(List.of(kept, llm)))
        .extracting(r -> r.getAs("event_id"))
        .containsExactly(kept.get("signal_id").asText());
    List<Row> audit =
        ubi.lake()
            .read(Tables.DROPPED_EVENTS_AUDIT)
            .where(col("event_id").equalTo(llm.get("signal_id").asText()))
            .collectAsList();
    assertThat(audit).hasSize(1);
    assertThat((String) audit.get(0).getAs("event_type")).isEqualTo("llm_request_submitted");
    assertThat(audit.get(0).<Integer>getAs("config_version")).isEqualTo(3);

    // A redelivery of the dropped event is not audited twice.
    assertThat(minimal.post("/v1/signals/ingest", batch(List.of(llm))).status()).isEqualTo(200);
    ubi.awaitStreamCaughtUp();
    assertThat(
            ubi.lake()
                .read(Tables.DROPPED_EVENTS_AUDIT)
                .where(col("event_id").equalTo(llm.get("signal_id").asText()))
                .count())
        .isEqualTo(1);
  }

  @Test
  void anEnvelopeWithoutAnActorIsAcceptedThenDroppedWithAnAuditRecord() {
    // PRD FR-1: actor_id "if applicable", e.g. a gate evaluated by a pipeline.
    ObjectNode gate = envelope(TENANT, "nobody", "build_failed", Instant.now());
    gate.remove("actor_id");
    assertThat(api.post("/v1/signals/ingest", batch(List.of(gate))).body().get("accepted").asInt())
        .isEqualTo(1);
    ubi.awaitStreamCaughtUp();

    assertThat(bronze(List.of(gate))).isEmpty();
    List<Row> audit =
        ubi.lake()
            .read(Tables.DROPPED_EVENTS_AUDIT)
            .where(col("event_id").equalTo(gate.get("signal_id").asText()))
            .collectAsList();
    assertThat(audit).hasSize(1);
    assertThat((String) audit.get(0).getAs("reason")).startsWith("no actor_id");
    assertThat(
            ubi.lake()
                .read(Tables.REJECTED_EVENTS)
                .where(col("event_id").equalTo(gate.get("signal_id").asText()))
                .count())
        .isZero();
  }

  private List<Row> bronze(List<ObjectNode> envelopes) {
    Object[] ids = envelopes.stream().map(e -> e.get("signal_id").asText()).distinct().toArray();
    return ubi.lake()
        .read(Tables.BEHAVIOURAL_EVENTS)
        .where(col("event_id").isin(ids))
        .collectAsList();
  }

  private static List<String> errors(JsonNode result) {
    assertThat(result.get("status").asText()).isEqualTo("rejected");
    List<String> out = new ArrayList<>();
    result.get("errors").forEach(e -> out.add(e.asText()));
    return out;
  }

  private static String reasonFor(List<ConsumerRecord<String, String>> dlq, String id) {
    return dlq.stream()
        .filter(r -> r.value().contains(id))
        .findFirst()
        .map(r -> Json.parse(r.value()).get("reason").asText())
        .orElseThrow();
  }

  private static String unsignedToken() {
    java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
    long now = Instant.now().getEpochSecond();
    return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes())
        + "."
        + b64.encodeToString(
            ("{\"sub\":\"x\",\"aud\":\"ubi\",\"tenant_id\":\""
                    + TENANT
                    + "\",\"roles\":[\"admin\"],\"iat\":"
                    + now
                    + ",\"exp\":"
                    + (now + 600)
                    + "}")
                .getBytes())
        + ".";
  }
}
