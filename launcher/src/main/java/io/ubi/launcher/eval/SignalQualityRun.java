package io.ubi.launcher.eval;

import io.ubi.batch.BatchSettings;
import io.ubi.batch.NightlyBatchJob;
import io.ubi.lakehouse.SignalRows;
import io.ubi.lakehouse.Tables;
import io.ubi.launcher.bench.SyntheticBronze;
import io.ubi.model.Wire;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.contract.EnvelopeDecoder;
import io.ubi.model.feature.CompositeRule;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.privacy.Pseudonymizer;
import io.ubi.model.signal.BehaviouralSignal;
import io.ubi.transforms.Lake;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;

/**
 * What {@code ubi eval signals} measures, on any Spark session and lakehouse (the command runs it
 * on a session of its own, the integration suite on the shared one at a small size): the scenario's
 * events written to bronze through the pipeline's own decoder ({@link SyntheticBronze}), one
 * nightly backfill over every day, then the signals it raised against the planted behaviours
 * ({@link SignalEvaluation}) and against the days' support ({@link SupportCheck}). {@link #replay}
 * measures the same at actor scope through the engine-free model alone ({@link ModelReplay}).
 */
public final class SignalQualityRun {
  /** Days after a planted behaviour ends within which a signal of it may still be under way. */
  public static final int SLACK_DAYS = 5;

  /**
   * Everything measured.
   *
   * @param engine what computed the signals: the nightly job, or the model alone
   * @param events events generated
   * @param generateSeconds generating them (and writing them to bronze)
   * @param computeSeconds computing features, baselines and signals
   * @param signals every signal raised, single-feature anomalies included
   * @param actorOf each actor's raw id by pseudonym, for the report
   */
  public record Outcome(
      ScenarioPopulation population,
      ScenarioSummary scenario,
      String engine,
      long events,
      double generateSeconds,
      double computeSeconds,
      List<BehaviouralSignal> signals,
      SignalEvaluation.Result evaluation,
      SupportCheck.Result support,
      Map<String, String> actorOf) {
    /** Every rule at its targets and no WARN or CRITICAL signal on an unsupported day. */
    public boolean meetsTargets() {
      return evaluation.meetsTargets() && support.violations().isEmpty();
    }
  }

  private final Lake lake;
  private final TenantConfigs configs;
  private final Pseudonymizer pseudonymizer;
  private final BatchSettings settings;
  private final Consumer<String> progress;

  /**
   * @param settings the nightly job's; a blank bootstrap publishes nothing
   */
  public SignalQualityRun(
      Lake lake,
      TenantConfigs configs,
      Pseudonymizer pseudonymizer,
      BatchSettings settings,
      Consumer<String> progress) {
    this.lake = lake;
    this.configs = configs;
    this.pseudonymizer = pseudonymizer;
    this.settings = settings;
    this.progress = progress;
  }

  public Outcome run(ScenarioPopulation population) {
    ScenarioSummary scenario = ScenarioSummary.of(population, population.plans());
    progress.accept(scenario.describe());
    lake.ensureTables();
    long started = System.nanoTime();
    new SyntheticBronze(
            lake,
            new EnvelopeDecoder(configs.withoutDirectories(), pseudonymizer),
            population,
            "ubi-eval-signals")
        .write(
            population.endOf(population.first().minusDays(1)), population.endOf(population.last()));
    double generateSeconds = secondsSince(started);
    long events = lake.read(Tables.BEHAVIOURAL_EVENTS).count();
    progress.accept(
        String.format(
            Locale.ROOT,
            "%,d events written to bronze in %.1f s; nightly backfill",
            events,
            generateSeconds));
    started = System.nanoTime();
    NightlyBatchJob.Result nightly =
        new NightlyBatchJob(lake, configs, settings, Clock.systemUTC())
            .run(population.first(), population.last());
    double computeSeconds = secondsSince(started);
    progress.accept(String.format(Locale.ROOT, "%.1f s: %s", computeSeconds, nightly.summary()));
    List<BehaviouralSignal> signals = new ArrayList<>();
    for (Row r : lake.read(Tables.BEHAVIOURAL_SIGNALS).collectAsList()) {
      signals.add(SignalRows.fromRow(r::getAs));
    }
    return outcome(
        population,
        scenario,
        "nightly job",
        events,
        generateSeconds,
        computeSeconds,
        signals,
        SupportCheck.run(lake, signals),
        pseudonymizer);
  }

  /** The same measure at actor scope through the model alone, without Spark. */
  public static Outcome replay(
      ScenarioPopulation population,
      TenantConfigs configs,
      Pseudonymizer pseudonymizer,
      Consumer<String> progress) {
    ScenarioSummary scenario = ScenarioSummary.of(population, population.plans());
    progress.accept(scenario.describe());
    long started = System.nanoTime();
    ModelReplay.Replayed replayed = new ModelReplay(population, configs, pseudonymizer).run();
    double seconds = secondsSince(started);
    progress.accept(
        String.format(
            Locale.ROOT,
            "%,d events replayed through the model in %.1f s",
            replayed.events(),
            seconds));
    return outcome(
        population,
        scenario,
        "model (actor scope)",
        replayed.events(),
        0,
        seconds,
        replayed.signals(),
        SupportCheck.check(replayed.signals(), inputs -> replayed.scored()),
        pseudonymizer);
  }

  private static Outcome outcome(
      ScenarioPopulation population,
      ScenarioSummary scenario,
      String engine,
      long events,
      double generateSeconds,
      double computeSeconds,
      List<BehaviouralSignal> signals,
      SupportCheck.Result support,
      Pseudonymizer pseudonymizer) {
    Map<String, String> actorOf = new LinkedHashMap<>();
    Map<String, Set<String>> groups = new LinkedHashMap<>();
    for (ActorPlan p : population.plans()) {
      String subject = pseudonymizer.pseudonymise(p.tenant().id(), p.actorId());
      actorOf.put(subject, p.actorId());
      String tenant = p.tenant().id();
      if (p.kind() != ActorPlan.Kind.SERVICE) {
        member(groups, tenant, "team", ScenarioPopulation.teamId(p.team()), subject);
      }
      member(groups, tenant, "cohort", "actor_type:" + p.actorType(), subject);
      member(groups, tenant, "tenant", tenant, subject);
    }
    List<SignalEvaluation.Truth> truth = new ArrayList<>();
    for (PlantedBehaviour b : population.planted()) {
      truth.add(
          new SignalEvaluation.Truth(b, pseudonymizer.pseudonymise(b.tenantId(), b.actorId())));
    }
    SignalEvaluation.Result evaluation =
        SignalEvaluation.evaluate(
            ruleTypes(),
            truth,
            signals.stream().map(SignalQualityRun::observed).toList(),
            (tenant, scope, id) -> groups.getOrDefault(tenant + "/" + scope + "/" + id, Set.of()),
            population.actors() * population.days() / 30.0,
            SLACK_DAYS);
    return new Outcome(
        population,
        scenario,
        engine,
        events,
        generateSeconds,
        computeSeconds,
        signals,
        evaluation,
        support,
        actorOf);
  }

  /** Every composite rule of the catalogue with its signal type, in catalogue order. */
  static Map<String, String> ruleTypes() {
    Map<String, String> types = new LinkedHashMap<>();
    for (CompositeRule r : FeatureCatalog.signalRules()) {
      types.put(r.name(), Wire.lower(r.signalType()));
    }
    return types;
  }

  static SignalEvaluation.Observed observed(BehaviouralSignal s) {
    Instant last = s.resolvedAt() != null ? s.resolvedAt() : s.updatedAt();
    // Logical timestamps: the end of the day, i.e. midnight UTC after it.
    LocalDate to = last.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1);
    return new SignalEvaluation.Observed(
        s.signalId(),
        s.tenantId(),
        s.actorScope(),
        s.actorOrGroupId(),
        s.rule() != null ? s.rule() : s.featureName(),
        s.signalType(),
        s.severity(),
        LocalDate.parse(s.detectedFor()),
        to);
  }

  private static void member(
      Map<String, Set<String>> groups, String tenant, String scope, String id, String subject) {
    groups.computeIfAbsent(tenant + "/" + scope + "/" + id, k -> new HashSet<>()).add(subject);
  }

  private static double secondsSince(long nanos) {
    return (System.nanoTime() - nanos) / 1e9;
  }
}
