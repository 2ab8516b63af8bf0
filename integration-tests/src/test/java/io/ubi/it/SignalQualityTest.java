package io.ubi.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ubi.batch.BatchSettings;
import io.ubi.launcher.UbiRuntime;
import io.ubi.launcher.eval.ScenarioPopulation;
import io.ubi.launcher.eval.SignalEvaluation;
import io.ubi.launcher.eval.SignalEvaluation.RuleFigures;
import io.ubi.launcher.eval.SignalQualityReport;
import io.ubi.launcher.eval.SignalQualityRun;
import io.ubi.model.privacy.Pseudonymizer;
import io.ubi.transforms.Lake;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ubi eval signals} at a small size (40 actors, 45 days, a fixed seed), on the shared Spark
 * session and a lake of its own: the scenario's planted behaviours must come out as signals of
 * their rules through the real pipeline (decoder, bronze, nightly job), nothing WARN or CRITICAL
 * may rest on an unscored day, and the engine-free replay ({@code --model-only}) must raise the
 * same actor signals as the pipeline, so that its quick figures can be trusted.
 *
 * <p>At this size each rule is planted about twice, so one rule's precision or recall moves in
 * steps of a third to a half: a per-rule target would fail on a single unlucky signal. Per rule the
 * test asks that each finds at least one of its behaviours; pooled over the rules (some fifteen
 * behaviours and signals) recall must meet its 90 % target and precision 90 %, which one false
 * signal among fifteen still meets (93 %) and two do not: the 95 % per-rule target is measured at
 * 200 actors over 60 days (docs/quality.md). {@code activity_drop} is left out of pooled precision:
 * public holidays are working days to the product, so an on-call engineer paged on a two-day
 * holiday raises it (docs/quality.md).
 */
@ExtendWith(UbiExtension.class)
class SignalQualityTest {
  private final UbiRuntime ubi;

  SignalQualityTest(UbiRuntime ubi) {
    this.ubi = ubi;
  }

  @Test
  void plantedBehavioursComeOutAsSignalsOfTheirRules(@TempDir Path dir) {
    ScenarioPopulation population =
        ScenarioPopulation.ending(1, 40, 45, ScenarioPopulation.DEFAULT_LAST_DAY);
    Pseudonymizer pseudonymizer = new Pseudonymizer("signal-quality-test-key-of-at-least-32-chars");

    SignalQualityRun.Outcome o =
        new SignalQualityRun(
                new Lake(ubi.lake().spark(), dir),
                population.tenantConfigs(),
                pseudonymizer,
                new BatchSettings("", "unused", BatchSettings.DEFAULT_LATE_LOOKBACK_DAYS),
                m -> System.out.println("[it] " + m))
            .run(population);
    SignalQualityReport.print(o, System.out);
    SignalQualityRun.Outcome replay =
        SignalQualityRun.replay(population, population.tenantConfigs(), pseudonymizer, m -> {});

    assertThat(actorSignals(replay))
        .as("the engine-free replay raises the pipeline's actor signals, anomalies included")
        .isNotEmpty()
        .containsExactlyInAnyOrderElementsOf(actorSignals(o));

    assertThat(o.support().signals()).as("WARN and CRITICAL signals checked").isPositive();
    assertThat(o.support().violations()).as("signals on unscored days").isEmpty();
    List<RuleFigures> rules = o.evaluation().rules();
    assertThat(rules).extracting(RuleFigures::rule).containsAll(ScenarioPopulation.RULES);
    for (RuleFigures r : rules) {
      if (r.planted() > 0) {
        assertThat(r.found())
            .as("%s finds one of its %d behaviours", r.rule(), r.planted())
            .isPositive();
      }
    }
    int planted = rules.stream().mapToInt(RuleFigures::planted).sum();
    int found = rules.stream().mapToInt(RuleFigures::found).sum();
    assertThat((double) found / planted)
        .as("recall over every rule (%d of %d)", found, planted)
        .isGreaterThanOrEqualTo(SignalEvaluation.MIN_RECALL);
    List<RuleFigures> claims =
        rules.stream().filter(r -> !r.rule().equals("activity_drop")).toList();
    int signals = claims.stream().mapToInt(RuleFigures::signals).sum();
    int explained = claims.stream().mapToInt(RuleFigures::explained).sum();
    assertThat((double) explained / signals)
        .as("precision over risks and opportunities (%d of %d)", explained, signals)
        .isGreaterThanOrEqualTo(0.9);
  }

  /** Each actor signal's id, rule, severity, status and days. */
  private static List<String> actorSignals(SignalQualityRun.Outcome o) {
    return o.signals().stream()
        .filter(s -> s.actorScope().equals("actor"))
        .map(
            s ->
                String.join(
                    " ",
                    s.signalId(),
                    s.rule(),
                    s.severity(),
                    s.status(),
                    s.detectedFor(),
                    String.valueOf(s.updatedAt()),
                    String.valueOf(s.resolvedAt())))
        .toList();
  }
}
