package io.ubi.launcher.eval;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arithmetic of {@code ubi eval signals}: signals against the planted behaviours, per rule.
 *
 * <ul>
 *   <li>A signal is <em>explained</em> when a behaviour of its rule was planted in its subject and
 *       the signal's span, from {@code detected_for} to the day it was last updated or resolved,
 *       overlaps the behaviour's days extended by {@code slackDays} after them (a signal takes a
 *       day or two to resolve once the behaviour stops). A team's, cohort's or tenant's signal is
 *       explained when one of its members had such a behaviour.
 *   <li>Precision of a rule: explained actor signals over all its actor signals; for a risk, its
 *       WARN and CRITICAL signals (all of them are), for an opportunity or informational rule, all
 *       of its signals (INFO by design).
 *   <li>Recall: planted behaviours found by at least one such signal of the rule on the actor, over
 *       all planted behaviours of the rule.
 *   <li>Single-feature anomalies (signals whose rule is a feature) are context, counted per actor
 *       and month, without a target.
 * </ul>
 */
public final class SignalEvaluation {
  public static final double MIN_PRECISION = 0.95;
  public static final double MIN_RECALL = 0.90;
  public static final String ACTOR = "actor";

  /** A signal as the evaluation reads it. */
  public record Observed(
      String signalId,
      String tenantId,
      String scope,
      String subjectId,
      String rule,
      String signalType,
      String severity,
      LocalDate from,
      LocalDate to) {}

  /** A planted behaviour and the id signals name its actor by (the actor's pseudonym). */
  public record Truth(PlantedBehaviour behaviour, String subjectId) {}

  /** The subject ids of a group's members. */
  @FunctionalInterface
  public interface Membership {
    Set<String> members(String tenantId, String scope, String groupId);
  }

  /** One rule's figures at actor scope. */
  public record RuleFigures(
      String rule, String signalType, int planted, int found, int signals, int explained) {
    public double recall() {
      return planted == 0 ? Double.NaN : (double) found / planted;
    }

    public double precision() {
      return signals == 0 ? Double.NaN : (double) explained / signals;
    }

    /** Recall and precision at their targets; a rule raising nothing has no false signal. */
    public boolean meetsTargets() {
      boolean recallMet = planted == 0 || recall() >= MIN_RECALL;
      boolean precisionMet = signals == 0 || precision() >= MIN_PRECISION;
      return recallMet && precisionMet;
    }
  }

  /** One rule's signals at a group scope. */
  public record GroupFigures(String rule, String scope, int signals, int explained) {}

  /**
   * Everything measured.
   *
   * @param anomalies single-feature anomaly signals at actor scope
   * @param actorMonths actors times days, over 30
   */
  public record Result(
      List<RuleFigures> rules,
      List<GroupFigures> groups,
      int anomalies,
      double actorMonths,
      List<Observed> unexplained,
      List<Truth> missed) {
    public double anomaliesPerActorMonth() {
      return actorMonths == 0 ? Double.NaN : anomalies / actorMonths;
    }

    public boolean meetsTargets() {
      return rules.stream().allMatch(RuleFigures::meetsTargets);
    }
  }

  private SignalEvaluation() {}

  /**
   * @param ruleTypes every composite rule to report, in order, with its signal type (risk,
   *     opportunity or informational); signals of other rules are single-feature anomalies
   */
  public static Result evaluate(
      Map<String, String> ruleTypes,
      List<Truth> truth,
      List<Observed> signals,
      Membership membership,
      double actorMonths,
      int slackDays) {
    List<RuleFigures> rules = new ArrayList<>();
    List<Observed> unexplained = new ArrayList<>();
    List<Truth> missed = new ArrayList<>();
    Map<String, int[]> groups = new LinkedHashMap<>();
    int anomalies = 0;
    for (Observed s : signals) {
      if (!ruleTypes.containsKey(s.rule()) && ACTOR.equals(s.scope())) {
        anomalies++;
      }
    }
    for (Map.Entry<String, String> r : ruleTypes.entrySet()) {
      String rule = r.getKey();
      List<Observed> counted =
          signals.stream()
              .filter(s -> rule.equals(s.rule()) && counts(r.getValue(), s.severity()))
              .toList();
      int actorSignals = 0;
      int explained = 0;
      for (Observed s : counted) {
        boolean isActor = ACTOR.equals(s.scope());
        boolean ok =
            truth.stream()
                .anyMatch(
                    t ->
                        t.behaviour().rule().equals(rule)
                            && t.behaviour().tenantId().equals(s.tenantId())
                            && t.behaviour().overlaps(s.from(), s.to(), slackDays)
                            && (isActor
                                ? t.subjectId().equals(s.subjectId())
                                : membership
                                    .members(s.tenantId(), s.scope(), s.subjectId())
                                    .contains(t.subjectId())));
        if (isActor) {
          actorSignals++;
          explained += ok ? 1 : 0;
          if (!ok) {
            unexplained.add(s);
          }
        } else {
          int[] g = groups.computeIfAbsent(rule + "\u0000" + s.scope(), k -> new int[2]);
          g[0]++;
          g[1] += ok ? 1 : 0;
        }
      }
      int planted = 0;
      int found = 0;
      for (Truth t : truth) {
        if (!t.behaviour().rule().equals(rule)) {
          continue;
        }
        planted++;
        boolean hit =
            counted.stream()
                .anyMatch(
                    s ->
                        ACTOR.equals(s.scope())
                            && s.subjectId().equals(t.subjectId())
                            && s.tenantId().equals(t.behaviour().tenantId())
                            && t.behaviour().overlaps(s.from(), s.to(), slackDays));
        found += hit ? 1 : 0;
        if (!hit) {
          missed.add(t);
        }
      }
      rules.add(new RuleFigures(rule, r.getValue(), planted, found, actorSignals, explained));
    }
    List<GroupFigures> groupFigures = new ArrayList<>();
    groups.forEach(
        (key, g) -> {
          String[] parts = key.split("\u0000");
          groupFigures.add(new GroupFigures(parts[0], parts[1], g[0], g[1]));
        });
    return new Result(rules, groupFigures, anomalies, actorMonths, unexplained, missed);
  }

  /** A risk's signals count when WARN or CRITICAL; other rules' all count. */
  private static boolean counts(String signalType, String severity) {
    return !"risk".equals(signalType) || "WARN".equals(severity) || "CRITICAL".equals(severity);
  }
}
