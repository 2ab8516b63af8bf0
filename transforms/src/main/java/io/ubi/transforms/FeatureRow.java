package io.ubi.transforms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.lakehouse.TableDef;
import io.ubi.model.Ids;
import io.ubi.model.Json;
import io.ubi.model.Wire;
import io.ubi.model.feature.FeatureDefinition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * One row of a feature table, for any subject and window: the one place its id, window bounds and
 * columns are filled, for actor values ({@link FeatureComputation}) and group values ({@link
 * GroupFeatures}) alike.
 *
 * @param scope actor, team, cohort or tenant
 * @param grain the window's length, ending on {@code dt}, and how it was computed
 * @param zone the tenant's time zone, whose midnights bound the window
 */
record FeatureRow(
    String tenant,
    String scope,
    String subject,
    String actorType,
    FeatureDefinition feature,
    LocalDate dt,
    FeatureGrain grain,
    ZoneId zone) {

  /** The window's first instant: midnight of its first day in the tenant's time zone. */
  Instant windowStart() {
    return dt.minusDays(grain.days() - 1L).atStartOfDay(zone).toInstant();
  }

  Row toRow(
      TableDef table, double value, double confidence, ObjectNode metadata, Instant computedAt) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(
        "feature_id", Ids.feature(tenant, scope, subject, feature.name(), dt, grain.computation()));
    v.put("tenant_id", tenant);
    v.put("actor_scope", scope);
    v.put("actor_or_group_id", subject);
    v.put("actor_type", actorType);
    v.put("feature_name", feature.name());
    v.put("dimension", Wire.lower(feature.dimension()));
    v.put("window_start", windowStart());
    v.put("window_end", dt.plusDays(1).atStartOfDay(zone).toInstant());
    v.put("value", value);
    v.put("confidence", confidence);
    v.put("metadata", Json.write(metadata));
    v.put("computed_at", computedAt);
    v.put("window_days", grain.days());
    v.put("dt", dt);
    return SparkSchemas.row(table, v);
  }
}
