package io.ubi.launcher.eval;

import java.time.LocalDate;

/**
 * How a planted behaviour changes a person's working day ({@link HumanDay}); on a day without one,
 * every method returns the ordinary value it is given. Each behaviour is what the rule's intent
 * describes, strongly enough to meet its condition, and leaves the rest of the day as it was:
 *
 * <ul>
 *   <li>{@code burnout_risk}: the usual day plus 80% more work in the evening, weekend work, no
 *       reviews, mentions or pairing any more and few review comments;
 *   <li>{@code rework_loop}: 60% more builds, 70% of them failing, more failing tests and about six
 *       extra pull-request revisions a day;
 *   <li>{@code context_thrash}: 10-17 work items touched, none completed, four times the context
 *       switches, no focus sessions;
 *   <li>{@code mentoring_potential}: three times the usual reviews and review comments and more
 *       (six and eight a day), for colleagues of several teams;
 *   <li>{@code pair_work_candidate}: one work item only, about fourteen test runs, 80% failing, no
 *       pairing, nothing completed;
 *   <li>{@code agent_usage_optimisation}: three times the LLM requests with 45% retries and 30%
 *       failures on fewer commits ({@code llm_friction}), seven override attempts a day ({@code
 *       policy_overrides}), or no LLM use and no AI-assisted commits at all ({@code ai_dropped});
 *   <li>{@code activity_drop}: 15% of the usual activity in an hour and a half to two and a half,
 *       on one work item, without focus or pairing sessions.
 * </ul>
 */
final class PlantedDay {
  private final String rule;
  private final ActorPlan actor;
  private final Draw draw;

  /**
   * @param rule the rule planted on this working day, or null
   */
  PlantedDay(String rule, ActorPlan actor, Draw draw) {
    this.rule = rule;
    this.actor = actor;
    this.draw = draw;
  }

  private boolean is(String name) {
    return name.equals(rule);
  }

  private boolean variant(String name) {
    return is(ScenarioPopulation.AGENT_USAGE) && actor.plant().variant().equals(name);
  }

  /** Whether a day off within the behaviour still sees work: burnout's weekends. */
  boolean weekendWork(LocalDate day) {
    return actor.planted(day) && actor.plant().rule().equals("burnout_risk");
  }

  double shortDay(HumanDay day, double volume) {
    if (!is("activity_drop")) {
      return volume;
    }
    day.window(day.start() + draw.below(180), 90 + draw.below(60));
    return volume * 0.15;
  }

  int lateEvents(int dayEvents) {
    return is("burnout_risk") ? draw.poisson(0.8 * dayEvents) : 0;
  }

  int otherItems(int usual) {
    if (is("context_thrash")) {
      return 9 + draw.poisson(4);
    }
    return is("pair_work_candidate") || is("activity_drop") ? 0 : usual;
  }

  int backlog(int usual) {
    return is("context_thrash") ? 60 : usual;
  }

  boolean completes() {
    return !is("context_thrash") && !is("pair_work_candidate");
  }

  boolean focuses() {
    return !is("context_thrash") && !is("activity_drop");
  }

  double switches(double usual) {
    return is("context_thrash") ? usual * 4 : usual;
  }

  double commits(double usual) {
    return variant("llm_friction") ? usual * 0.6 : usual;
  }

  boolean aiAssisted(double share) {
    return !variant("ai_dropped") && draw.chance(share);
  }

  double builds(double usual) {
    return is("rework_loop") ? usual * 1.6 : usual;
  }

  double buildFailure(double usual) {
    return is("rework_loop") ? 0.7 : usual;
  }

  double tests(double usual) {
    return is("pair_work_candidate") ? 14 : usual;
  }

  double testFailure(double usual) {
    return is("pair_work_candidate") ? 0.8 : is("rework_loop") ? Math.max(usual, 0.3) : usual;
  }

  int extraRevisions() {
    return is("rework_loop") ? draw.poisson(6) : 0;
  }

  int overrides(int usual) {
    return variant("policy_overrides") ? draw.poisson(7) : usual;
  }

  int violations(int usual) {
    return variant("policy_overrides") ? draw.poisson(2) : usual;
  }

  boolean reviewsWidely() {
    return is("mentoring_potential");
  }

  int reviews(int usual) {
    return is("mentoring_potential")
        ? draw.poisson(3 * actor.habits().reviews() + 6)
        : is("burnout_risk") ? 0 : usual;
  }

  int comments(int usual) {
    return is("mentoring_potential")
        ? draw.poisson(3 * actor.habits().comments() + 8)
        : is("burnout_risk") ? thin(usual, 0.2) : usual;
  }

  int mentions(int usual) {
    return is("burnout_risk") ? 0 : usual;
  }

  boolean pairs() {
    return !is("pair_work_candidate") && !is("burnout_risk") && !is("activity_drop");
  }

  double llmRequests(double usual) {
    return variant("llm_friction") ? usual * 3 : variant("ai_dropped") ? 0 : usual;
  }

  double llmRetry(double usual) {
    return variant("llm_friction") ? 0.45 : usual;
  }

  double llmFailure(double usual) {
    return variant("llm_friction") ? 0.3 : usual;
  }

  /** Each of {@code n} kept with probability {@code p}. */
  private int thin(int n, double p) {
    int kept = 0;
    for (int i = 0; i < n; i++) {
      kept += draw.chance(p) ? 1 : 0;
    }
    return kept;
  }
}
