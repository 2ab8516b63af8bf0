package io.ubi.launcher.eval;

import io.ubi.launcher.eval.ActorPlan.Kind;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a scenario holds, counted from its plans: actors by kind, the noise (holidays, weeks of
 * leave, on-call weeks, half days, time zones) and the behaviours planted per rule. Printed before
 * the figures so they can be read against it.
 */
public record ScenarioSummary(
    int actors,
    int days,
    LocalDate first,
    LocalDate last,
    long seed,
    int tenants,
    int teams,
    Map<Kind, Integer> kinds,
    int holidays,
    int leaveWeeks,
    int onCallWeeks,
    int halfDays,
    int timeZones,
    Map<String, Integer> planted) {

  static ScenarioSummary of(ScenarioPopulation population, List<ActorPlan> plans) {
    Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
    Map<String, Integer> planted = new LinkedHashMap<>();
    ScenarioPopulation.RULES.forEach(r -> planted.put(r, 0));
    Set<String> holidays = new TreeSet<>();
    Set<ZoneId> zones = new TreeSet<>((a, b) -> a.getId().compareTo(b.getId()));
    int leave = 0;
    int onCall = 0;
    int half = 0;
    for (ActorPlan p : plans) {
      kinds.merge(p.kind(), 1, Integer::sum);
      if (p.plant() != null) {
        planted.merge(p.plant().rule(), 1, Integer::sum);
      }
      p.holidays().forEach(d -> holidays.add(p.tenant().id() + d));
      if (p.kind().human()) {
        zones.add(p.zone());
      }
      leave += p.leave().isEmpty() ? 0 : 1;
      onCall += p.onCall().size() / 7;
      half += p.halfDays().size();
    }
    return new ScenarioSummary(
        population.actors(),
        population.days(),
        population.first(),
        population.last(),
        population.seed(),
        population.tenantIds().size(),
        population.teams(),
        kinds,
        holidays.size(),
        leave,
        onCall,
        half,
        zones.size(),
        planted);
  }

  int count(Kind kind) {
    return kinds.getOrDefault(kind, 0);
  }

  int plantedTotal() {
    return planted.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** One paragraph: the population, its noise and what was planted. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%d actors over %d days (%s..%s, seed %d) in %d tenants and %d teams: %d full-time and %d"
            + " part-time people, %d night and %d day agents, %d CI services; noise: weekends"
            + " (Friday-Saturday in one tenant), %d public holiday days, %d weeks of leave, %d"
            + " on-call weeks, %d half days, people in %d time zones; %d behaviours planted",
        actors,
        days,
        first,
        last,
        seed,
        tenants,
        teams,
        count(Kind.FULL_TIME),
        count(Kind.PART_TIME),
        count(Kind.NIGHT_AGENT),
        count(Kind.DAY_AGENT),
        count(Kind.SERVICE),
        holidays,
        leaveWeeks,
        onCallWeeks,
        halfDays,
        timeZones,
        plantedTotal());
  }
}
