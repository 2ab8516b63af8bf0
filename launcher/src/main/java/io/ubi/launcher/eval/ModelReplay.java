package io.ubi.launcher.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Wire;
import io.ubi.model.aggregate.EventView;
import io.ubi.model.config.TenantConfig;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.config.WorkingHours;
import io.ubi.model.contract.BehaviouralEvent;
import io.ubi.model.contract.EnvelopeDecoder;
import io.ubi.model.contract.EventTypes;
import io.ubi.model.contract.MappingOutcome;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.feature.FeatureDefinition;
import io.ubi.model.feature.FeatureEvaluator;
import io.ubi.model.privacy.Pseudonymizer;
import io.ubi.model.signal.ActorScope;
import io.ubi.model.signal.BehaviouralSignal;
import io.ubi.model.signal.DailyObservation;
import io.ubi.model.signal.DayAssessment;
import io.ubi.model.signal.SeriesAnalysis;
import io.ubi.model.signal.SignalFactory;
import io.ubi.model.signal.SubjectSignals;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scenario replayed through the engine-free model alone, at actor scope: each envelope decoded
 * as the pipeline decodes it, each actor's events (and the mirrors others' reviews give it) grouped
 * by the tenant's day, every feature evaluated over plain lists ({@link FeatureEvaluator}), then
 * baselines ({@link SeriesAnalysis}) and signals ({@link SubjectSignals}) as the nightly job
 * computes them (with the catalogue's minimum supports: the scenario's tenants override none).
 * Seconds instead of minutes, without Spark: a quick loop for trying a rule change on the
 * catalogue, and the reference the pipeline's actor signals are compared with.
 */
final class ModelReplay {
  /**
   * What the replay found.
   *
   * @param scored per subject, feature and day ({@link SupportCheck.Input#key()}), whether it was
   *     scored
   */
  record Replayed(long events, List<BehaviouralSignal> signals, Map<String, Boolean> scored) {}

  private final ScenarioPopulation population;
  private final TenantConfigs configs;
  private final EnvelopeDecoder decoder;

  ModelReplay(ScenarioPopulation population, TenantConfigs configs, Pseudonymizer pseudonymizer) {
    this.population = population;
    this.configs = configs;
    this.decoder = new EnvelopeDecoder(configs.withoutDirectories(), pseudonymizer);
  }

  Replayed run() {
    Instant from = population.endOf(population.first().minusDays(1));
    Instant to = population.endOf(population.last());
    // tenant, subject -> day -> events
    Map<List<String>, Map<LocalDate, List<EventView>>> days = new HashMap<>();
    Map<String, String> types = new HashMap<>();
    long events = 0;
    for (int i = 0; i < population.actors(); i++) {
      for (LocalDate d = population.first().minusDays(1);
          !d.isAfter(population.last().plusDays(1));
          d = d.plusDays(1)) {
        for (ObjectNode envelope : population.envelopes(i, d)) {
          BehaviouralEvent e = mapped(decoder.decode(envelope));
          if (e.timestampUtc().isBefore(from) || !e.timestampUtc().isBefore(to)) {
            continue;
          }
          events++;
          WorkingHours hours = configs.forTenant(e.tenantId()).workingHours();
          LocalDate day = hours.localDay(e.timestampUtc());
          EventView view = hours.view(e.eventType(), e.timestampUtc(), e.attributes());
          types.put(e.actorPseudonym(), Wire.lower(e.actorType()));
          add(days, e.tenantId(), e.actorPseudonym(), day, view);
          EventTypes.mirror(view, e.actorPseudonym())
              .ifPresent(m -> add(days, e.tenantId(), m.subject(), day, m.view()));
        }
      }
    }
    List<BehaviouralSignal> signals = new ArrayList<>();
    Map<String, Boolean> scored = new HashMap<>();
    days.forEach(
        (key, byDay) -> {
          String tenant = key.get(0);
          String subject = key.get(1);
          TenantConfig config = configs.forTenant(tenant);
          Map<String, List<DayAssessment>> history = new HashMap<>();
          for (FeatureDefinition f : FeatureCatalog.all()) {
            List<DayAssessment> assessed = assess(f, config, byDay);
            history.put(f.name(), assessed);
            for (DayAssessment a : assessed) {
              scored.put(
                  new SupportCheck.Input(
                          "", "", tenant, "actor", subject, f.name(), a.observation().dt())
                      .key(),
                  a.zScore() != null);
            }
          }
          signals.addAll(
              SubjectSignals.detect(
                  new SignalFactory.Subject(
                      tenant, ActorScope.ACTOR, subject, types.getOrDefault(subject, "")),
                  history,
                  config,
                  population.first(),
                  population.last()));
        });
    return new Replayed(events, signals, scored);
  }

  /** Synthetic envelopes are valid by construction; one that is not is a bug to surface. */
  private static BehaviouralEvent mapped(MappingOutcome outcome) {
    if (outcome instanceof MappingOutcome.Mapped m) {
      return m.event();
    }
    throw new IllegalStateException("A synthetic envelope was not accepted: " + outcome);
  }

  private List<DayAssessment> assess(
      FeatureDefinition feature, TenantConfig config, Map<LocalDate, List<EventView>> byDay) {
    List<DailyObservation> observations = new ArrayList<>();
    byDay.forEach(
        (day, events) -> {
          if (day.isBefore(population.first()) || day.isAfter(population.last())) {
            return;
          }
          FeatureEvaluator.Result r = FeatureEvaluator.evaluate(feature, events);
          if (r.value() != null) {
            observations.add(
                new DailyObservation(day, r.value(), r.inputs(), Map.of(), r.supported()));
          }
        });
    return SeriesAnalysis.assess(feature, config.baseline(), config.workingHours(), observations);
  }

  private static void add(
      Map<List<String>, Map<LocalDate, List<EventView>>> days,
      String tenant,
      String subject,
      LocalDate day,
      EventView view) {
    days.computeIfAbsent(List.of(tenant, subject), k -> new TreeMap<>())
        .computeIfAbsent(day, k -> new ArrayList<>())
        .add(view);
  }
}
