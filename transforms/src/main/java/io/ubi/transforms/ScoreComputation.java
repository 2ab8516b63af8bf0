package io.ubi.transforms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.lakehouse.Tables;
import io.ubi.model.Ids;
import io.ubi.model.Json;
import io.ubi.model.Wire;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.feature.ScoreDefinition;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The catalogue's dimension scores ({@link ScoreDefinition}) of every subject and day, from the
 * day's rows of {@code silver.feature_baselines}: each scored feature's value, baseline and
 * deviation. Per tenant, scope, subject and day; a subject-day whose features were not scored
 * (warm-up, a non-working day, too little support) has no score.
 */
public final class ScoreComputation {
  private ScoreComputation() {}

  /**
   * Rows of {@code gold.behavioural_scores}.
   *
   * @param baselines rows of {@code silver.feature_baselines} of the days to score
   */
  public static Dataset<Row> scores(Dataset<Row> baselines, Instant computedAt) {
    return baselines
        .where("z_score IS NOT NULL")
        .select(
            "tenant_id",
            "actor_scope",
            "actor_or_group_id",
            "actor_type",
            "dt",
            "feature_name",
            "observed_value",
            "reference_mean",
            "z_score",
            "reference_confidence")
        .groupByKey(
            (MapFunction<Row, String>)
                r ->
                    r.getString(0)
                        + '\u0000'
                        + r.getString(1)
                        + '\u0000'
                        + r.getString(2)
                        + '\u0000'
                        + r.get(4),
            Encoders.STRING())
        .flatMapGroups(
            (FlatMapGroupsFunction<String, Row, Row>)
                (key, rows) -> {
                  Map<String, ScoreDefinition.Deviation> deviations = new HashMap<>();
                  Row first = null;
                  while (rows.hasNext()) {
                    Row r = rows.next();
                    first = first == null ? r : first;
                    deviations.put(
                        r.getString(5),
                        new ScoreDefinition.Deviation(
                            r.getDouble(6),
                            r.getDouble(7),
                            r.getDouble(8),
                            r.isNullAt(9) ? 0 : r.getDouble(9)));
                  }
                  return rows(first, deviations, computedAt).iterator();
                },
            Encoders.row(SparkSchemas.of(Tables.BEHAVIOURAL_SCORES)));
  }

  private static List<Row> rows(
      Row subject, Map<String, ScoreDefinition.Deviation> deviations, Instant computedAt) {
    List<Row> out = new ArrayList<>();
    for (ScoreDefinition s : FeatureCatalog.scores()) {
      s.compute(deviations)
          .ifPresent(
              result -> {
                ObjectNode inputs = Json.MAPPER.createObjectNode();
                result.inputs().forEach(inputs::put);
                Map<String, Object> v = new LinkedHashMap<>();
                LocalDate dt = (LocalDate) subject.get(4);
                v.put(
                    "score_id",
                    Ids.score(
                        subject.getString(0),
                        subject.getString(1),
                        subject.getString(2),
                        s.name(),
                        dt));
                v.put("tenant_id", subject.getString(0));
                v.put("actor_scope", subject.getString(1));
                v.put("actor_or_group_id", subject.getString(2));
                v.put("actor_type", subject.getString(3));
                v.put("score_name", s.name());
                v.put("dimension", Wire.lower(s.dimension()));
                v.put("score", result.score());
                v.put("confidence", result.confidence());
                v.put("inputs", Json.write(inputs));
                v.put("reason", result.reason());
                v.put("computed_at", computedAt);
                v.put("dt", dt);
                out.add(SparkSchemas.row(Tables.BEHAVIOURAL_SCORES, v));
              });
    }
    return out;
  }
}
