package io.ubi.it;

import io.ubi.model.aggregate.EventView;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.config.WorkingHours;
import io.ubi.model.contract.EventTypes;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.feature.FeatureDefinition;
import io.ubi.model.feature.FeatureEvaluator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The naive reference for the Spark layers: bronze rows turned into each subject's events per
 * tenant-local day (mirrors included) with the model's own {@link WorkingHours#view}, and every
 * catalogue feature evaluated over plain lists by {@link FeatureEvaluator}.
 */
final class Oracle {
  /** One subject's events of one local day. */
  record SubjectDay(String subject, LocalDate day) {}

  private Oracle() {}

  /**
   * @param bronze rows of {@code bronze.behavioural_events} of one tenant
   */
  static Map<SubjectDay, List<EventView>> events(List<Row> bronze, TenantConfigs configs) {
    Map<SubjectDay, List<EventView>> out = new HashMap<>();
    for (Row e : bronze) {
      WorkingHours hours = configs.forTenant(e.getAs("tenant_id")).workingHours();
      Instant at = e.getAs("timestamp_utc");
      LocalDate day = hours.localDay(at);
      Map<String, String> attributes =
          e.isNullAt(e.fieldIndex("attributes"))
              ? Map.of()
              : e.getJavaMap(e.fieldIndex("attributes"));
      EventView view = hours.view(e.getAs("event_type"), at, attributes);
      String actor = e.getAs("actor_pseudonym");
      out.computeIfAbsent(new SubjectDay(actor, day), k -> new ArrayList<>()).add(view);
      EventTypes.mirror(view, actor)
          .ifPresent(
              m ->
                  out.computeIfAbsent(new SubjectDay(m.subject(), day), k -> new ArrayList<>())
                      .add(m.view()));
    }
    return out;
  }

  /** Every catalogue feature's value over {@code events}, by name; undefined ones absent. */
  static Map<String, Double> features(List<EventView> events) {
    Map<String, Double> out = new HashMap<>();
    for (FeatureDefinition f : FeatureCatalog.all()) {
      Double v = FeatureEvaluator.evaluate(f, events).value();
      if (v != null) {
        out.put(f.name(), v);
      }
    }
    return out;
  }
}
