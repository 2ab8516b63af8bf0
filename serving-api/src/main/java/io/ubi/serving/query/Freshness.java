package io.ubi.serving.query;

import io.ubi.lakehouse.Tables;
import io.ubi.model.config.TenantConfig;
import io.ubi.serving.read.LakeReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * How fresh a tenant's data is (PRD NFR-6). Answers are marked {@code stale: true} when
 *
 * <ul>
 *   <li>the last time either layer computed features for the tenant (the stream's while it has
 *       recent rows, so a PM-3 or stream outage shows) is older than {@code staleAfter}; or
 *   <li>the newest baselines, as of the end of their day, are older than {@code
 *       baselinesStaleAfter}: the nightly recomputation has not completed in its window.
 * </ul>
 */
public final class Freshness {
  private final LakeReader reader;
  private final Clock clock;

  public Freshness(LakeReader reader, Clock clock) {
    this.reader = reader;
    this.clock = clock;
  }

  /** The newest computation time for the tenant, or null if it has none. */
  public Instant dataAsOf(String tenantId) {
    LocalDate today = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
    Instant newest = null;
    for (var table :
        new io.ubi.lakehouse.TableDef[] {
          Tables.ACTOR_FEATURES_INTRADAY, Tables.ACTOR_FEATURES_DAILY
        }) {
      newest =
          reader
              .<Instant>max(table, tenantId, today.minusDays(2), today, "computed_at")
              .orElse(null);
      if (newest != null) {
        break;
      }
    }
    return newest;
  }

  /** Whether answers about the tenant are stale, by both rules above. */
  public boolean isStale(TenantConfig config) {
    return isStale(config, dataAsOf(config.tenantId()));
  }

  /** As {@link #isStale(TenantConfig)}, for a caller that already has {@link #dataAsOf}. */
  public boolean isStale(TenantConfig config, Instant dataAsOf) {
    return isStale(dataAsOf, config.staleAfter())
        || isStale(
            baselinesAsOf(config.tenantId(), config.baselinesStaleAfter()),
            config.baselinesStaleAfter());
  }

  /**
   * The end of the newest day the tenant has baselines for, looked for no further back than the
   * threshold could still call fresh; null if none.
   */
  public Instant baselinesAsOf(String tenantId, Duration threshold) {
    LocalDate today = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
    LocalDate from = today.minusDays(threshold.toDays() + 1);
    return reader
        .latestDay(Tables.FEATURE_BASELINES, tenantId, from, today)
        .map(d -> d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC))
        .orElse(null);
  }

  public boolean isStale(Instant dataAsOf, Duration threshold) {
    return dataAsOf == null || Duration.between(dataAsOf, clock.instant()).compareTo(threshold) > 0;
  }
}
