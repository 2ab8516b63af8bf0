package io.ubi.launcher.eval;

import io.ubi.launcher.eval.ActorPlan.Habits;
import io.ubi.launcher.eval.ActorPlan.Kind;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans one actor of a {@link ScenarioPopulation}: its habits, its calendar and its planted
 * behaviour, from the seed and its index alone.
 *
 * <p>Calendar: the tenant's holidays; for one full-timer in four, a week of leave kept at least a
 * week away from a planted behaviour; an on-call week by team rota (seat {@code (week + team) mod
 * 7}); now and then a half day, never two in a row. Plants start once the baselines are warm (three
 * weeks in) and last a few working days, as long as each rule needs to be confirmed and a little
 * more.
 */
final class ActorPlanner {
  /** The first day offset a behaviour may start at: three weeks of ordinary history before it. */
  static final int PLANT_FROM_DAY = 21;

  private static final double HALF_DAY_CHANCE = 0.015;
  private static final double LEAVE_CHANCE = 0.25;

  private final ScenarioPopulation population;

  ActorPlanner(ScenarioPopulation population) {
    this.population = population;
  }

  ActorPlan plan(int index) {
    int team = index / ScenarioPopulation.TEAM_SEATS;
    int seat = index % ScenarioPopulation.TEAM_SEATS;
    ScenarioTenant tenant = ScenarioTenant.ofTeam(team);
    Kind kind = population.kindOf(index);
    Draw draw = new Draw(Draw.seed(population.seed(), index, 17));
    String rule = population.plantedRule(index);
    Habits habits = habits(draw, kind, rule);
    Set<LocalDate> holidays = new TreeSet<>(tenant.holidays(population.first(), population.days()));
    Set<DayOfWeek> partTime = partTimeDays(tenant, team);
    ActorPlan bare =
        new ActorPlan(
            index,
            tenant,
            team,
            seat,
            population.actorId(index),
            kind,
            kind.human() ? tenant.zoneOf(seat) : tenant.zone(),
            habits,
            holidays,
            Set.of(),
            Set.of(),
            Set.of(),
            partTime,
            null);
    PlantedBehaviour plant = rule == null ? null : plant(draw, bare, rule);
    Set<LocalDate> leave =
        kind == Kind.FULL_TIME && draw.chance(LEAVE_CHANCE) ? leave(draw, bare, plant) : Set.of();
    Set<LocalDate> onCall = kind == Kind.FULL_TIME ? onCall(team, seat) : Set.of();
    ActorPlan planned = bare.with(plant, leave, Set.of(), onCall);
    Set<LocalDate> halfDays = kind == Kind.FULL_TIME ? halfDays(draw, planned) : Set.of();
    return planned.with(plant, leave, halfDays, onCall);
  }

  /**
   * An actor's habits. Agent usage is planted only where its rule can see it: in people who lean on
   * an assistant for most commits, with three or more LLM requests per commit (so that dropping it
   * stands out of a noisy ratio).
   */
  private static Habits habits(Draw d, Kind kind, String rule) {
    boolean heavyAi = ScenarioPopulation.AGENT_USAGE.equals(rule);
    double ai = heavyAi ? d.between(0.7, 0.9) : d.between(0.1, 0.8);
    return new Habits(
        d.between(0.8, 1.25),
        9 * 60 + d.below(40),
        450 + d.below(50),
        d.between(0.0, 0.05),
        d.between(18, 32),
        d.between(3, 6),
        d.between(3, 7),
        d.between(4, 8),
        d.between(0.06, 0.15),
        d.between(4, 8),
        d.between(0.05, 0.14),
        d.between(0.4, 0.8),
        d.between(0.6, 1.4),
        d.between(1.6, 3.5),
        d.between(1, 4),
        d.between(1.5, 4),
        d.between(0.05, 0.12),
        d.between(0.3, 0.7),
        d.between(1.8, 2.6),
        d.between(0.5, 0.85),
        ai,
        heavyAi ? d.between(20, 28) : 2 + 14 * ai * d.between(0.8, 1.2),
        d.between(0.04, 0.1),
        d.between(0.02, 0.06));
  }

  /** How many working days each rule's behaviour lasts: its confirmation and a few days more. */
  private static int length(Draw d, String rule) {
    return switch (rule) {
      case "burnout_risk" -> 6 + d.below(3);
      case "mentoring_potential", "pair_work_candidate" -> 5 + d.below(3);
      case "activity_drop" -> 2 + d.below(2);
      default -> 4 + d.below(3);
    };
  }

  private PlantedBehaviour plant(Draw d, ActorPlan actor, String rule) {
    int latest = Math.max(PLANT_FROM_DAY, population.days() - 12);
    LocalDate start =
        population.first().plusDays(PLANT_FROM_DAY + d.below(latest - PLANT_FROM_DAY + 1));
    LocalDate last = population.first().plusDays(population.days() - 1L);
    List<LocalDate> days = new ArrayList<>();
    int wanted = length(d, rule);
    for (LocalDate day = start; !day.isAfter(last) && days.size() < wanted; day = day.plusDays(1)) {
      if (actor.kind() == Kind.NIGHT_AGENT ? actor.tenant().isWorkday(day) : actor.works(day)) {
        days.add(day);
      }
    }
    String variant = population.variantOf(actor.index(), rule);
    return new PlantedBehaviour(
        actor.tenant().id(),
        actor.actorId(),
        actor.actorType(),
        rule,
        variant,
        days.get(0),
        days.get(days.size() - 1));
  }

  /**
   * A working week off (from the first working day of a week to the day before the next week's), at
   * least a week away from the planted behaviour.
   */
  private Set<LocalDate> leave(Draw d, ActorPlan actor, PlantedBehaviour plant) {
    int weeks = population.days() / 7 - 1;
    for (int attempt = 0; attempt < 6 && weeks > 1; attempt++) {
      LocalDate start = population.first().plusDays(7L * d.below(weeks));
      while (!actor.tenant().isWorkday(start) || actor.tenant().isWorkday(start.minusDays(1))) {
        start = start.plusDays(1);
      }
      LocalDate end = start.plusDays(6);
      if (plant == null
          || end.isBefore(plant.from().minusDays(7))
          || start.isAfter(plant.to().plusDays(7))) {
        Set<LocalDate> days = new TreeSet<>();
        start.datesUntil(end.plusDays(1)).forEach(days::add);
        return days;
      }
    }
    return Set.of();
  }

  /** The 7-day blocks from the first day in which seat {@code (block + team) mod 7} is on call. */
  private Set<LocalDate> onCall(int team, int seat) {
    Set<LocalDate> days = new TreeSet<>();
    for (int block = 0; block * 7 < population.days(); block++) {
      if ((block + team) % 7 == seat) {
        LocalDate start = population.first().plusDays(7L * block);
        start.datesUntil(start.plusDays(7)).forEach(days::add);
      }
    }
    return days;
  }

  /** Now and then a half day; never on two working days in a row, nor in a planted behaviour. */
  private Set<LocalDate> halfDays(Draw d, ActorPlan actor) {
    Set<LocalDate> days = new TreeSet<>();
    boolean previous = false;
    for (int i = 0; i < population.days(); i++) {
      LocalDate day = population.first().plusDays(i);
      if (!actor.works(day)) {
        continue;
      }
      boolean half = !previous && !actor.planted(day) && d.chance(HALF_DAY_CHANCE);
      if (half) {
        days.add(day);
      }
      previous = half;
    }
    return days;
  }

  /** A part-timer's two days a week: two of the tenant's working days, one apart. */
  private static Set<DayOfWeek> partTimeDays(ScenarioTenant tenant, int team) {
    List<DayOfWeek> workdays = new ArrayList<>();
    for (DayOfWeek d : DayOfWeek.values()) {
      if (tenant.workdays().contains(d)) {
        workdays.add(d);
      }
    }
    int first = team % 3;
    return Set.of(workdays.get(first), workdays.get(first + 2));
  }
}
