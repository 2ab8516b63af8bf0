package io.ubi.launcher.eval;

import io.ubi.launcher.eval.ActorPlan.Kind;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A day of an agent or a CI service in the signal-quality scenario, in its tenant's time zone:
 *
 * <ul>
 *   <li>a night agent runs by design from 22:00 to 05:00 every night, weekends and holidays
 *       included: LLM requests, tool calls, edits and AI-assisted commits on a few work items, with
 *       builds, tests and pull requests;
 *   <li>a day agent does the same in working hours on the tenant's working days;
 *   <li>a CI service runs a scheduled build and test every hour of every day, and the builds and
 *       tests pushes trigger in working hours on working days.
 * </ul>
 *
 * An agent's planted {@code agent_usage_optimisation} is LLM friction (three times the requests,
 * 45% retried, 30% failing, half the commits) or repeated policy overrides.
 */
final class MachineDay {
  private static final List<String> TOOLS =
      List.of("read_file", "edit_file", "run_tests", "grep", "git_diff", "web_search", "shell");

  private final ActorPlan actor;
  private final LocalDate day;
  private final ScenarioEvents out;
  private final Draw draw;

  MachineDay(ScenarioPopulation population, ActorPlan actor, LocalDate day, ScenarioEvents out) {
    this.actor = actor;
    this.day = day;
    this.out = out;
    this.draw = new Draw(Draw.seed(population.seed(), actor.index(), day.toEpochDay(), 5));
  }

  static String tool(Draw draw) {
    return draw.pick(TOOLS);
  }

  void generate() {
    boolean holiday = actor.holidays().contains(day);
    switch (actor.kind()) {
      case NIGHT_AGENT -> agent(1.0);
      case DAY_AGENT -> {
        if (actor.tenant().isWorkday(day) && !holiday) {
          agent(0.8);
        }
      }
      case SERVICE -> service(actor.tenant().isWorkday(day) && !holiday);
      default -> throw new IllegalStateException("Not a machine: " + actor.kind());
    }
  }

  private void agent(double volume) {
    boolean planted = actor.planted(day);
    boolean friction = planted && actor.plant().variant().equals("llm_friction");
    boolean overrides = planted && actor.plant().variant().equals("policy_overrides");
    double f = volume * draw.swing(0.15);
    int number = actor.index() * 1000 + (int) (day.toEpochDay() % 500);
    List<String> items =
        List.of(out.workItem(number), out.workItem(number + 500), out.workItem(number + 1));
    int requests = draw.poisson(35 * f * (friction ? 3 : 1));
    for (int i = 0; i < requests; i++) {
      ZonedDateTime t = time();
      String item = draw.pick(items);
      out.add("llm_request_submitted", t, item).put("retry", draw.chance(friction ? 0.45 : 0.07));
      out.add(
          draw.chance(friction ? 0.3 : 0.04) ? "llm_request_failed" : "llm_request_completed",
          t.plusSeconds(20),
          item);
    }
    int tools = draw.poisson(20 * f);
    for (int i = 0; i < tools; i++) {
      out.add("tool_call_made", time(), draw.pick(items)).put("tool", tool(draw));
    }
    repeat(draw.poisson(25 * f), "file_edited", items);
    int commits = draw.poisson(6 * f * (friction ? 0.5 : 1));
    for (int i = 0; i < commits; i++) {
      out.add("commit_created", time(), draw.pick(items)).put("ai_assisted", true);
    }
    for (int i = draw.poisson(4 * f); i > 0; i--) {
      out.add(draw.chance(0.1) ? "build_failed" : "build_succeeded", time(), draw.pick(items));
    }
    for (int i = draw.poisson(4 * f); i > 0; i--) {
      out.add(draw.chance(0.1) ? "test_failed" : "test_passed", time(), draw.pick(items));
    }
    repeat(draw.poisson(1.5 * f), "pr_created", items);
    repeat(draw.poisson(3 * f), "gate_evaluated", items);
    repeat(overrides ? draw.poisson(7) : draw.chance(0.05) ? 1 : 0, "override_attempted", items);
    if (overrides) {
      repeat(draw.poisson(2), "policy_violation", items);
    }
  }

  private void service(boolean workingDay) {
    for (int hour = 0; hour < 24; hour++) {
      ZonedDateTime t = at(hour * 60 + draw.below(10));
      out.add(draw.chance(0.05) ? "build_failed" : "build_succeeded", t, null);
      out.add(draw.chance(0.06) ? "test_failed" : "test_passed", t.plusMinutes(5), null);
    }
    if (workingDay) {
      double f = draw.swing(0.2);
      for (int i = draw.poisson(30 * f); i > 0; i--) {
        out.add(
            draw.chance(0.08) ? "build_failed" : "build_succeeded",
            at(9 * 60 + draw.below(600)),
            null);
      }
      for (int i = draw.poisson(30 * f); i > 0; i--) {
        out.add(
            draw.chance(0.1) ? "test_failed" : "test_passed", at(9 * 60 + draw.below(600)), null);
      }
    }
  }

  private void repeat(int n, String type, List<String> items) {
    for (int i = 0; i < n; i++) {
      out.add(type, time(), draw.pick(items));
    }
  }

  /** When an agent acts: at night (22:00-05:00) for a night agent, in working hours otherwise. */
  private ZonedDateTime time() {
    if (actor.kind() == Kind.NIGHT_AGENT) {
      int minute = draw.below(7 * 60);
      return at(minute < 5 * 60 ? minute : 22 * 60 + minute - 5 * 60);
    }
    return at(9 * 60 + draw.below(9 * 60));
  }

  private ZonedDateTime at(int minuteOfDay) {
    return day.atTime(LocalTime.of(minuteOfDay / 60, minuteOfDay % 60)).atZone(actor.zone());
  }
}
