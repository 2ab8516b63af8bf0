package io.ubi.model.feature;

import io.ubi.model.Wire;
import io.ubi.model.signal.ActorScope;
import java.util.EnumSet;
import java.util.stream.Collectors;

/** The "Signal rules" section of {@code docs/features.md}, from the catalogue's rules. */
final class RuleDocs {
  private RuleDocs() {}

  static void append(StringBuilder md, FeatureCatalogue catalogue) {
    md.append("\n## Signal rules\n\n")
        .append("Risks and opportunities come from these rules, each a condition over a")
        .append(" subject's scored day (an actor, team, cohort or the tenant at the scopes shown)")
        .append(
            " that must hold on `sustained` scored days in a row. `z >= +n` is a deviation of n")
        .append(" standard deviations from the subject's own baseline; `warn` is the tenant's WARN")
        .append(" threshold of the")
        .append(" rule's dimension (`anomaly_thresholds`), so tuning a dimension's thresholds")
        .append(" tunes its rules. A day the condition cannot be judged on (warm-up, a")
        .append(" non-working day, too little support, no events) neither confirms nor breaks a")
        .append(" run. A risk is WARN once raised and CRITICAL once it has held `critical` days;")
        .append(" opportunities and informational rules are INFO. A signal resolves once its")
        .append(" condition, with every deviation bound relaxed to `resolve_within_sigma`, has")
        .append(" failed for `resolve_after_hours` of scored days: its inputs are back near their")
        .append(" baselines, not merely under the trigger.\n\n")
        .append("Beside them, a feature's deviation beyond the WARN level in a direction the")
        .append(" catalogue gives a meaning to (the rise and drop columns above) is an")
        .append(" informational single-feature anomaly, severity INFO: context, not a")
        .append(" claim. A tenant switches rules off by name in `signals.disabled_rules`")
        .append(" (a feature's name switches off its anomalies).\n\n")
        .append("| rule | class | dimension | scopes | when | sustained | critical | intent |")
        .append(" expected outcome |\n")
        .append("|---|---|---|---|---|---|---|---|---|\n");
    for (CompositeRule r : catalogue.signalRules()) {
      md.append("| `")
          .append(r.name())
          .append("` | ")
          .append(Wire.lower(r.signalType()))
          .append(" | ")
          .append(Wire.lower(r.dimension()))
          .append(" | ")
          .append(
              r.scopes().equals(EnumSet.allOf(ActorScope.class))
                  ? "all"
                  : r.scopes().stream().sorted().map(Wire::lower).collect(Collectors.joining(", ")))
          .append(" | ")
          .append(r.describe())
          .append(" | ")
          .append(r.sustainedDays())
          .append(" | ")
          .append(
              r.signalType() == io.ubi.model.signal.SignalType.RISK ? r.criticalAfterDays() : "")
          .append(" | ")
          .append(r.intent())
          .append(" | ")
          .append(r.expectedOutcome())
          .append(" |\n");
    }
  }
}
