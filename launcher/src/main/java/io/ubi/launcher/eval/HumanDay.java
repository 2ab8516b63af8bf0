package io.ubi.launcher.eval;

import io.ubi.launcher.eval.ActorPlan.Habits;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One person's day in the signal-quality scenario. An ordinary working day is a Poisson count of
 * each kind of activity around the person's habits ({@link Habits}), swung up or down as a whole
 * (some days are busier) and a little lighter on the last day of the week, at times spread over
 * their working hours in their own time zone, a few in the evening out of habit. Work items: a main
 * one that changes every few days and a handful of others. On call, evenings (weekends and holidays
 * included) may bring a page: a short burst of late work, collaboration as usual.
 *
 * <p>A planted behaviour changes the day as {@link PlantedDay} describes.
 */
final class HumanDay {
  private static final int EVENING = 19 * 60;
  private static final double PAGE_CHANCE = 0.35;

  private final ScenarioPopulation population;
  private final ActorPlan actor;
  private final LocalDate day;
  private final ScenarioEvents out;
  private final Draw draw;
  private final PlantedDay plant;
  private int start;
  private int minutes;
  private String main;
  private List<String> others = List.of();
  private final Map<Integer, Boolean> working = new HashMap<>();

  HumanDay(ScenarioPopulation population, ActorPlan actor, LocalDate day, ScenarioEvents out) {
    this.population = population;
    this.actor = actor;
    this.day = day;
    this.out = out;
    this.draw = new Draw(Draw.seed(population.seed(), actor.index(), day.toEpochDay(), 3));
    this.plant = new PlantedDay(actor.works(day) ? actor.plantedRule(day) : null, actor, draw);
  }

  void generate() {
    if (actor.onCall().contains(day) && !actor.leave().contains(day) && draw.chance(PAGE_CHANCE)) {
      page();
    }
    if (!actor.works(day)) {
      if (actor.planted(day) && plant.weekendWork(day) && !actor.holidays().contains(day)) {
        int n = draw.poisson(15);
        for (int i = 0; i < n; i++) {
          out.add(
              draw.chance(0.7) ? "file_edited" : "commit_created",
              at(13 * 60 + draw.below(600)),
              item());
        }
      }
      return;
    }
    Habits h = actor.habits();
    double f = h.volume() * weekday() * draw.swing(0.18);
    start = h.startMinute();
    minutes = h.minutes();
    if (actor.halfDays().contains(day)) {
      minutes = 240;
      f *= 0.5;
    }
    f = plant.shortDay(this, f);
    workItems(h);
    int before = out.envelopes().size();
    coding(h, f);
    collaboration(h, f);
    llm(h, f);
    int late = plant.lateEvents(out.envelopes().size() - before);
    for (int i = 0; i < late; i++) {
      double x = draw.between(0, 1);
      String type =
          x < 0.7
              ? "file_edited"
              : x < 0.8 ? "commit_created" : x < 0.9 ? "build_succeeded" : "test_passed";
      out.add(type, at(EVENING + draw.below(299)), item());
    }
  }

  void window(int newStart, int newMinutes) {
    start = newStart;
    minutes = newMinutes;
  }

  int start() {
    return start;
  }

  private void workItems(Habits h) {
    int number = actor.index() * 1000;
    main = out.workItem(number + (int) (day.toEpochDay() / 3 % 400));
    Set<String> picked = new LinkedHashSet<>();
    int wanted = plant.otherItems(draw.poisson(h.otherItems()));
    int backlog = plant.backlog(20);
    while (picked.size() < wanted) {
      picked.add(out.workItem(number + 400 + draw.below(backlog)));
    }
    others = new ArrayList<>(picked);
    for (String item : others) {
      out.add("file_edited", workTime(), item);
    }
    if (draw.chance(0.35)) {
      out.add("work_item_started", workTime(), others.isEmpty() ? main : draw.pick(others));
    }
    if (plant.completes() && draw.chance(h.completeChance())) {
      out.add("work_item_completed", workTime(), others.isEmpty() ? main : draw.pick(others));
    }
  }

  private void coding(Habits h, double f) {
    repeat(draw.poisson(h.edits() * f), "file_edited");
    repeat(draw.poisson(h.edits() * f * 0.08), draw.chance(0.5) ? "file_created" : "file_deleted");
    repeat(draw.poisson(plant.switches(h.switches()) * f), "context_switch");
    int commits = draw.poisson(plant.commits(h.commits()) * f);
    for (int i = 0; i < commits; i++) {
      out.add("commit_created", workTime(), item()).put("ai_assisted", plant.aiAssisted(h.ai()));
    }
    repeat(draw.poisson(commits * 0.5), "commit_pushed");
    int builds = draw.poisson(plant.builds(h.builds()) * f);
    double buildFailure = plant.buildFailure(h.buildFailure());
    for (int i = 0; i < builds; i++) {
      out.add(draw.chance(buildFailure) ? "build_failed" : "build_succeeded", workTime(), item());
    }
    int tests = draw.poisson(plant.tests(h.tests()) * f);
    double testFailure = plant.testFailure(h.testFailure());
    for (int i = 0; i < tests; i++) {
      out.add(draw.chance(testFailure) ? "test_failed" : "test_passed", workTime(), item());
    }
    repeat(draw.poisson(h.prs() * f), "pr_created");
    repeat(draw.poisson(h.prs() * 0.8 * f), "pr_merged");
    repeat(draw.poisson(h.revisions() * f) + plant.extraRevisions(), "pr_revised");
    repeat(draw.poisson(f), "gate_evaluated");
    repeat(plant.overrides(draw.chance(0.03) ? 1 : 0), "override_attempted");
    repeat(plant.violations(draw.chance(0.02) ? 1 : 0), "policy_violation");
    if (plant.focuses() && draw.chance(h.focusChance())) {
      int length = 25 + draw.below(90);
      ZonedDateTime t = workTime();
      out.add("focus_session_started", t, null);
      out.add("focus_session_ended", t.plusMinutes(length), null).put("duration_minutes", length);
    }
  }

  private void collaboration(Habits h, double f) {
    boolean wide = plant.reviewsWidely();
    int reviews = plant.reviews(draw.poisson(h.reviews() * f));
    for (int i = 0; i < reviews; i++) {
      out.withColleague("pr_reviewed", workTime(), population, author(wide));
    }
    int comments = plant.comments(draw.poisson(h.comments() * f));
    for (int i = 0; i < comments; i++) {
      out.withColleague("review_comment_added", workTime(), population, author(wide));
    }
    int mentions = plant.mentions(draw.poisson(h.mentions() * f));
    for (int i = 0; i < mentions; i++) {
      out.withColleague("mention_made", workTime(), population, colleague(false));
    }
    if (plant.pairs() && draw.chance(h.pairChance())) {
      int length = 45 + draw.below(90);
      ZonedDateTime t = workTime();
      int partner = colleague(false);
      // One cannot pair with someone away.
      if (works(partner)) {
        out.withColleague("pair_session_started", t, population, partner);
        out.add("pair_session_ended", t.plusMinutes(length), null).put("duration_minutes", length);
      }
    }
  }

  private void llm(Habits h, double f) {
    int requests = draw.poisson(plant.llmRequests(h.llmRequests()) * f);
    double retry = plant.llmRetry(h.llmRetry());
    double failure = plant.llmFailure(h.llmFailure());
    for (int i = 0; i < requests; i++) {
      ZonedDateTime t = workTime();
      String item = item();
      out.add("llm_request_submitted", t, item).put("retry", draw.chance(retry));
      out.add(draw.chance(failure) ? "llm_request_failed" : "llm_request_completed", t, item);
    }
    int tools = draw.poisson(plant.llmRequests(4 * h.ai()) * f);
    for (int i = 0; i < tools; i++) {
      out.add("tool_call_made", workTime(), item()).put("tool", MachineDay.tool(draw));
    }
  }

  /** An on-call page: a burst of late work, one in ten an incident that takes the evening. */
  private void page() {
    int n = draw.chance(0.1) ? draw.poisson(18) : draw.poisson(7);
    for (int i = 0; i < n; i++) {
      ZonedDateTime t = at(20 * 60 + draw.below(230));
      double x = draw.between(0, 1);
      if (x < 0.15) {
        out.withColleague("mention_made", t, population, colleague(false));
      } else {
        String type =
            x < 0.35
                ? "context_switch"
                : x < 0.75 ? "file_edited" : x < 0.85 ? "commit_created" : "build_succeeded";
        out.add(type, t, null);
      }
    }
  }

  private void repeat(int n, String type) {
    for (int i = 0; i < n; i++) {
      out.add(type, workTime(), item());
    }
  }

  /** The work item of an event: mostly the main one, now and then another, sometimes none. */
  private String item() {
    if (main == null || draw.chance(0.15)) {
      return null;
    }
    return others.isEmpty() || draw.chance(0.65) ? main : draw.pick(others);
  }

  /**
   * The author of a pull request reviewed: a colleague at work that day, or now and then one who
   * has just left for a day off (a pull request opened on their last day).
   */
  private int author(boolean wide) {
    int author = colleague(wide);
    for (int attempt = 0; attempt < 5 && !works(author); attempt++) {
      if (draw.chance(0.1) && justLeft(author)) {
        return author;
      }
      author = colleague(wide);
    }
    return author;
  }

  private boolean works(int colleague) {
    return working.computeIfAbsent(colleague, c -> population.plan(c).works(day));
  }

  /** Whether a colleague away today worked on one of the three days before. */
  private boolean justLeft(int colleague) {
    ActorPlan plan = population.plan(colleague);
    for (int back = 1; back <= 3; back++) {
      if (plan.works(day.minusDays(back))) {
        return true;
      }
    }
    return false;
  }

  /** A colleague: mostly of the same team, now and then (often, when {@code wide}) of another. */
  private int colleague(boolean wide) {
    List<Integer> teams = population.teamsOf(actor.tenant());
    int team = actor.team();
    if (teams.size() > 1 && draw.chance(wide ? 0.4 : 0.15)) {
      while (team == actor.team()) {
        team = draw.pick(teams);
      }
    }
    List<Integer> people = new ArrayList<>(population.people(team));
    people.remove(Integer.valueOf(actor.index()));
    return draw.pick(people);
  }

  private ZonedDateTime workTime() {
    if (draw.chance(actor.habits().lateShare())) {
      return at(EVENING + draw.below(240));
    }
    return at(start + draw.below(minutes));
  }

  private ZonedDateTime at(int minuteOfDay) {
    return day.atTime(LocalTime.of(minuteOfDay / 60, minuteOfDay % 60)).atZone(actor.zone());
  }

  /** Busier mid-week, lighter on the last working day of the week. */
  private double weekday() {
    return actor.tenant().isWorkday(day.plusDays(1)) ? 1.0 : 0.85;
  }
}
