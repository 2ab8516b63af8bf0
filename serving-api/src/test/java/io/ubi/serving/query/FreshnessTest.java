package io.ubi.serving.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.ubi.lakehouse.Tables;
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

  @TempDir
  Path lake;

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
    new LakeFixture(lake).append(Tables.ACTOR_FEATURES_INTRADAY, List.of(
        LakeFixture.feature("acme", "ps_a", "active_hours", TODAY, 1, NOW.minusSeconds(3600)),
        LakeFixture.feature("acme", "ps_b", "active_hours", TODAY, 1, NOW.minusSeconds(600)),
        LakeFixture.feature("acme", "ps_a", "active_hours", TODAY.minusDays(1), 1,
            NOW.minusSeconds(90_000)),
        // Another tenant's fresher data must not make acme look fresh.
        LakeFixture.feature("globex", "ps_g", "active_hours", TODAY, 1, NOW.minusSeconds(5))));

    assertThat(freshness().dataAsOf("acme")).isEqualTo(NOW.minusSeconds(600));
    assertThat(freshness().dataAsOf("globex")).isEqualTo(NOW.minusSeconds(5));
    assertThat(freshness().dataAsOf("initech")).isNull();
  }

  @Test
  void withoutRecentIntradayRowsTheNightlyDailyRowsDecide() {
    LakeFixture fixture = new LakeFixture(lake);
    // The stream last computed acme five days ago: outside the two days looked at.
    fixture.append(Tables.ACTOR_FEATURES_INTRADAY, List.of(
        LakeFixture.feature("acme", "ps_a", "active_hours", TODAY.minusDays(5), 1,
            NOW.minus(Duration.ofDays(5)))));
    fixture.append(Tables.ACTOR_FEATURES_DAILY, List.of(
        LakeFixture.feature("acme", "ps_a", "active_hours", TODAY.minusDays(1), 1,
            NOW.minus(Duration.ofHours(10)))));

    Freshness f = freshness();
    Instant asOf = f.dataAsOf("acme");
    assertThat(asOf).isEqualTo(NOW.minus(Duration.ofHours(10)));
    assertThat(f.isStale(asOf, HOUR)).isTrue();
    assertThat(f.isStale(asOf, Duration.ofHours(12))).isFalse();
  }

  @Test
  void whileTheStreamHasRecentRowsItDecidesSoAStreamOutageShowsAsStale() {
    // Deliberate (see the class comment): a nightly run after the stream stopped must not hide
    // that no events have been processed since.
    LakeFixture fixture = new LakeFixture(lake);
    fixture.append(Tables.ACTOR_FEATURES_INTRADAY, List.of(
        LakeFixture.feature("acme", "ps_a", "active_hours", TODAY.minusDays(1), 1,
            NOW.minus(Duration.ofHours(14)))));
    fixture.append(Tables.ACTOR_FEATURES_DAILY, List.of(
        LakeFixture.feature("acme", "ps_a", "active_hours", TODAY.minusDays(1), 1,
            NOW.minus(Duration.ofHours(9)))));

    Freshness f = freshness();
    assertThat(f.dataAsOf("acme")).isEqualTo(NOW.minus(Duration.ofHours(14)));
    assertThat(f.isStale(f.dataAsOf("acme"), HOUR)).isTrue();
  }
}
