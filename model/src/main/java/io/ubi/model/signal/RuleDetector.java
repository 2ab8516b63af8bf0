package io.ubi.model.signal;

import io.ubi.model.config.AnomalyThresholds;
import io.ubi.model.feature.CompositeRule;
import io.ubi.model.feature.RuleCondition;
import io.ubi.model.feature.RuleCondition.Truth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a subject's scored days into the episodes of one composite rule (PRD FR-4, FR-6, FR-7).
 *
 * <ul>
 *   <li>The rule's condition must hold on {@code sustained_days} scored days in a row; a day it
 *       does not hold starts the count again, a day it cannot be judged on (no scored input) is
 *       skipped, so weekends and days off neither confirm nor break a run.
 *   <li>Once raised, every day it holds updates the episode; a risk that has held {@code
 *       critical_after_days} days is CRITICAL, before that WARN. Opportunities and information are
 *       INFO.
 *   <li>It resolves once the condition, with every deviation bound relaxed to {@code
 *       resolve_within_sigma}, has failed on {@code resolve_after_hours} worth of scored days in a
 *       row: the inputs are back within 1 sigma of their baselines, not merely under the trigger.
 * </ul>
 *
 * Deviation bounds written {@code "warn"} or {@code "critical"} follow the tenant's thresholds of
 * the rule's dimension, so tuning a dimension's thresholds tunes its rules.
 */
public final class RuleDetector {
  private RuleDetector() {}

  public static List<RuleEpisode> detect(
      CompositeRule rule, AnomalyThresholds thresholds, List<SubjectDay> history) {
    List<SubjectDay> days = new ArrayList<>(history);
    days.sort(Comparator.comparing(SubjectDay::dt));
    AnomalyThresholds.Levels l = thresholds.levels(rule.dimension());
    RuleCondition.Levels levels = new RuleCondition.Levels(l.warn(), l.critical(), null);
    RuleCondition.Levels calmLevels = levels.relaxed(thresholds.resolveWithinSigma());
    List<RuleEpisode> episodes = new ArrayList<>();
    RuleEpisode open = null;
    int run = 0;
    SubjectDay runStart = null;
    int calm = 0;
    for (SubjectDay day : days) {
      if (day.isEmpty()) {
        continue;
      }
      Truth holds = rule.when().evaluate(day, levels);
      if (open == null) {
        if (holds == Truth.TRUE) {
          runStart = run == 0 ? day : runStart;
          if (++run >= rule.sustainedDays()) {
            open =
                new RuleEpisode(rule, runStart.dt(), day.dt(), day, run, severity(rule, run), null);
          }
        } else if (holds == Truth.FALSE) {
          run = 0;
        }
        continue;
      }
      if (holds == Truth.TRUE) {
        int held = open.heldDays() + 1;
        open =
            new RuleEpisode(
                rule, open.startedOn(), open.confirmedOn(), day, held, severity(rule, held), null);
        calm = 0;
      } else if (holds == Truth.FALSE) {
        if (rule.when().evaluate(day, calmLevels) == Truth.FALSE) {
          if (++calm >= thresholds.resolveAfterDays()) {
            episodes.add(
                new RuleEpisode(
                    rule,
                    open.startedOn(),
                    open.confirmedOn(),
                    open.latest(),
                    open.heldDays(),
                    open.severity(),
                    day.dt()));
            open = null;
            run = 0;
            calm = 0;
          }
        } else {
          calm = 0;
        }
      }
    }
    if (open != null) {
      episodes.add(open);
    }
    return episodes;
  }

  static Severity severity(CompositeRule rule, int heldDays) {
    if (rule.signalType() != SignalType.RISK) {
      return Severity.INFO;
    }
    return heldDays >= rule.criticalAfterDays() ? Severity.CRITICAL : Severity.WARN;
  }
}
