package io.ubi.launcher.eval;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

/**
 * One actor of the signal-quality scenario, planned for the whole period before any event is drawn:
 * who it is, its habits, its calendar (holidays, a week of leave, on-call weeks, half days, the
 * days a part-timer works) and the behaviour planted in it, if any. {@link ScenarioDay} draws each
 * day's events from it.
 *
 * @param seat its place in its team: 0-7 people, 8 the team's agent, 9 the team's CI service
 * @param plant the planted behaviour, or null
 */
record ActorPlan(
    int index,
    ScenarioTenant tenant,
    int team,
    int seat,
    String actorId,
    Kind kind,
    ZoneId zone,
    Habits habits,
    Set<LocalDate> holidays,
    Set<LocalDate> leave,
    Set<LocalDate> halfDays,
    Set<LocalDate> onCall,
    Set<DayOfWeek> partTimeDays,
    PlantedBehaviour plant)
    implements Serializable {

  /** What kind of actor, and so which day it has. */
  enum Kind {
    FULL_TIME("human"),
    PART_TIME("human"),
    NIGHT_AGENT("ai_agent"),
    DAY_AGENT("ai_agent"),
    SERVICE("service");

    private final String actorType;

    Kind(String actorType) {
      this.actorType = actorType;
    }

    String actorType() {
      return actorType;
    }

    boolean human() {
      return actorType.equals("human");
    }
  }

  /**
   * A person's (or agent's) habits: mean daily counts of each kind of activity on an ordinary
   * working day, shares, and the hours worked. Drawn once per actor, so people differ from each
   * other as much as days differ from each other.
   *
   * @param volume scales every count
   * @param startMinute first minute of the working day, local
   * @param minutes length of the working day
   * @param lateShare share of events in the evening, out of habit
   * @param otherItems mean number of work items touched besides the main one
   * @param completeChance chance of completing a work item on a given day
   * @param ai share of commits an assistant co-writes
   * @param llmRequests LLM requests a day
   */
  record Habits(
      double volume,
      int startMinute,
      int minutes,
      double lateShare,
      double edits,
      double switches,
      double commits,
      double builds,
      double buildFailure,
      double tests,
      double testFailure,
      double prs,
      double revisions,
      double reviews,
      double comments,
      double mentions,
      double pairChance,
      double focusChance,
      double otherItems,
      double completeChance,
      double ai,
      double llmRequests,
      double llmRetry,
      double llmFailure)
      implements Serializable {}

  String actorType() {
    return kind.actorType();
  }

  /** This plan with its calendar and planted behaviour. */
  ActorPlan with(
      PlantedBehaviour plant,
      Set<LocalDate> leave,
      Set<LocalDate> halfDays,
      Set<LocalDate> onCall) {
    return new ActorPlan(
        index,
        tenant,
        team,
        seat,
        actorId,
        kind,
        zone,
        habits,
        holidays,
        leave,
        halfDays,
        onCall,
        partTimeDays,
        plant);
  }

  /**
   * Whether a person works on {@code day} at all (agents and services: see {@link ScenarioDay}).
   */
  boolean works(LocalDate day) {
    if (!tenant.isWorkday(day) || holidays.contains(day) || leave.contains(day)) {
      return false;
    }
    return kind != Kind.PART_TIME || partTimeDays.contains(day.getDayOfWeek());
  }

  /** Whether the planted behaviour is under way on {@code day} (a day the actor works). */
  boolean planted(LocalDate day) {
    return plant != null && !day.isBefore(plant.from()) && !day.isAfter(plant.to());
  }

  /** The planted rule on {@code day}, or null. */
  String plantedRule(LocalDate day) {
    return planted(day) ? plant.rule() : null;
  }
}
