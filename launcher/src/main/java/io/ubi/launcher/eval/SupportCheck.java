package io.ubi.launcher.eval;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.lakehouse.Tables;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.signal.BehaviouralSignal;
import io.ubi.transforms.Lake;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.Row;

/**
 * Checks that no WARN or CRITICAL signal rests on a day a feature could not be scored on (below its
 * minimum support, in warm-up, a non-working day): for each such signal, every feature input it
 * names must have a z-score in {@code silver.feature_baselines} for its subject on the day its
 * snapshot is of.
 */
public final class SupportCheck {
  /** One input of a signal that was not scored on the signal's day. */
  public record Violation(String signalId, String rule, String feature, LocalDate dt, String why) {}

  /**
   * @param signals WARN and CRITICAL signals checked
   * @param inputs feature inputs checked
   */
  public record Result(int signals, int inputs, List<Violation> violations) {}

  /** A signal's input, keyed as a baseline row is. */
  record Input(
      String signalId,
      String rule,
      String tenantId,
      String scope,
      String subjectId,
      String feature,
      LocalDate dt) {
    String key() {
      return String.join("\u0000", tenantId, scope, subjectId, feature, dt.toString());
    }
  }

  private SupportCheck() {}

  /** Checks against {@code silver.feature_baselines}. */
  public static Result run(Lake lake, List<BehaviouralSignal> signals) {
    return check(signals, inputs -> scored(lake, inputs));
  }

  /**
   * @param scored whether each of the inputs, by {@link Input#key()}, was scored on its day
   */
  static Result check(
      List<BehaviouralSignal> signals, Function<List<Input>, Map<String, Boolean>> scored) {
    List<Input> inputs = new ArrayList<>();
    int checked = 0;
    for (BehaviouralSignal s : signals) {
      if (s.severity().equals("WARN") || s.severity().equals("CRITICAL")) {
        checked++;
        inputs.addAll(inputs(s));
      }
    }
    if (inputs.isEmpty()) {
      return new Result(checked, 0, List.of());
    }
    return new Result(checked, inputs.size(), violations(inputs, scored.apply(inputs)));
  }

  private static Map<String, Boolean> scored(Lake lake, List<Input> inputs) {
    Set<String> subjects = new TreeSet<>();
    Set<LocalDate> days = new TreeSet<>();
    inputs.forEach(
        i -> {
          subjects.add(i.subjectId());
          days.add(i.dt());
        });
    Map<String, Boolean> scored = new HashMap<>();
    for (Row r :
        lake.read(Tables.FEATURE_BASELINES)
            .where(
                col("dt")
                    .isin(days.toArray())
                    .and(col("actor_or_group_id").isin(subjects.toArray())))
            .select(
                "tenant_id", "actor_scope", "actor_or_group_id", "feature_name", "dt", "z_score")
            .collectAsList()) {
      String key =
          String.join(
              "\u0000",
              r.getString(0),
              r.getString(1),
              r.getString(2),
              r.getString(3),
              r.get(4).toString());
      scored.put(key, !r.isNullAt(5));
    }
    return scored;
  }

  /** The inputs whose baseline row is missing or has no z-score. */
  static List<Violation> violations(List<Input> inputs, Map<String, Boolean> scored) {
    List<Violation> out = new ArrayList<>();
    for (Input i : inputs) {
      Boolean z = scored.get(i.key());
      if (z == null || !z) {
        out.add(
            new Violation(
                i.signalId(),
                i.rule(),
                i.feature(),
                i.dt(),
                z == null
                    ? "no baseline row"
                    : "no z-score (warm-up, day off or below minimum support)"));
      }
    }
    return out;
  }

  /** The feature inputs a signal names, on the day of its feature snapshot. */
  static List<Input> inputs(BehaviouralSignal s) {
    LocalDate dt = LocalDate.parse(s.detectedFor());
    for (JsonNode e : s.evidenceRefs()) {
      if ("feature_snapshot".equals(e.path("type").asText()) && e.hasNonNull("dt")) {
        dt = LocalDate.parse(e.get("dt").asText());
      }
    }
    List<Input> out = new ArrayList<>();
    for (JsonNode name : s.inputs()) {
      if (FeatureCatalog.byName(name.asText()).isPresent()) {
        out.add(
            new Input(
                s.signalId(),
                s.rule(),
                s.tenantId(),
                s.actorScope(),
                s.actorOrGroupId(),
                name.asText(),
                dt));
      }
    }
    return out;
  }
}
