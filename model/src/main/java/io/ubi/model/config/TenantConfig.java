package io.ubi.model.config;

import io.ubi.model.Wire;
import io.ubi.model.privacy.PrivacyPolicy;
import io.ubi.model.signal.ActorScope;
import io.ubi.model.signal.BehaviouralSignal;
import io.ubi.model.signal.SignalStatus;
import io.ubi.model.signal.SignalType;
import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one tenant configures (PRD 11.4), immutable. Built by {@link TenantConfigs} from the
 * embedded defaults overlaid with the tenant's own file, and shipped to Spark executors as is.
 *
 * @param version increases with every change; recorded beside what it produced
 * @param enabledEventTypes canonical event types the tenant allows; others are dropped with an
 *     audit
 * @param minTeamSize k-anonymity floor: no team or cohort result for a smaller group
 * @param directory the tenant's teams and cohorts by member, which win over the events' team
 * @param features the windows it wants computed and its own minimum supports
 * @param signalSwitches the scopes and rules it has switched off
 * @param staleAfter data older than this is served with {@code stale: true}
 * @param baselinesStaleAfter answers are stale too when the newest baselines are older than this
 *     (measured from the end of the day they are as of): the nightly job missed its window
 */
public record TenantConfig(
    String tenantId,
    int version,
    Set<String> enabledEventTypes,
    MappingRules eventMapping,
    WorkingHours workingHours,
    BaselinePolicy baseline,
    AnomalyThresholds anomalyThresholds,
    int minTeamSize,
    Set<SignalType> enabledSignalTypes,
    Duration staleAfter,
    Duration baselinesStaleAfter,
    Directory directory,
    FeatureSettings features,
    SignalSwitches signalSwitches,
    PrivacyPolicy privacy)
    implements Serializable {

  public TenantConfig {
    enabledEventTypes = Set.copyOf(enabledEventTypes);
    enabledSignalTypes = Set.copyOf(enabledSignalTypes);
  }

  /** The same settings for another tenant: how tenants without a file get the defaults. */
  public TenantConfig withTenantId(String id) {
    return new TenantConfig(
        id,
        version,
        enabledEventTypes,
        eventMapping,
        workingHours,
        baseline,
        anomalyThresholds,
        minTeamSize,
        enabledSignalTypes,
        staleAfter,
        baselinesStaleAfter,
        directory,
        features,
        signalSwitches,
        privacy);
  }

  /** The same settings with another directory. */
  public TenantConfig withDirectory(Directory other) {
    return new TenantConfig(
        tenantId,
        version,
        enabledEventTypes,
        eventMapping,
        workingHours,
        baseline,
        anomalyThresholds,
        minTeamSize,
        enabledSignalTypes,
        staleAfter,
        baselinesStaleAfter,
        other,
        features,
        signalSwitches,
        privacy);
  }

  public boolean allows(String eventType) {
    return enabledEventTypes.contains(eventType);
  }

  public boolean emits(SignalType type) {
    return enabledSignalTypes.contains(type);
  }

  /**
   * Whether a signal of this class, scope and rule may be produced: the one check the detection
   * step, the topic and every API answer make.
   */
  public boolean emits(SignalType type, ActorScope scope, String rule) {
    return emits(type) && signalSwitches.allows(scope, rule);
  }

  /**
   * Whether a stored signal may still be served: the tenant may have switched it off since, and a
   * withdrawn signal (raised by the speed layer, not confirmed by the nightly run) is never served.
   */
  public boolean emits(BehaviouralSignal s) {
    if (Wire.lower(SignalStatus.WITHDRAWN).equals(s.status())) {
      return false;
    }
    Optional<SignalType> type = Wire.parse(SignalType.class, s.signalType());
    Optional<ActorScope> scope = Wire.parse(ActorScope.class, s.actorScope());
    String rule = s.rule() != null ? s.rule() : s.featureName();
    return type.isPresent() && scope.isPresent() && emits(type.get(), scope.get(), rule);
  }
}
