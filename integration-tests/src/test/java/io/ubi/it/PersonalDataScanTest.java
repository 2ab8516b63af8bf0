package io.ubi.it;

import static io.ubi.it.Envelopes.envelope;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.lakehouse.TableDef;
import io.ubi.lakehouse.Tables;
import io.ubi.launcher.UbiRuntime;
import io.ubi.model.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The proof of data minimisation: personal data and secrets planted in fields a tenant's policy
 * does not allow, and in allowed fields whose content the rules judge personal or secret, are found
 * nowhere UBI writes: no table of the lakehouse (the tenant's rows, every layer) and no topic UBI
 * writes (the envelopes its API publishes, the DLQ, signals out). The one raw identifier policy
 * allows, an actor id a collaboration attribute reads, is in bronze and nowhere after it. Events
 * PM-3 tags as holding personal data keep the indication (their tags), never the property
 * (UT-UBI-04).
 */
@ExtendWith(UbiExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonalDataScanTest {
  private static final String TENANT = "it-scan";
  private static final String EMAIL = "planted.person@example.org";
  private static final String SECRET = "AKIAPLANTEDSECRET012";
  private static final String IP = "203.0.113.77";
  private static final String COUNTERPART = "planted.reviewer@example.org";

  /**
   * A person's name no rule recognises: only PM-3's tag says the payload is personal (UT-UBI-04).
   */
  private static final String NAME = "Jane Quincy Planted";

  private final UbiRuntime ubi;
  private final Api api;
  private final List<String> apiIds = new ArrayList<>();

  PersonalDataScanTest(UbiRuntime ubi) {
    this.ubi = ubi;
    this.api = new Api(ubi, TENANT, List.of("ubi:ingest"));
  }

  private ObjectNode planted(String actor, String type, Instant at) {
    ObjectNode e = envelope(TENANT, actor, type, at);
    // Not allowed by the defaults: dropped.
    e.with("payload").put("contact", EMAIL).put("deploy_key", SECRET).put("client_ip", IP);
    // Allowed by the defaults, but personal or secret by content: dropped by the default policy.
    e.with("resource").put("repo", "notes of " + EMAIL).put("module", "key " + SECRET);
    // An attribute source: the raw id is kept in bronze and pseudonymised past it.
    e.with("payload").put("pr_author", COUNTERPART);
    return e;
  }

  @BeforeAll
  void ingestPlantedEventsAndRunTheNightlyJob() {
    LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    List<ObjectNode> viaApi = new ArrayList<>();
    List<String> direct = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Instant at = day.atTime(10, 5 * i).toInstant(ZoneOffset.UTC);
      viaApi.add(planted("dev-scan-" + i, "pr_review_submitted", at));
      apiIds.add(viaApi.get(i).get("signal_id").asText());
      direct.add(Json.write(planted("dev-scan-" + i, "commit", at.plusSeconds(60))));
    }
    for (int i = 0; i < 3; i++) {
      ObjectNode tagged =
          envelope(
              TENANT, "dev-scan-" + i, "build_failed", day.atTime(14, i).toInstant(ZoneOffset.UTC));
      tagged.with("resource").putObject("privacy_tags").put("contains_PI", true);
      // pipeline is kept for build events by default; the tag makes its free text personal.
      tagged.with("payload").put("pipeline", "release by " + NAME).put("build_id", 7 + i);
      viaApi.add(tagged);
      apiIds.add(tagged.get("signal_id").asText());
    }
    ObjectNode rejected = planted("dev-scan-x", "commit", Instant.now());
    rejected.put("schema_version", "9.0");
    direct.add(Json.write(rejected));
    api.ingestAll(viaApi);
    Topics.produce(ubi.bootstrapServers(), ubi.config().eventsTopic(), TENANT, direct);
    ubi.awaitStreamCaughtUp();
    ubi.nightlyJob().run(day, day);
  }

  @Test
  void noTableHoldsWhatPolicyDoesNotAllow() {
    int scanned = 0;
    for (TableDef table : Tables.all()) {
      if (!table.columnNames().contains("tenant_id")) {
        continue;
      }
      Dataset<Row> rows = ubi.lake().read(table).where(col("tenant_id").equalTo(TENANT));
      String all = String.join("\n", rows.toJSON().collectAsList());
      scanned += all.isEmpty() ? 0 : 1;
      assertThat(all).as(table.name()).doesNotContain(EMAIL, SECRET, IP, NAME);
      if (!table.name().startsWith("bronze.")) {
        assertThat(all).as(table.name()).doesNotContain(COUNTERPART, "dev-scan-");
      }
    }
    assertThat(scanned).as("tables holding the tenant's rows").isGreaterThanOrEqualTo(5);
    String bronze =
        String.join(
            "\n",
            ubi.lake()
                .read(Tables.BEHAVIOURAL_EVENTS)
                .where(col("tenant_id").equalTo(TENANT))
                .toJSON()
                .collectAsList());
    assertThat(bronze).as("the attribute source, as policy allows").contains(COUNTERPART);
    // UT-UBI-04: what remains of the tagged events is the indication, not the property.
    assertThat(
            ubi.lake()
                .read(Tables.BEHAVIOURAL_EVENTS)
                .where(
                    col("tenant_id").equalTo(TENANT).and(col("event_type").equalTo("build_failed")))
                .collectAsList())
        .hasSize(3)
        .allSatisfy(
            r -> {
              assertThat(r.getJavaMap(r.fieldIndex("privacy_tags")))
                  .containsEntry("contains_PI", "true");
              assertThat(r.getJavaMap(r.fieldIndex("minimised")))
                  .containsEntry("properties.pipeline", "dropped:pm3_personal");
              assertThat(r.<String>getAs("properties")).contains("build_id");
            });
  }

  /**
   * The topics UBI writes: the envelopes its ingest API published (the producer's own records on
   * the input topic are the producer's), the DLQ and the signal stream.
   */
  @Test
  void noTopicUbiWritesCarriesIt() {
    var published =
        Topics.read(
            ubi.bootstrapServers(),
            ubi.config().eventsTopic(),
            r -> r.value() != null && apiIds.stream().anyMatch(r.value()::contains));
    assertThat(published).hasSameSizeAs(apiIds);
    published.forEach(r -> assertThat(r.value()).doesNotContain(EMAIL, SECRET, IP, NAME));
    for (String topic : List.of(ubi.config().dlqTopic(), ubi.config().signalsTopic())) {
      var records =
          Topics.read(
              ubi.bootstrapServers(), topic, r -> r.value() != null && r.value().contains(TENANT));
      records.forEach(r -> assertThat(r.value()).as(topic).doesNotContain(EMAIL, SECRET, IP, NAME));
      if (topic.equals(ubi.config().dlqTopic())) {
        assertThat(records).as("the planted rejected record reached the DLQ").isNotEmpty();
      }
    }
  }
}
