package io.ubi.lakehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Ids;
import io.ubi.model.Json;
import io.ubi.model.Wire;
import io.ubi.model.baseline.Baseline;
import io.ubi.model.feature.FeatureDefinition;
import io.ubi.model.signal.DailyObservation;
import io.ubi.model.signal.DayAssessment;
import io.ubi.model.signal.SignalFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The one mapping between a day's {@link DayAssessment} and a row of {@link
 * Tables#FEATURE_BASELINES}, both ways: the baseline step writes what it assessed, and the
 * detection step reads it back whole (the reference it was compared with and the day's explanation
 * included) instead of folding the feature history a second time.
 */
public final class BaselineRows {
  private BaselineRows() {}

  /** Column name to Java value, in declaration order. */
  public static Map<String, Object> toRow(
      SignalFactory.Subject subject,
      FeatureDefinition feature,
      String window,
      DayAssessment day,
      Instant now) {
    Baseline b = day.after();
    Baseline ref = day.reference();
    DailyObservation o = day.observation();
    String scope = Wire.lower(subject.scope());
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(
        "baseline_id",
        Ids.baseline(subject.tenantId(), scope, subject.id(), feature.name(), o.dt()));
    v.put("tenant_id", subject.tenantId());
    v.put("actor_scope", scope);
    v.put("actor_or_group_id", subject.id());
    v.put("actor_type", subject.actorType());
    v.put("feature_name", feature.name());
    v.put("dimension", Wire.lower(feature.dimension()));
    v.put("window", window);
    v.put("mean", b.mean());
    v.put("std_dev", b.stdDev());
    v.put("p50", b.p50());
    v.put("p90", b.p90());
    v.put("data_points", b.dataPoints());
    v.put("outliers_excluded", b.outliersExcluded());
    v.put("confidence", b.confidence());
    v.put("low_confidence", b.lowConfidence());
    v.put("observed_value", o.value());
    v.put("z_score", day.zScore());
    v.put("reference_mean", ref.mean());
    v.put("reference_std_dev", ref.stdDev());
    v.put("reference_data_points", ref.dataPoints());
    v.put("reference_confidence", ref.confidence());
    v.put("outlier", day.outlier());
    v.put("observation", observation(o));
    v.put("last_recomputed_at", now);
    v.put("dt", o.dt());
    return v;
  }

  /**
   * The assessment a row holds. The reference keeps what signals explain themselves with (mean,
   * deviation, data points, confidence); its percentiles are not stored and read as NaN.
   */
  public static DayAssessment fromRow(Function<String, Object> get) {
    DailyObservation observation =
        observation(
            (LocalDate) get.apply("dt"),
            number(get.apply("observed_value")),
            text(get.apply("observation"), "{}"));
    double refConfidence = number(get.apply("reference_confidence"));
    Baseline reference =
        new Baseline(
            number(get.apply("reference_mean")),
            number(get.apply("reference_std_dev")),
            integer(get.apply("reference_data_points")),
            refConfidence,
            refConfidence < 0.5,
            0,
            Double.NaN,
            Double.NaN);
    Baseline after =
        new Baseline(
            number(get.apply("mean")),
            number(get.apply("std_dev")),
            integer(get.apply("data_points")),
            number(get.apply("confidence")),
            Boolean.TRUE.equals(get.apply("low_confidence")),
            integer(get.apply("outliers_excluded")),
            number(get.apply("p50")),
            number(get.apply("p90")));
    Object z = get.apply("z_score");
    return new DayAssessment(
        observation,
        reference,
        z == null ? null : number(z),
        Boolean.TRUE.equals(get.apply("outlier")),
        after);
  }

  /**
   * A day's value with the explanation a feature row's {@code metadata} or a baseline row's {@code
   * observation} holds: named inputs, event counts by type and support. Values written before
   * minimum support existed count as supported.
   */
  public static DailyObservation observation(LocalDate dt, double value, String json) {
    JsonNode o = Json.parse(json);
    Map<String, Double> inputs = new LinkedHashMap<>();
    o.path("inputs")
        .fields()
        .forEachRemaining(e -> inputs.put(e.getKey(), e.getValue().asDouble()));
    Map<String, Long> counts = new LinkedHashMap<>();
    o.path("event_counts")
        .fields()
        .forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
    return new DailyObservation(dt, value, inputs, counts, o.path("supported").asBoolean(true));
  }

  private static String observation(DailyObservation o) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    ObjectNode inputs = n.putObject("inputs");
    o.inputs().forEach(inputs::put);
    n.set("event_counts", Json.MAPPER.valueToTree(o.eventCounts()));
    n.put("supported", o.supported());
    return Json.write(n);
  }

  private static double number(Object v) {
    return v == null ? 0 : ((Number) v).doubleValue();
  }

  private static int integer(Object v) {
    return v == null ? 0 : ((Number) v).intValue();
  }

  private static String text(Object v, String otherwise) {
    return v == null ? otherwise : v.toString();
  }
}
