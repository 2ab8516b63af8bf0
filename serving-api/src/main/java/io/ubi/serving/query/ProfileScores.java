package io.ubi.serving.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.feature.ScoreDefinition;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code scores} of a profile answer, from a subject's rows of {@code gold.behavioural_scores}:
 * per catalogue score its latest value with confidence and reason, the change from the day before
 * it was scored, and the daily series of the window.
 */
final class ProfileScores {
  private ProfileScores() {}

  static ArrayNode json(List<Map<String, Object>> rows) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (ScoreDefinition s : FeatureCatalog.scores()) {
      TreeMap<LocalDate, Map<String, Object>> daily = new TreeMap<>();
      rows.stream()
          .filter(r -> s.name().equals(r.get("score_name")))
          .forEach(r -> daily.put((LocalDate) r.get("dt"), r));
      if (daily.isEmpty()) {
        continue;
      }
      Map<String, Object> last = daily.lastEntry().getValue();
      double score = (Double) last.get("score");
      ObjectNode node =
          out.addObject()
              .put("score_name", s.name())
              .put("dimension", s.dimension().name().toLowerCase(Locale.ROOT))
              .put("dt", last.get("dt").toString())
              .put("score", Math.round(score * 10) / 10.0)
              .put("confidence", (Double) last.get("confidence"))
              .put("reason", (String) last.get("reason"));
      Map.Entry<LocalDate, Map<String, Object>> before = daily.lowerEntry(daily.lastKey());
      if (before != null) {
        double previous = (Double) before.getValue().get("score");
        node.put(
            "change",
            String.format(
                Locale.ROOT,
                "%s %s from %.0f on %s to %.0f",
                s.name(),
                score < previous ? "fell" : score > previous ? "rose" : "held",
                previous,
                before.getKey(),
                score));
      }
      node.set("inputs", Json.parse((String) last.get("inputs")));
      ArrayNode series = node.putArray("daily");
      daily.forEach(
          (dt, r) ->
              series.addObject().put("dt", dt.toString()).put("score", (Double) r.get("score")));
    }
    return out;
  }
}
