package io.ubi.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.UbiException;
import io.ubi.model.config.ConfigVersion;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.feedback.FeedbackQuality;
import io.ubi.transforms.ConfigStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a night's threshold proposals for a tenant that lets the nightly job tune itself ({@code
 * anomaly_thresholds.auto_tune}, PRD FR-4): the proposed levels of each dimension become a new
 * config version by {@value ConfigVersion#AUTO_TUNE}, whose reason states the measured and expected
 * false-positive rates, and which the next run reads. A tenant that does not opt in only sees the
 * proposals, in {@code gold.threshold_proposals} and the API.
 */
final class ThresholdTuning {
  private static final Logger LOG = LoggerFactory.getLogger(ThresholdTuning.class);

  private final ConfigStore store;

  ThresholdTuning(ConfigStore store) {
    this.store = store;
  }

  /**
   * @param configs the configurations this run read (the latest stored versions included)
   * @return the version that applied the proposals, or empty when none was applied
   */
  Optional<Integer> apply(
      TenantConfigs configs, String tenant, List<FeedbackQuality.Proposal> proposals, Instant now) {
    List<FeedbackQuality.Proposal> proposed =
        proposals.stream().filter(p -> p.status() == FeedbackQuality.Status.PROPOSED).toList();
    if (proposed.isEmpty() || !configs.forTenant(tenant).anomalyThresholds().autoTune()) {
      return Optional.empty();
    }
    ObjectNode settings = configs.settings(tenant);
    ObjectNode perDimension = object(object(settings, "anomaly_thresholds"), "per_dimension");
    List<String> changes = new ArrayList<>();
    for (FeedbackQuality.Proposal p : proposed) {
      ObjectNode levels = perDimension.putObject(p.dimension());
      levels.put("warn", p.proposed().warn());
      levels.put("critical", p.proposed().critical());
      changes.add(
          String.format(
              Locale.ROOT,
              "%s WARN %.1f -> %.1f, CRITICAL %.1f -> %.1f (%.1f %% false positives in %d"
                  + " verdicts; %.1f %% at the new level)",
              p.dimension(),
              p.current().warn(),
              p.proposed().warn(),
              p.current().critical(),
              p.proposed().critical(),
              100 * p.measuredRate(),
              p.rated(),
              100 * p.expectedRate()));
    }
    String reason =
        "threshold tuning to keep false positives under "
            + Math.round(100 * FeedbackQuality.TARGET_FALSE_POSITIVE_RATE)
            + " %: "
            + String.join("; ", changes);
    try {
      ConfigVersion v =
          store.append(configs, tenant, settings, ConfigVersion.AUTO_TUNE, reason, now);
      LOG.info(
          "Tenant {}: config version {} by {}: {}", tenant, v.version(), v.changedBy(), reason);
      return Optional.of(v.version());
    } catch (UbiException e) {
      // Someone changed the settings since this run read them: the next night proposes again
      // against them, so nothing is lost by leaving the proposal unapplied.
      LOG.warn("Tenant {}: threshold proposals not applied: {}", tenant, e.getMessage());
      return Optional.empty();
    }
  }

  /** The object at {@code field}, created when absent. */
  private static ObjectNode object(ObjectNode parent, String field) {
    JsonNode existing = parent.get(field);
    return existing instanceof ObjectNode o ? o : parent.putObject(field);
  }
}
