package io.ubi.launcher.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints a {@link SignalQualityRun.Outcome}: the scenario, a table of precision and recall per rule
 * against the targets, group-scope signals, single-feature anomalies per actor-month, the
 * minimum-support check, and each unexplained signal and missed behaviour with what the actor's
 * calendar held around it (where errors come from). Or all of it as one JSON document.
 */
public final class SignalQualityReport {
  private static final int LISTED = 25;

  /** Field names in snake case, as every other document of the product. */
  private static final ObjectMapper JSON =
      Json.MAPPER.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private SignalQualityReport() {}

  public static void print(SignalQualityRun.Outcome o, PrintStream out) {
    SignalEvaluation.Result e = o.evaluation();
    out.println();
    out.println("Signal quality: " + o.scenario().describe());
    String timing =
        o.generateSeconds() > 0
            ? String.format(
                Locale.ROOT,
                "generated in %.1f s, signals computed by the %s in %.1f s",
                o.generateSeconds(),
                o.engine(),
                o.computeSeconds())
            : String.format(
                Locale.ROOT,
                "generated and signals computed by the %s in %.1f s",
                o.engine(),
                o.computeSeconds());
    out.printf(Locale.ROOT, "%,d events; %s%n%n", o.events(), timing);
    out.printf(
        Locale.ROOT,
        "%-26s %-13s %7s %5s %8s %7s %9s %9s  %s%n",
        "rule",
        "type",
        "planted",
        "found",
        "recall",
        "signals",
        "explained",
        "precision",
        "target");
    for (SignalEvaluation.RuleFigures r : e.rules()) {
      out.printf(
          Locale.ROOT,
          "%-26s %-13s %7d %5d %8s %7d %9d %9s  %s%n",
          r.rule(),
          r.signalType(),
          r.planted(),
          r.found(),
          percent(r.recall()),
          r.signals(),
          r.explained(),
          percent(r.precision()),
          r.meetsTargets() ? "met" : "MISSED");
    }
    out.printf(
        Locale.ROOT,
        "Targets per rule: precision >= %.0f %% (risks: WARN and CRITICAL signals; opportunities"
            + " and informational: all, INFO by design), recall >= %.0f %%; actor signals.%n",
        SignalEvaluation.MIN_PRECISION * 100,
        SignalEvaluation.MIN_RECALL * 100);
    out.println();
    out.println("Group signals (explained: a member had the rule's behaviour planted then):");
    if (e.groups().isEmpty()) {
      out.println("  none");
    }
    for (SignalEvaluation.GroupFigures g : e.groups()) {
      out.printf(
          Locale.ROOT,
          "  %-26s %-7s %3d signals, %3d explained%n",
          g.rule(),
          g.scope(),
          g.signals(),
          g.explained());
    }
    out.printf(
        Locale.ROOT,
        "Single-feature anomalies (context, no target): %d at actor scope, %.2f per actor-month%n",
        e.anomalies(),
        e.anomaliesPerActorMonth());
    SupportCheck.Result s = o.support();
    out.printf(
        Locale.ROOT,
        "Minimum support: %d WARN/CRITICAL signals, %d feature inputs checked; %d on a day the"
            + " input was not scored%n",
        s.signals(),
        s.inputs(),
        s.violations().size());
    for (SupportCheck.Violation v : s.violations().stream().limit(LISTED).toList()) {
      out.printf(Locale.ROOT, "  %s %s on %s: %s%n", v.rule(), v.feature(), v.dt(), v.why());
    }
    out.println();
    out.println("Unexplained actor signals: " + e.unexplained().size());
    for (SignalEvaluation.Observed u : e.unexplained().stream().limit(LISTED).toList()) {
      String actor = o.actorOf().getOrDefault(u.subjectId(), u.subjectId());
      out.printf(
          Locale.ROOT,
          "  %-26s %-11s %s..%s %-8s %s%n",
          u.rule(),
          actor,
          u.from(),
          u.to(),
          u.severity(),
          context(o.population(), actor, u.from(), u.to()));
    }
    out.println("Missed planted behaviours: " + e.missed().size());
    for (SignalEvaluation.Truth t : e.missed().stream().limit(LISTED).toList()) {
      PlantedBehaviour b = t.behaviour();
      out.printf(
          Locale.ROOT,
          "  %-26s %-11s %s..%s %s; %s%n",
          b.rule(),
          b.actorId(),
          b.from(),
          b.to(),
          b.variant(),
          context(o.population(), b.actorId(), b.from(), b.to()));
    }
    out.println();
    out.println(o.meetsTargets() ? "All targets met." : "Targets missed.");
  }

  /** What the actor's calendar held from three days before {@code from} to {@code to}. */
  static String context(
      ScenarioPopulation population, String actorId, LocalDate from, LocalDate to) {
    int index = Integer.parseInt(actorId.substring(actorId.lastIndexOf('-') + 1));
    ActorPlan p = population.plan(index);
    List<String> notes = new ArrayList<>();
    notes.add(p.kind().name().toLowerCase(Locale.ROOT) + " in " + p.zone().getId());
    for (LocalDate d = from.minusDays(3); !d.isAfter(to); d = d.plusDays(1)) {
      String day = d + ":";
      if (p.holidays().contains(d)) {
        notes.add(day + "holiday");
      }
      if (p.leave().contains(d)) {
        notes.add(day + "leave");
      }
      if (p.halfDays().contains(d)) {
        notes.add(day + "half day");
      }
      if (p.onCall().contains(d) && p.tenant().isWorkday(d)) {
        notes.add(day + "on call");
      }
    }
    if (p.plant() != null) {
      notes.add("planted " + p.plant().rule() + " " + p.plant().from() + ".." + p.plant().to());
    }
    return String.join(", ", notes);
  }

  public static String json(SignalQualityRun.Outcome o) {
    SignalEvaluation.Result e = o.evaluation();
    ObjectNode root = JSON.createObjectNode();
    root.set("scenario", JSON.valueToTree(o.scenario()));
    root.put("events", o.events());
    root.put("engine", o.engine());
    root.put("generate_seconds", o.generateSeconds());
    root.put("compute_seconds", o.computeSeconds());
    root.put("slack_days", SignalQualityRun.SLACK_DAYS);
    ArrayNode rules = root.putArray("rules");
    for (SignalEvaluation.RuleFigures r : e.rules()) {
      ObjectNode n = JSON.valueToTree(r);
      n.put("recall", r.recall())
          .put("precision", r.precision())
          .put("meets_targets", r.meetsTargets());
      rules.add(n);
    }
    root.set("groups", JSON.valueToTree(e.groups()));
    root.put("anomalies", e.anomalies())
        .put("anomalies_per_actor_month", e.anomaliesPerActorMonth());
    root.set("support", JSON.valueToTree(o.support()));
    ArrayNode unexplained = root.putArray("unexplained");
    for (SignalEvaluation.Observed u : e.unexplained()) {
      ObjectNode n = JSON.valueToTree(u);
      n.put("actor_id", o.actorOf().get(u.subjectId()));
      unexplained.add(n);
    }
    ArrayNode missed = root.putArray("missed");
    e.missed().forEach(t -> missed.add(JSON.valueToTree(t.behaviour())));
    root.set("planted", JSON.valueToTree(o.population().planted()));
    root.put("targets_met", o.meetsTargets());
    return Json.write(root);
  }

  private static String percent(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f %%", v * 100);
  }
}
