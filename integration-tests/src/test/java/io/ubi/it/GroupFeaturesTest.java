package io.ubi.it;

import static io.ubi.it.Envelopes.batch;
import static io.ubi.it.Envelopes.envelope;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.lakehouse.TableDef;
import io.ubi.lakehouse.Tables;
import io.ubi.launcher.UbiRuntime;
import io.ubi.model.Json;
import io.ubi.model.config.TenantConfigs;
import io.ubi.transforms.GroupFeatures;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Teams, cohorts and the tenant from their members' features (PRD FR-3, FR-8), with k-anonymity
 * (PR-UBI-02): a team of five has rows whose values are its members' mean; a team of four has no
 * row anywhere, neither in the tables nor in the API nor on the signal topic, while its members
 * still count in the tenant (GroupDisclosureTest covers withholding a group that another group's
 * value would single people out with). UT-UBI-05: a human and an agent with identical events get
 * identical features.
 */
@ExtendWith(UbiExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupFeaturesTest {
  private static final String TENANT = "it-groups";
  private static final String AGENT = "agent:it-twin";

  private final UbiRuntime ubi;
  private final Api api;
  private LocalDate day;

  GroupFeaturesTest(UbiRuntime ubi) {
    this.ubi = ubi;
    this.api = new Api(ubi, TENANT, List.of("ubi:ingest", "ubi:read:team", "ubi:read:tenant"));
  }

  @BeforeAll
  void loadADayOfTwoTeamsAndRunTheNightlyJob() {
    day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    List<ObjectNode> events = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      events.addAll(day("big-" + i, "big", i, "human"));
    }
    for (int i = 1; i <= 4; i++) {
      events.addAll(day("small-" + i, "small", i, "human"));
    }
    // Without a fifth person outside the big team, the tenant minus the big team would be the
    // small team: the big team would then be withheld too (GroupDisclosure).
    events.addAll(day("solo-1", "solo", 2, "human"));
    // The agent does exactly what big-1 does.
    events.addAll(day(AGENT, "agents", 1, "ai_agent"));
    Api.Response r = api.post("/v1/signals/ingest", batch(events));
    assertThat(r.body().get("rejected").asInt()).as(r.body().toString()).isZero();
    ubi.awaitStreamCaughtUp();
    ubi.nightlyJob().run(day, day);
  }

  /** A working day of an actor: its variant {@code v} varies the volume and the late work. */
  private List<ObjectNode> day(String actor, String team, int v, String actorType) {
    List<ObjectNode> out = new ArrayList<>();
    for (int i = 0; i < 10 + v; i++) {
      out.add(at(actor, "file_edited", 9 + i % 4, 5 * i % 60));
    }
    out.add(at(actor, "editor_switch", 10, 30));
    out.add(at(actor, "editor_switch", 11, 45));
    for (int i = 0; i < v; i++) {
      out.add(at(actor, "build_completed_failure", 14, 10 * i));
      out.add(at(actor, "file_edited", 21, 7 * i));
    }
    out.forEach(
        e -> ((ObjectNode) e.get("resource")).put("team_id", team).put("actor_type", actorType));
    return out;
  }

  private ObjectNode at(String actor, String signalType, int hour, int minute) {
    return envelope(TENANT, actor, signalType, day.atTime(hour, minute).toInstant(ZoneOffset.UTC));
  }

  @Test
  void aTeamOfFiveHasItsMembersMeanAndItsSize() {
    Map<String, Double> members = new HashMap<>();
    for (Row r :
        features()
            .where(
                col("actor_scope")
                    .equalTo("actor")
                    .and(col("feature_name").equalTo("failed_builds")))
            .collectAsList()) {
      members.put(r.getAs("actor_or_group_id"), r.getAs("value"));
    }
    Row big =
        features()
            .where(
                col("actor_scope")
                    .equalTo("team")
                    .and(col("actor_or_group_id").equalTo("big"))
                    .and(col("feature_name").equalTo("failed_builds")))
            .first();
    // big-1..big-5 fail 1..5 builds: a mean of 3.
    assertThat((Double) big.getAs("value")).isCloseTo(3.0, within(1e-9));
    assertThat(Json.parse(big.getAs("metadata")).get("members").asInt()).isEqualTo(5);
    assertThat((String) big.getAs("actor_type")).isEqualTo("group");
    assertThat(members).hasSize(11);
  }

  @Test
  void aTeamsWindowsAreOverItsMembersWindowedValues() {
    Dataset<Row> windowed =
        ubi.lake()
            .read(Tables.ACTOR_FEATURES_WINDOWED)
            .where(
                col("tenant_id")
                    .equalTo(TENANT)
                    .and(col("dt").equalTo(day))
                    .and(col("feature_name").equalTo("failed_builds")));
    for (int days : List.of(7, 28)) {
      Row big =
          windowed
              .where(col("window_days").equalTo(days).and(col("actor_or_group_id").equalTo("big")))
              .first();
      // one day of history: each member's window holds their day, and the team's its mean
      assertThat((Double) big.getAs("value")).isCloseTo(3.0, within(1e-9));
      assertThat(Json.parse(big.getAs("metadata")).get("members").asInt()).isEqualTo(5);
      assertThat(big.<Instant>getAs("window_start"))
          .isEqualTo(day.minusDays(days - 1L).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
    assertThat(windowed.where(col("actor_scope").equalTo("tenant")).count()).isEqualTo(2);
  }

  /**
   * The batch export of the day, as a reporting job would take it: JSON lines and a Parquet page
   * that Spark reads, both holding the published groups only.
   */
  @Test
  void theExportHoldsThePublishedGroupsAndNoActorAsJsonLinesAndAsParquet() throws Exception {
    String range = "?from=" + day + "&to=" + day;
    var lines = api.getBytes("/v1/ubi/export/features" + range);
    assertThat(lines.statusCode()).isEqualTo(200);
    List<com.fasterxml.jackson.databind.JsonNode> rows =
        new String(lines.body(), java.nio.charset.StandardCharsets.UTF_8)
            .lines()
            .map(io.ubi.model.Json::parse)
            .toList();
    assertThat(rows).isNotEmpty();
    assertThat(rows)
        .extracting(r -> r.get("actor_scope").asText() + ":" + r.get("actor_or_group_id").asText())
        .contains("team:big", "tenant:" + TENANT)
        .noneMatch(k -> k.startsWith("actor:") || k.equals("team:small"));
    assertThat(new String(lines.body(), java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("ps_")
        .doesNotContain("big-1");

    var parquet = api.getBytes("/v1/ubi/export/features" + range + "&format=parquet");
    assertThat(parquet.statusCode()).isEqualTo(200);
    java.nio.file.Path file = java.nio.file.Files.createTempFile("ubi-export-", ".parquet");
    try {
      java.nio.file.Files.write(file, parquet.body());
      var read = ubi.lake().spark().read().parquet(file.toString());
      assertThat(read.count()).isEqualTo(rows.size());
      assertThat(read.schema().apply("dt").dataType())
          .isEqualTo(org.apache.spark.sql.types.DataTypes.DateType);
      assertThat(read.schema().apply("computed_at").dataType())
          .isEqualTo(org.apache.spark.sql.types.DataTypes.TimestampType);
      assertThat(
              read.where(
                      col("actor_or_group_id")
                          .equalTo("big")
                          .and(col("feature_name").equalTo("events")))
                  .select("value")
                  .first()
                  .getDouble(0))
          .isEqualTo(
              rows.stream()
                  .filter(
                      r ->
                          r.get("actor_or_group_id").asText().equals("big")
                              && r.get("feature_name").asText().equals("events"))
                  .findFirst()
                  .orElseThrow()
                  .get("value")
                  .asDouble());
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }

  @Test
  void aTeamOfFourHasNoRowAnywhere() {
    for (TableDef table :
        List.of(
            Tables.ACTOR_FEATURES_DAILY,
            Tables.ACTOR_FEATURES_WINDOWED,
            Tables.FEATURE_BASELINES,
            Tables.BEHAVIOURAL_SIGNALS)) {
      assertThat(
              ubi.lake()
                  .read(table)
                  .where(
                      col("tenant_id")
                          .equalTo(TENANT)
                          .and(col("actor_or_group_id").equalTo("small")))
                  .count())
          .as(table.name())
          .isZero();
    }
    assertThat(
            ubi.lake()
                .read(Tables.FEATURE_BASELINES)
                .where(
                    col("tenant_id").equalTo(TENANT).and(col("actor_or_group_id").equalTo("big")))
                .count())
        .isPositive();
    Api.Response r =
        api.post(
            "/v1/ubi/query/signals",
            Json.MAPPER
                .createObjectNode()
                .put("tenant_id", TENANT)
                .put("scope", "team")
                .<ObjectNode>set(
                    "filters",
                    Json.MAPPER
                        .createObjectNode()
                        .set("team_ids", Json.MAPPER.createArrayNode().add("small")))
                .set(
                    "time_range",
                    Json.MAPPER
                        .createObjectNode()
                        .put("from", day.atStartOfDay().toInstant(ZoneOffset.UTC).toString())
                        .put(
                            "to",
                            day.plusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC).toString()))
                .toString());
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    assertThat(r.body().get("signals")).isEmpty();
    List<ConsumerRecord<String, String>> published =
        Topics.read(
            ubi.bootstrapServers(),
            ubi.config().signalsTopic(),
            rec -> rec.value().contains("\"" + TENANT + "\""));
    assertThat(published)
        .noneSatisfy(
            rec ->
                assertThat(Json.parse(rec.value()).get("actor_or_group_id").asText())
                    .isEqualTo("small"));
  }

  @Test
  void summariesShowABigTeamAndTheTenantAndMaskASmallTeam() {
    Api.Response big = api.get("/v1/ubi/teams/big/summary?window=7d");
    assertThat(big.status()).as(String.valueOf(big.body())).isEqualTo(200);
    assertThat(big.body().get("masked").asBoolean()).isFalse();
    assertThat(big.body().get("scope").asText()).isEqualTo("team");
    JsonNode events =
        java.util.stream.StreamSupport.stream(big.body().get("features").spliterator(), false)
            .filter(f -> f.get("feature_name").asText().equals("events"))
            .findFirst()
            .orElseThrow();
    // big-v (v = 1..5) has 10 + v edits, 2 switches, v failed builds, v late edits: 12 + 3v
    // events, a mean of 21 for the team
    assertThat(events.at("/latest/value").asDouble()).isEqualTo(21.0);
    assertThat(big.body().get("signals").isArray()).isTrue();

    Api.Response small = api.get("/v1/ubi/teams/small/summary?window=7d");
    assertThat(small.status()).as(String.valueOf(small.body())).isEqualTo(200);
    assertThat(small.body().get("masked").asBoolean()).isTrue();
    assertThat(small.body().get("reason").asText()).contains("fewer than 5 people");
    assertThat(small.body().has("features")).isFalse();
    assertThat(small.body().has("scores")).isFalse();
    assertThat(small.body().has("signals")).isFalse();

    assertThat(api.get("/v1/ubi/teams/nobody/summary").status()).isEqualTo(404);
    assertThat(
            new Api(ubi, TENANT, List.of("ubi:read:actor"))
                .get("/v1/ubi/teams/big/summary")
                .status())
        .isEqualTo(403);

    Api.Response tenant = api.get("/v1/ubi/tenant/summary?window=7d");
    assertThat(tenant.status()).as(String.valueOf(tenant.body())).isEqualTo(200);
    assertThat(tenant.body().get("group_id").asText()).isEqualTo(TENANT);
    assertThat(tenant.body().get("masked").asBoolean()).isFalse();
    assertThat(tenant.body().get("features")).isNotEmpty();
  }

  @Test
  void theTenantAndTheCohortsCountEveryMemberTheSmallTeamsToo() {
    Map<String, Integer> members = new HashMap<>();
    for (Row r :
        features()
            .where(
                col("actor_scope")
                    .isin("tenant", "cohort")
                    .and(col("feature_name").equalTo("active_hours")))
            .collectAsList()) {
      members.put(
          r.getAs("actor_or_group_id"),
          Json.parse(r.<String>getAs("metadata")).get("members").asInt());
    }
    // One agent is below the minimum: its cohort has no row. Agents count in the tenant's value
    // but not towards its minimum size.
    assertThat(members)
        .containsExactlyInAnyOrderEntriesOf(Map.of(TENANT, 11, "actor_type:human", 10));
  }

  @Test
  void aHumanAndAnAgentWithIdenticalEventsHaveIdenticalFeatures() {
    Map<String, Map<String, Double>> byActor = new HashMap<>();
    for (Row r :
        ubi.lake()
            .read(Tables.BEHAVIOURAL_EVENTS)
            .where(col("tenant_id").equalTo(TENANT).and(col("actor_id").isin("big-1", AGENT)))
            .select("actor_id", "actor_pseudonym")
            .distinct()
            .collectAsList()) {
      Map<String, Double> values = new HashMap<>();
      for (Row f :
          features().where(col("actor_or_group_id").equalTo(r.getString(1))).collectAsList()) {
        values.put(f.getAs("feature_name"), f.getAs("value"));
      }
      byActor.put(r.getString(0), values);
    }
    assertThat(byActor.get("big-1")).isNotEmpty().isEqualTo(byActor.get(AGENT));
  }

  @Test
  void theDirectoryWinsOverTheEventsTeamAndAddsCohorts() {
    TenantConfigs configs =
        TenantConfigs.of(
            Map.of(
                TENANT,
                TenantConfigs.parse(
                    TENANT,
                    Json.parse(
                        """
            {"directory": {"teams": {"platform": ["big-1"]}, "cohorts": {"seniors": ["big-2"]}}}
            """))));
    Dataset<Row> bronze =
        ubi.lake()
            .read(Tables.BEHAVIOURAL_EVENTS)
            .where(col("tenant_id").equalTo(TENANT).and(col("actor_id").isin("big-1", "big-2")));
    Map<String, List<String>> groups = new HashMap<>();
    for (Row m : GroupFeatures.members(bronze, configs).collectAsList()) {
      groups
          .computeIfAbsent(m.getAs("actor_pseudonym"), k -> new ArrayList<>())
          .add(m.getAs("actor_scope") + ":" + m.getAs("group_id"));
    }
    assertThat(groups.values())
        .containsExactlyInAnyOrder(
            List.of("team:platform", "cohort:actor_type:human", "tenant:" + TENANT),
            List.of("team:big", "cohort:actor_type:human", "cohort:seniors", "tenant:" + TENANT));
    assertThat(groups.values().toString()).doesNotContain("big-1", "big-2");
  }

  private Dataset<Row> features() {
    return ubi.lake()
        .read(Tables.ACTOR_FEATURES_DAILY)
        .where(col("tenant_id").equalTo(TENANT).and(col("dt").equalTo(day)));
  }
}
