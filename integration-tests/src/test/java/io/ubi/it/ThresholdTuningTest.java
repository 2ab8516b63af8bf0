package io.ubi.it;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.lakehouse.GoldTables;
import io.ubi.launcher.UbiRuntime;
import io.ubi.model.Json;
import io.ubi.model.UbiException;
import io.ubi.model.config.ConfigVersion;
import io.ubi.model.config.TenantConfig;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.feature.Dimension;
import io.ubi.model.feedback.SignalFeedback;
import io.ubi.transforms.ConfigStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Threshold tuning (PRD FR-4): for a tenant that lets it, the nightly run applies its proposal as a
 * new, audited version of the tenant's settings, which the next run reads; and the store of
 * versions refuses a writer that lost a race instead of overwriting the winner.
 */
@ExtendWith(UbiExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThresholdTuningTest {
  private static final String TENANT = UbiExtension.TUNED_TENANT;

  private final UbiRuntime ubi;
  private final ConfigStore store;

  ThresholdTuningTest(UbiRuntime ubi) {
    this.ubi = ubi;
    this.store = new ConfigStore(ubi.lake());
  }

  @Test
  void aProposalIsAppliedAsANewVersionThatTheNextRunReads() {
    LocalDate night = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    // 40 verdicts on activity signals: the 4 false positives all deviated less than 3 sigma
    List<Map.Entry<String, String>> verdicts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      boolean falsePositive = i < 4;
      SignalFeedback f =
          new SignalFeedback(
              "tuned-f" + i,
              TENANT,
              "tuned-s" + i,
              "burnout_risk",
              "activity",
              "actor",
              "risk",
              "WARN",
              night.toString(),
              falsePositive ? "false_positive" : "useful",
              null,
              "tk_lead",
              falsePositive ? 2.55 + i * 0.1 : 3.0 + (i - 4) * 0.05,
              Instant.now());
      verdicts.add(Map.entry(f.feedbackId(), Json.write(f)));
    }
    Topics.produce(ubi.bootstrapServers(), ubi.config().feedbackTopic(), verdicts);

    ubi.nightlyJob().run(night, night);

    List<ConfigVersion> history = store.history(TENANT);
    assertThat(history).hasSize(1);
    ConfigVersion tuned = history.get(0);
    assertThat(tuned.version()).as("one above the file's version 4").isEqualTo(5);
    assertThat(tuned.changedBy()).isEqualTo(ConfigVersion.AUTO_TUNE);
    assertThat(tuned.reason())
        .contains("activity WARN 2.5 -> 2.8, CRITICAL 3.5 -> 3.8")
        .contains("10.0 % false positives in 40 verdicts; 2.7 % at the new level");
    JsonNode settings = Json.parse(tuned.settings());
    assertThat(settings.at("/anomaly_thresholds/per_dimension/activity/warn").asDouble())
        .isEqualTo(2.8);
    assertThat(settings.at("/anomaly_thresholds/per_dimension/flow/warn").asDouble())
        .as("the rest of the tenant's settings carry over")
        .isEqualTo(2.6);
    assertThat(settings.has("directory")).isFalse();
    assertThat(tuned.settings()).doesNotContain("dev-a");

    TenantConfig effective = store.effective(ubi.tenantConfigs()).forTenant(TENANT);
    assertThat(effective.version()).isEqualTo(5);
    assertThat(effective.anomalyThresholds().levels(Dimension.ACTIVITY).warn()).isEqualTo(2.8);
    assertThat(effective.directory().teams())
        .as("the directory stays the file's")
        .containsKey("core");

    Row applied = proposal(night);
    assertThat(applied.<String>getAs("status")).isEqualTo("applied");
    assertThat(applied.<Integer>getAs("applied_version")).isEqualTo(5);
    assertThat(applied.<Double>getAs("current_warn")).isEqualTo(2.5);
    Api.Response quality =
        new Api(ubi, TENANT, List.of("ubi:read:tenant"))
            .get("/v1/ubi/signals/quality?tenant_id=" + TENANT);
    assertThat(quality.status()).as(String.valueOf(quality.body())).isEqualTo(200);
    assertThat(quality.body().at("/threshold_proposals/0/applied_version").asInt()).isEqualTo(5);

    // The next run reads version 5: at its level the same verdicts are within the target.
    ubi.nightlyJob().run(night, night);
    Row next = proposal(night);
    assertThat(next.<String>getAs("status")).isEqualTo("within_target");
    assertThat(next.<Double>getAs("current_warn")).isEqualTo(2.8);
    assertThat(next.<Integer>getAs("applied_version")).isNull();
    assertThat(store.history(TENANT)).as("nothing more to apply").hasSize(1);
  }

  @Test
  void ofTwoWritersOfTheSameVersionTheSecondIsRefused() {
    String tenant = "it-config-race";
    TenantConfigs read = store.effective(ubi.tenantConfigs());
    assertThat(read.forTenant(tenant).version()).as("the defaults' version").isEqualTo(1);
    ObjectNode first = read.settings(tenant).put("stale_after_minutes", 30);
    ObjectNode second = read.settings(tenant).put("stale_after_minutes", 90);

    ConfigVersion won =
        store.append(read, tenant, first, "tk_a", "tighter staleness", Instant.now());
    assertThat(won.version()).isEqualTo(2);
    assertThatThrownBy(
            () -> store.append(read, tenant, second, "tk_b", "looser staleness", Instant.now()))
        .isInstanceOfSatisfying(
            UbiException.class, e -> assertThat(e.code()).isEqualTo("config_conflict"))
        .hasMessageContaining("was stored by tk_a");
    assertThat(store.read(tenant, 2)).contains(won);
    assertThat(store.effective(ubi.tenantConfigs()).forTenant(tenant).staleAfter().toMinutes())
        .isEqualTo(30);

    TenantConfigs now = store.effective(ubi.tenantConfigs());
    ObjectNode withDirectory = now.settings(tenant);
    withDirectory.putObject("directory").putObject("teams").putArray("core").add("dev-a");
    assertThatThrownBy(() -> store.append(now, tenant, withDirectory, "tk_a", "", Instant.now()))
        .hasMessageContaining("directory: teams and cohorts by member are raw actor ids");
    ObjectNode invalid = now.settings(tenant).put("stale_after_minutes", -1);
    assertThatThrownBy(() -> store.append(now, tenant, invalid, "tk_a", "", Instant.now()))
        .hasMessageContaining("stale_after_minutes: must be a positive integer");
    assertThat(store.history(tenant)).as("nothing invalid is stored").hasSize(1);
  }

  private Row proposal(LocalDate night) {
    return ubi.lake()
        .read(GoldTables.THRESHOLD_PROPOSALS)
        .where(
            col("tenant_id")
                .equalTo(TENANT)
                .and(col("dt").equalTo(night.toString()))
                .and(col("dimension").equalTo("activity")))
        .first();
  }
}
