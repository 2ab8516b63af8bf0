package io.ubi.it;

import static io.ubi.it.Envelopes.envelope;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.lakehouse.Tables;
import io.ubi.launcher.UbiRuntime;
import io.ubi.model.Json;
import io.ubi.model.config.ConfigVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The configuration API (PRD 11.4): a tenant's settings read whole, changed by version with every
 * mistake named, every version kept and readable, and a change in force for the speed layer without
 * a restart, whether the API stored it or another writer did.
 */
@ExtendWith(UbiExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigApiTest {
  private static final String TENANT = UbiExtension.CONFIGURED_TENANT;
  private static final String PATH = "/v1/ubi/config/" + TENANT;

  private final UbiRuntime ubi;
  private final Api reader;
  private final Api writer;

  ConfigApiTest(UbiRuntime ubi) {
    this.ubi = ubi;
    this.reader = new Api(ubi, TENANT, List.of("ubi:read:tenant", "ubi:ingest"));
    this.writer = new Api(ubi, TENANT, List.of("ubi:read:tenant", "ubi:write:config"));
  }

  @Test
  @Order(1)
  void theSettingsInForceAreReadWholeWithTheirVersion() {
    Api.Response r = reader.get(PATH);
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    assertThat(r.body().get("version").asInt()).isEqualTo(2);
    assertThat(r.body().get("changed_by").asText()).isEqualTo("tenant file");
    JsonNode config = r.body().get("config");
    assertThat(config.get("stale_after_minutes").asInt()).as("the file's").isEqualTo(90);
    assertThat(config.at("/anomaly_thresholds/warn").asDouble()).as("a default").isEqualTo(2.5);
    assertThat(config.get("enabled_event_categories")).hasSize(30);
    assertThat(config.has("feature_windows")).isTrue();
    assertThat(config.has("directory")).as("raw actor ids stay beside bronze").isFalse();
    assertThat(r.body().toString()).doesNotContain("dev-a");

    assertThat(new Api(ubi, TENANT, List.of("ubi:read:actor")).get(PATH).status()).isEqualTo(403);
    assertThat(reader.get("/v1/ubi/config/another-tenant").status()).isEqualTo(403);
  }

  @Test
  @Order(2)
  void aChangeIsRefusedWithEveryMistakeNamedAndNothingStored() {
    assertThat(reader.put(PATH, "{\"stale_after_minutes\": 30}").status())
        .as("reading is not writing")
        .isEqualTo(403);
    Api.Response bad =
        writer.put(
            PATH,
            """
            {"stale_after_minutes": -5, "working_hours": {"timezone": "Europe/Berlin"},
             "enabled_event_categories": ["file_edited", "coffee_break"]}
            """);
    assertThat(bad.status()).as(String.valueOf(bad.body())).isEqualTo(400);
    assertThat(bad.body().get("message").asText())
        .contains("stale_after_minutes: must be a positive integer")
        .contains("working_hours.timezone: unknown field")
        .contains("enabled_event_categories: 'coffee_break' is not a canonical event type");
    assertThat(bad.body().get("request_id").asText()).isNotBlank();
    Api.Response directory =
        writer.put(PATH, "{\"directory\": {\"teams\": {\"core\": [\"dev-z\"]}}}");
    assertThat(directory.status()).isEqualTo(400);
    assertThat(directory.body().get("message").asText()).contains("raw actor ids");
    assertThat(writer.put(PATH, "[1, 2]").status()).isEqualTo(400);
    assertThat(writer.put(PATH, "{\"stale_after_minutes\": ").status()).isEqualTo(400);
    assertThat(writer.get(PATH + "/history").body().get("versions")).isEmpty();
  }

  @Test
  @Order(3)
  void aChangeIsANewVersionInForceForTheSpeedLayerAtOnce() {
    Api.Response r =
        writer.put(
            PATH,
            "{\"enabled_event_categories\": [\"commit_created\", \"build_failed\"]}",
            "If-Match",
            "\"2\"",
            "X-Change-Reason",
            "only builds and commits while the pilot runs");
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    assertThat(r.body().get("version").asInt()).isEqualTo(3);
    assertThat(r.body().get("receipt_id").asText()).matches("[0-9a-f-]{36}");
    assertThat(r.body().get("changed_by").asText()).startsWith("tk_");
    assertThat(r.body().get("reason").asText())
        .isEqualTo("only builds and commits while the pilot runs");
    assertThat(r.body().at("/config/stale_after_minutes").asInt())
        .as("what the change leaves out keeps its value")
        .isEqualTo(90);
    assertThat(r.body().at("/config/enabled_event_categories")).hasSize(2);

    Api.Response stale = writer.put(PATH, "{\"stale_after_minutes\": 10}", "If-Match", "\"2\"");
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.body().get("error").asText()).isEqualTo("config_conflict");

    ObjectNode edit = envelope(TENANT, "dev-a", "file_edited", Instant.now());
    ObjectNode commit = envelope(TENANT, "dev-a", "commit", Instant.now());
    reader.ingestAll(List.of(edit, commit));
    ubi.awaitBronzeCaughtUp();
    assertThat(dropped(edit.get("signal_id").asText()))
        .singleElement()
        .satisfies(row -> assertThat(row.<Integer>getAs("config_version")).isEqualTo(3));
    assertThat(inBronze(commit.get("signal_id").asText())).isTrue();
  }

  @Test
  @Order(4)
  void everyVersionIsKeptAndReadable() {
    Api.Response history = reader.get(PATH + "/history");
    assertThat(history.status()).isEqualTo(200);
    assertThat(history.body().get("current_version").asInt()).isEqualTo(3);
    assertThat(history.body().get("versions")).hasSize(1);
    assertThat(history.body().at("/versions/0/reason").asText()).contains("while the pilot runs");

    Api.Response three = reader.get(PATH + "?version=3");
    assertThat(three.status()).isEqualTo(200);
    assertThat(three.body().at("/config/enabled_event_categories")).hasSize(2);
    assertThat(reader.get(PATH + "?version=99").status()).isEqualTo(404);
    assertThat(reader.get(PATH + "?version=three").status()).isEqualTo(400);
  }

  @Test
  @Order(5)
  void aVersionStoredByAnotherWriterIsInForceWithinTheRefreshInterval() throws Exception {
    // Another process (a second API, the nightly job's tuning) stores version 4.
    ObjectNode change = Json.MAPPER.createObjectNode();
    change.putNull("enabled_event_categories"); // back to the default: every category
    ConfigVersion four =
        ubi.liveConfigs()
            .store()
            .append(
                ubi.liveConfigs().store().effective(ubi.tenantConfigs().withoutDirectories()),
                TENANT,
                change,
                "tk_other",
                "pilot over",
                Instant.now());
    assertThat(four.version()).isEqualTo(4);

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (reader.get(PATH).body().get("version").asInt() != 4) {
      assertThat(System.nanoTime()).as("refreshed within 30 s").isLessThan(deadline);
      Thread.sleep(200);
    }
    ObjectNode edit = envelope(TENANT, "dev-a", "file_edited", Instant.now());
    reader.ingestAll(List.of(edit));
    ubi.awaitBronzeCaughtUp();
    assertThat(inBronze(edit.get("signal_id").asText())).isTrue();
    assertThat(dropped(edit.get("signal_id").asText())).isEmpty();
  }

  private List<Row> dropped(String eventId) {
    return ubi.lake()
        .read(Tables.DROPPED_EVENTS_AUDIT)
        .where(col("tenant_id").equalTo(TENANT).and(col("event_id").equalTo(eventId)))
        .collectAsList();
  }

  private boolean inBronze(String eventId) {
    return !ubi.lake()
        .read(Tables.BEHAVIOURAL_EVENTS)
        .where(col("tenant_id").equalTo(TENANT).and(col("event_id").equalTo(eventId)))
        .isEmpty();
  }
}
