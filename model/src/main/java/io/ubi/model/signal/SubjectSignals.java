package io.ubi.model.signal;

import io.ubi.model.Wire;
import io.ubi.model.config.TenantConfig;
import io.ubi.model.feature.CompositeRule;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.feature.FeatureDefinition;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every signal of one subject (an actor, team, cohort or the tenant) from its assessed history: the
 * catalogue's composite rules ({@link RuleDetector}) and each feature's single-feature anomalies
 * ({@link SignalDetector}), of the classes, scopes and rules the tenant lets through. Engine-free:
 * the nightly job runs it per subject, a test runs it on a list.
 */
public final class SubjectSignals {
  private SubjectSignals() {}

  /**
   * Signals whose episode changed in {@code [from, to]} or is still active.
   *
   * @param history each feature's assessed days, by feature name, over the baseline window
   */
  public static List<BehaviouralSignal> detect(
      SignalFactory.Subject subject,
      Map<String, List<DayAssessment>> history,
      TenantConfig config,
      LocalDate from,
      LocalDate to) {
    List<BehaviouralSignal> out = new ArrayList<>();
    Map<LocalDate, Map<String, DayAssessment>> byDay = new TreeMap<>();
    for (Map.Entry<String, List<DayAssessment>> e : new TreeMap<>(history).entrySet()) {
      FeatureDefinition feature =
          FeatureCatalog.byName(e.getKey())
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "Feature " + e.getKey() + " in the lakehouse is not in the catalogue"));
      List<DayAssessment> days = new ArrayList<>(e.getValue());
      days.sort(Comparator.comparing(d -> d.observation().dt()));
      days.forEach(
          d ->
              byDay.computeIfAbsent(d.observation().dt(), k -> new TreeMap<>()).put(e.getKey(), d));
      for (SignalEpisode episode :
          SignalDetector.detect(feature, config.anomalyThresholds(), days)) {
        LocalDate changed =
            episode.resolvedOn() != null
                ? episode.resolvedOn()
                : episode.latest().observation().dt();
        if (config.emits(episode.rule().signalType(), subject.scope(), feature.name())
            && relevant(episode.startedOn(), changed, episode.status(), from, to)) {
          out.add(SignalFactory.build(subject, feature, episode));
        }
      }
    }
    List<SubjectDay> days = new ArrayList<>();
    byDay.forEach((dt, features) -> days.add(SubjectDay.of(dt, features)));
    for (CompositeRule rule : FeatureCatalog.signalRules()) {
      if (!rule.appliesTo(subject.scope())
          || !config.emits(rule.signalType(), subject.scope(), rule.name())) {
        continue;
      }
      for (RuleEpisode episode : RuleDetector.detect(rule, config.anomalyThresholds(), days)) {
        LocalDate changed =
            episode.resolvedOn() != null ? episode.resolvedOn() : episode.latest().dt();
        if (relevant(episode.startedOn(), changed, episode.status(), from, to)) {
          out.add(RuleSignals.build(subject, episode));
        }
      }
    }
    return out;
  }

  /**
   * The signals the speed layer raises for a subject from the day so far (PRD NFR-2): of the
   * classes the tenant delivers near real time, those first raised on {@code day}, by composite
   * rules that can only become true as the day fills ({@link CompositeRule#intradaySafe}) and by
   * single features that rose, marked provisional. A drop, or anything judged on a score, waits for
   * the whole day. The nightly run confirms, updates or withdraws them.
   *
   * @param history each feature's assessed days before {@code day}, as the nightly run wrote them
   * @param today each feature's day so far, judged by {@link SeriesAnalysis#provisional}
   */
  public static List<BehaviouralSignal> provisional(
      SignalFactory.Subject subject,
      Map<String, List<DayAssessment>> history,
      Map<String, DayAssessment> today,
      TenantConfig config,
      LocalDate day) {
    Set<SignalType> classes = config.signalSwitches().nearRealTime();
    if (classes.isEmpty()) {
      return List.of();
    }
    Map<String, List<DayAssessment>> days = new TreeMap<>();
    history.forEach((f, list) -> days.put(f, new ArrayList<>(list)));
    today.forEach((f, a) -> days.computeIfAbsent(f, k -> new ArrayList<>()).add(a));
    List<BehaviouralSignal> out = new ArrayList<>();
    for (BehaviouralSignal s : detect(subject, days, config, day, day)) {
      boolean raisedToday =
          Wire.lower(SignalStatus.ACTIVE).equals(s.status())
              && s.createdAt().equals(SignalFactory.endOf(day));
      boolean safe =
          FeatureCatalog.rule(s.rule())
              .map(CompositeRule::intradaySafe)
              .orElseGet(() -> s.featureSnapshot().path("z_score").asDouble() > 0);
      if (raisedToday
          && safe
          && Wire.parse(SignalType.class, s.signalType()).map(classes::contains).orElse(false)) {
        out.add(s.withProvisional(true));
      }
    }
    return out;
  }

  private static boolean relevant(
      LocalDate started, LocalDate changed, SignalStatus status, LocalDate from, LocalDate to) {
    boolean inRange = !changed.isBefore(from) && !started.isAfter(to);
    return inRange || status == SignalStatus.ACTIVE;
  }
}
