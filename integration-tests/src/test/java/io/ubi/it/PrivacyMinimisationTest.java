package io.ubi.it;

import static io.ubi.it.Envelopes.envelope;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.lakehouse.Tables;
import io.ubi.launcher.UbiRuntime;
import io.ubi.model.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PR-UBI-01 as the spec writes it: a tenant allows only event_type, timestamp_utc and actor_id
 * through the config API; an event with {@code properties.secret_key} and {@code
 * properties.pii_email} is stored without them, whether it came through the ingest API (minimised
 * before Kafka) or straight onto the topic (minimised by the speed layer), and each drop is
 * recorded by field name, never with the value.
 */
@ExtendWith(UbiExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivacyMinimisationTest {
  private static final String TENANT = "it-private";

  private final UbiRuntime ubi;
  private final Api api;

  PrivacyMinimisationTest(UbiRuntime ubi) {
    this.ubi = ubi;
    this.api = new Api(ubi, TENANT, List.of("ubi:ingest", "ubi:read:tenant", "ubi:write:config"));
  }

  private ObjectNode sensitive(String via) {
    ObjectNode e = envelope(TENANT, "dev-" + via, "commit", Instant.now().minusSeconds(60));
    e.with("payload").put("secret_key", "sensitive").put("pii_email", "user@example.com");
    e.put("trace_id", "trace-" + via);
    return e;
  }

  @Test
  void onlyTheConfiguredFieldsAreStoredAndEachDropIsAudited() {
    Api.Response put =
        api.put(
            "/v1/ubi/config/" + TENANT,
            "{\"privacy\": {\"allowed_fields\": [\"event_type\", \"timestamp_utc\", \"actor_id\"]}}");
    assertThat(put.status()).as(String.valueOf(put.body())).isEqualTo(200);

    ObjectNode viaApi = sensitive("api");
    Api.Response r = api.post("/v1/signals/ingest", Envelopes.batch(List.of(viaApi)));
    assertThat(r.body().at("/results/0/status").asText())
        .as(r.body().toString())
        .isEqualTo("accepted");
    assertThat(r.body().at("/results/0/minimised/properties.secret_key").asText())
        .isEqualTo("dropped:not_allowed");
    assertThat(r.body().toString()).doesNotContain("sensitive").doesNotContain("user@example.com");

    ObjectNode direct = sensitive("topic");
    Topics.produce(
        ubi.bootstrapServers(), ubi.config().eventsTopic(), TENANT, List.of(Json.write(direct)));
    ubi.awaitBronzeCaughtUp();

    for (ObjectNode sent : List.of(viaApi, direct)) {
      String id = sent.get("signal_id").asText();
      List<Row> rows =
          ubi.lake()
              .read(Tables.BEHAVIOURAL_EVENTS)
              .where(col("tenant_id").equalTo(TENANT).and(col("event_id").equalTo(id)))
              .collectAsList();
      assertThat(rows).as(id).hasSize(1);
      Row row = rows.get(0);
      assertThat(row.<String>getAs("properties")).isEqualTo("{}");
      assertThat(row.getJavaMap(row.fieldIndex("resource"))).isEmpty();
      assertThat(row.<String>getAs("trace_id")).isNull();
      assertThat(row.<String>getAs("team_id")).isNull();
      assertThat(row.<String>getAs("actor_id")).isEqualTo(sent.get("actor_id").asText());
      assertThat(row.<String>getAs("event_type")).isEqualTo("commit_created");
      Map<Object, Object> minimised = row.getJavaMap(row.fieldIndex("minimised"));
      assertThat(minimised)
          .containsEntry("properties.secret_key", "dropped:not_allowed")
          .containsEntry("properties.pii_email", "dropped:not_allowed")
          .containsEntry("trace_id", "dropped:not_allowed")
          .containsEntry("resource.repo", "dropped:not_allowed");
      assertThat(row.toString()).doesNotContain("sensitive").doesNotContain("user@example.com");
    }

    // The API's envelope reached the topic already minimised.
    List<ConsumerRecord<String, String>> onTopic =
        Topics.read(
            ubi.bootstrapServers(),
            ubi.config().eventsTopic(),
            rec -> rec.value().contains(viaApi.get("signal_id").asText()));
    assertThat(onTopic).hasSize(1);
    assertThat(onTopic.get(0).value())
        .doesNotContain("sensitive")
        .doesNotContain("user@example.com");
  }
}
