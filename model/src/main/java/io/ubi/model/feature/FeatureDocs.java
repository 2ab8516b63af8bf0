package io.ubi.model.feature;

import io.ubi.model.Wire;
import io.ubi.model.aggregate.ActiveHours;
import io.ubi.model.aggregate.Aggregator;
import io.ubi.model.aggregate.Count;
import io.ubi.model.aggregate.DistinctCount;
import io.ubi.model.aggregate.EventFilter;
import io.ubi.model.aggregate.Extreme;
import io.ubi.model.aggregate.Gaps;
import io.ubi.model.aggregate.StateSchema;
import io.ubi.model.aggregate.Sum;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The catalogue as Markdown: the source of {@code docs/features.md} and {@code ubi features}. */
public final class FeatureDocs {
  private FeatureDocs() {}

  public static String markdown(FeatureCatalogue catalogue) {
    StringBuilder md = new StringBuilder();
    md.append("# Feature catalogue\n\n")
        .append("Generated from `model/src/main/resources")
        .append(FeatureCatalog.RESOURCE)
        .append("` (version ")
        .append(catalogue.version())
        .append(") by `./ubi features`; a test")
        .append(" keeps this page in step with it.\n\n")
        .append(catalogue.description())
        .append("\n\n")
        .append("Windows: ")
        .append(
            catalogue.windowsDays().stream().map(d -> d + " d").collect(Collectors.joining(", ")))
        .append(" of the tenant's local days (an actor's")
        .append(" multi-day windows are merges of its daily states). A value rests on the")
        .append(" events of its subject in its window, timed in the actor's own time zone when")
        .append(" the event carries one (after hours, non-working days); a ratio is undefined")
        .append(" when its denominator is zero, and")
        .append(" a ratio whose denominator is below the feature's minimum support is stored with")
        .append(" low confidence but never learnt from or scored. The events and attributes")
        .append(" named are those of `docs/events.md`.\n\n")
        .append("A team's, cohort's or tenant's value is the statistic shown of its members'")
        .append(" supported values of the day or window (a window's members: those of any of its")
        .append(" days); a group with fewer such people than the tenant's `min_team_size` (at")
        .append(" least 5) has no value.\n\n")
        .append(
            "| feature | dimension | unit | value | group value | rise | drop | min support |\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    for (FeatureDefinition f : catalogue.features()) {
      md.append("| `")
          .append(f.name())
          .append("` | ")
          .append(Wire.lower(f.dimension()))
          .append(" | ")
          .append(f.unit())
          .append(" | ")
          .append(describe(f.value()))
          .append(" | ")
          .append(group(f.group()))
          .append(" | ")
          .append(rule(f.whenHigher()))
          .append(" | ")
          .append(rule(f.whenLower()))
          .append(" | ")
          .append(f.minSupport() > 0 ? number(f.minSupport()) : "")
          .append(f.volumeOnly() ? " (volume only)" : "")
          .append(" |\n");
    }
    md.append("\n## Meanings and intents\n\n");
    for (FeatureDefinition f : catalogue.features()) {
      md.append("- `").append(f.name()).append("`: ").append(f.description()).append('.');
      for (SignalRule r : new SignalRule[] {f.whenHigher(), f.whenLower()}) {
        if (r != null) {
          md.append(' ').append(cap(r.meaning())).append(" (").append(r.intent()).append(").");
        }
      }
      md.append('\n');
    }
    scores(md, catalogue);
    RuleDocs.append(md, catalogue);
    md.append("\n## Aggregators and their stored state\n\n")
        .append("Every input is one of these, stored between runs in the state shape shown.\n\n")
        .append("| input kind | state |\n|---|---|\n");
    TreeSet<String> kinds = new TreeSet<>();
    for (FeatureDefinition f : catalogue.features()) {
      for (Expr.Leaf leaf : f.value().leaves()) {
        kinds.add(
            "| " + kind(leaf.aggregator()) + " | " + state(leaf.aggregator().stateSchema()) + " |");
      }
    }
    kinds.forEach(k -> md.append(k).append('\n'));
    return md.toString();
  }

  private static void scores(StringBuilder md, FeatureCatalogue catalogue) {
    md.append("\n## Scores\n\n")
        .append("Each dimension's 0-100 score of a day is the weighted mean of its inputs' parts:")
        .append(" an input's part is 50 at its own baseline, moving ")
        .append(String.format(Locale.ROOT, "%.1f", 50 / ScoreDefinition.FULL_SCALE_SIGMA))
        .append(" points per standard deviation in the direction that is better, within 0-100.")
        .append(" Only the inputs with a scored day count (past warm-up, on a working day, with")
        .append(" enough support); the confidence is the share of the weight they carry times")
        .append(" their baselines' confidence. Volume-only features are never inputs. Groups")
        .append(" are scored from their own baselines, where they are published.\n\n")
        .append("| score | dimension | inputs (weight, better) | what it says |\n")
        .append("|---|---|---|---|\n");
    for (ScoreDefinition s : catalogue.scores()) {
      md.append("| `")
          .append(s.name())
          .append("` | ")
          .append(Wire.lower(s.dimension()))
          .append(" | ");
      md.append(
          String.join(
              ", ",
              s.inputs().stream()
                  .map(
                      i ->
                          "`"
                              + i.feature()
                              + "` ("
                              + number(i.weight())
                              + ", "
                              + Wire.lower(i.better())
                              + ")")
                  .toList()));
      md.append(" | ").append(s.description()).append(" |\n");
    }
  }

  static String describe(Expr e) {
    if (e instanceof Expr.Ratio r) {
      return "(" + describe(r.numerator()) + ") / (" + describe(r.denominator()) + ")";
    }
    Expr.Leaf leaf = (Expr.Leaf) e;
    return "`"
        + leaf.label()
        + "`: "
        + kind(leaf.aggregator())
        + filter(leaf.aggregator().filter());
  }

  private static String kind(Aggregator<?> a) {
    if (a instanceof Count) {
      return "count";
    } else if (a instanceof Sum s) {
      return "sum of " + s.attribute();
    } else if (a instanceof Extreme x) {
      return (x.largest() ? "max of " : "min of ") + x.attribute();
    } else if (a instanceof DistinctCount d) {
      return "distinct " + d.attribute();
    } else if (a instanceof ActiveHours) {
      return "active clock hours";
    } else if (a instanceof Gaps g) {
      return "gaps: "
          + Wire.lower(g.statistic())
          + (g.minutes() > 0 ? " " + g.minutes() : "")
          + " (idle after "
          + g.idleMinutes()
          + " min)";
    }
    return a.getClass().getSimpleName();
  }

  private static String filter(EventFilter f) {
    StringBuilder s = new StringBuilder();
    if (!f.eventTypes().isEmpty()) {
      s.append(" of ").append(new TreeSet<>(f.eventTypes()));
    }
    if (f.afterHoursOnly()) {
      s.append(" after hours");
    }
    if (f.nonWorkingDayOnly()) {
      s.append(" on non-working days");
    }
    f.attributes().forEach((k, v) -> s.append(" where ").append(k).append(" = ").append(v));
    return s.toString();
  }

  private static String state(StateSchema schema) {
    return schema.slots().stream()
        .map(
            s ->
                s.kind().name().toLowerCase(Locale.ROOT)
                    + "["
                    + (s.size() >= 0 ? s.size() : "≤" + s.bound())
                    + "]: "
                    + s.meaning())
        .collect(Collectors.joining("; "));
  }

  private static String group(GroupRule g) {
    return g.statistic() == GroupRule.Statistic.SHARE_ABOVE
        ? "share of members above " + number(g.level())
        : Wire.lower(g.statistic());
  }

  private static String rule(SignalRule r) {
    return r == null ? "" : "anomaly";
  }

  private static String number(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  private static String cap(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
