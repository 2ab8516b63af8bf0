package io.ubi.serving.query;

import io.ubi.lakehouse.Tables;
import io.ubi.serving.read.LakeReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * How fresh a tenant's data is (PRD NFR-6): the last time either layer computed features for it.
 * When the stream stops receiving events (a PM-3 outage) or the nightly job stops, this ages, and
 * answers older than the tenant's threshold are marked {@code stale: true}.
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
    for (var table : new io.ubi.lakehouse.TableDef[] {Tables.ACTOR_FEATURES_INTRADAY,
        Tables.ACTOR_FEATURES_DAILY}) {
      for (Map<String, Object> row : reader.read(table, tenantId, today.minusDays(2), today)) {
        Instant at = (Instant) row.get("computed_at");
        if (newest == null || at.isAfter(newest)) {
          newest = at;
        }
      }
      if (newest != null) {
        break;
      }
    }
    return newest;
  }

  public boolean isStale(Instant dataAsOf, Duration threshold) {
    return dataAsOf == null || Duration.between(dataAsOf, clock.instant()).compareTo(threshold) > 0;
  }
}
