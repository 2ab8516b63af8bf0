package io.ubi.serving.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.ubi.lakehouse.Tables;
import io.ubi.model.config.TenantConfig;
import io.ubi.model.config.TenantConfigs;
import io.ubi.serving.LakeFixture;
import io.ubi.serving.read.LakeReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NFR-6: when a tenant's data was last computed, and when answers are marked stale. */
class FreshnessTest {
  private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
  private static final LocalDate TODAY = LocalDate.parse("2026-03-02");
  private static final Duration HOUR = Duration.ofHours(1);

  @TempDir Path lake;

  private Freshness freshness() {
    return new Freshness(new LakeReader(lake), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void aTenantWithoutDataHasNoDataAsOfAndIsStale() {
    Freshness f = freshness();
    assertThat(f.dataAsOf("acme")).isNull();
    assertThat(f.isStale(null, HOUR)).isTrue();
  }

  @Test
  void staleMeansOlderThanTheThreshold() {
    Freshness f = freshness();
    assertThat(f.isStale(NOW, HOUR)).isFalse();
    assertThat(f.isStale(NOW.minus(HOUR), HOUR)).isFalse();
    assertThat(f.isStale(NOW.minus(HOUR).minusSeconds(1), HOUR)).isTrue();
    assertThat(f.isStale(NOW.minus(Duration.ofMinutes(10)), Duration.ofMinutes(5))).isTrue();
  }

  @Test
  void dataAsOfIsTheNewestIntradayComputationOfThatTenantOnly() {
    new LakeFixture(lake)
        .append(
            Tables.ACTOR_FEATURES_INTRADAY,
            List.of(
                LakeFixture.feature(
                    "acme", "ps_a", "active_hours", TODAY, 1, NOW.minusSeconds(3600)),
                LakeFixture.feature(
                    "acme", "ps_b", "active_hours", TODAY, 1, NOW.minusSeconds(600)),
                LakeFixture.feature(
                    "acme",
                    "ps_a",
                    "active_hours",
                    TODAY.minusDays(1),
                    1,
                    NOW.minusSeconds(90_000)),
                // Another tenant's fresher data must not make acme look fresh.
                LakeFixture.feature(
                    "globex", "ps_g", "active_hours", TODAY, 1, NOW.minusSeconds(5))));

    assertThat(freshness().dataAsOf("acme")).isEqualTo(NOW.minusSeconds(600));
    assertThat(freshness().dataAsOf("globex")).isEqualTo(NOW.minusSeconds(5));
    assertThat(freshness().dataAsOf("initech")).isNull();
  }

  @Test
  void withoutRecentIntradayRowsTheNightlyDailyRowsDecide() {
    LakeFixture fixture = new LakeFixture(lake);
    // The stream last computed acme five days ago: outside the two days looked at.
    fixture.append(
        Tables.ACTOR_FEATURES_INTRADAY,
        List.of(
            LakeFixture.feature(
                "acme",
                "ps_a",
                "active_hours",
                TODAY.minusDays(5),
                1,
                NOW.minus(Duration.ofDays(5)))));
    fixture.append(
        Tables.ACTOR_FEATURES_DAILY,
        List.of(
            LakeFixture.feature(
                "acme",
                "ps_a",
                "active_hours",
                TODAY.minusDays(1),
                1,
                NOW.minus(Duration.ofHours(10)))));

    Freshness f = freshness();
    Instant asOf = f.dataAsOf("acme");
    assertThat(asOf).isEqualTo(NOW.minus(Duration.ofHours(10)));
    assertThat(f.isStale(asOf, HOUR)).isTrue();
    assertThat(f.isStale(asOf, Duration.ofHours(12))).isFalse();
  }

  @Test
  void freshFeaturesAreStaleAnywayWhenTheNightlyJobMissedItsWindow() {
    LakeFixture fixture = new LakeFixture(lake);
    fixture.append(
        Tables.ACTOR_FEATURES_INTRADAY,
        List.of(
            LakeFixture.feature("acme", "ps_a", "active_hours", TODAY, 1, NOW.minusSeconds(60)),
            LakeFixture.feature("globex", "ps_g", "active_hours", TODAY, 1, NOW.minusSeconds(60)),
            LakeFixture.feature(
                "initech", "ps_i", "active_hours", TODAY, 1, NOW.minusSeconds(60))));
    // acme's nightly ran for yesterday; globex's last ran three days ago; initech never ran.
    fixture.append(
        Tables.FEATURE_BASELINES,
        List.of(
            LakeFixture.baseline("acme", "ps_a", "failed_builds", TODAY.minusDays(1), 1, 1, 1, 0.0),
            LakeFixture.baseline(
                "globex", "ps_g", "failed_builds", TODAY.minusDays(3), 1, 1, 1, 0.0),
            LakeFixture.baseline(
                "globex", "ps_g", "failed_builds", TODAY.minusDays(4), 1, 1, 1, 0.0)));
    Freshness f = freshness();
    Duration window = Duration.ofHours(36);

    assertThat(f.baselinesAsOf("acme", window))
        .isEqualTo(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC));
    assertThat(f.isStale(config("acme", window))).isFalse();
    // Beyond what a 36-hour window looks at; a wider window finds them.
    assertThat(f.baselinesAsOf("globex", window)).isNull();
    assertThat(f.isStale(config("globex", window))).isTrue();
    assertThat(f.baselinesAsOf("globex", Duration.ofHours(60)))
        .isEqualTo(TODAY.minusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC));
    // 60 hours is a window globex's baselines (ended 60 hours ago) still meet, exactly.
    assertThat(f.isStale(config("globex", Duration.ofHours(60)))).isFalse();
    assertThat(f.isStale(config("globex", Duration.ofHours(59)))).isTrue();
    assertThat(f.baselinesAsOf("initech", window)).isNull();
    assertThat(f.isStale(config("initech", window))).isTrue();
  }

  private static TenantConfig config(String tenant, Duration baselinesStaleAfter) {
    TenantConfig d = TenantConfigs.load(null).forTenant(tenant);
    return new TenantConfig(
        tenant,
        d.version(),
        d.enabledEventTypes(),
        d.eventMapping(),
        d.workingHours(),
        d.baseline(),
        d.anomalyThresholds(),
        d.minTeamSize(),
        d.enabledSignalTypes(),
        HOUR,
        baselinesStaleAfter,
        d.directory(),
        d.features(),
        d.signalSwitches(),
        d.privacy());
  }

  @Test
  void whileTheStreamHasRecentRowsItDecidesSoAStreamOutageShowsAsStale() {
    // Deliberate (see the class comment): a nightly run after the stream stopped must not hide
    // that no events have been processed since.
    LakeFixture fixture = new LakeFixture(lake);
    fixture.append(
        Tables.ACTOR_FEATURES_INTRADAY,
        List.of(
            LakeFixture.feature(
                "acme",
                "ps_a",
                "active_hours",
                TODAY.minusDays(1),
                1,
                NOW.minus(Duration.ofHours(14)))));
    fixture.append(
        Tables.ACTOR_FEATURES_DAILY,
        List.of(
            LakeFixture.feature(
                "acme",
                "ps_a",
                "active_hours",
                TODAY.minusDays(1),
                1,
                NOW.minus(Duration.ofHours(9)))));

    Freshness f = freshness();
    assertThat(f.dataAsOf("acme")).isEqualTo(NOW.minus(Duration.ofHours(14)));
    assertThat(f.isStale(f.dataAsOf("acme"), HOUR)).isTrue();
  }
}
