package io.ubi.transforms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.lakehouse.TableDef;
import io.ubi.model.Ids;
import io.ubi.model.Json;
import io.ubi.model.Wire;
import io.ubi.model.feature.FeatureDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * One row of a feature table, for any subject and window: the one place its id, window bounds and
 * columns are filled, for actor values ({@link FeatureComputation}) and group values ({@link
 * GroupFeatures}) alike.
 *
 * @param scope actor, team, cohort or tenant
 * @param days the window's length, ending on {@code dt}
 * @param computation daily, intraday or the window (e.g. 7d), part of the row's id
 */
record FeatureRow(String tenant, String scope, String subject, String actorType,
    FeatureDefinition feature, LocalDate dt, int days, String computation) {

  /** The window's first instant. */
  Instant windowStart() {
    return dt.minusDays(days - 1L).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  Row toRow(TableDef table, double value, double confidence, ObjectNode metadata,
      Instant computedAt) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("feature_id", Ids.feature(tenant, scope, subject, feature.name(), dt, computation));
    v.put("tenant_id", tenant);
    v.put("actor_scope", scope);
    v.put("actor_or_group_id", subject);
    v.put("actor_type", actorType);
    v.put("feature_name", feature.name());
    v.put("dimension", Wire.lower(feature.dimension()));
    v.put("window_start", windowStart());
    v.put("window_end", windowStart().plus(Duration.ofDays(days)));
    v.put("value", value);
    v.put("confidence", confidence);
    v.put("metadata", Json.write(metadata));
    v.put("computed_at", computedAt);
    v.put("window_days", days);
    v.put("dt", dt);
    return SparkSchemas.row(table, v);
  }
}
