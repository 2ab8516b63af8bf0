package io.ubi.model.feature;

import io.ubi.model.signal.ActorScope;
import io.ubi.model.signal.SignalType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A signal rule of the catalogue (PRD FR-4, FR-6, FR-7): a condition over a subject's features,
 * their deviations and its dimension scores that must hold on {@code sustainedDays} scored days in
 * a row before it raises a signal, at the scopes it names. Single-feature anomalies are the other
 * kind of rule ({@link SignalRule}, informational); these say what is happening, why, and what
 * could help.
 *
 * @param meaning what the pattern means, in words a lead can act on
 * @param intent what the nudging engine could do about it
 * @param expectedOutcome the positive outcome that action aims for
 * @param sustainedDays scored days in a row the condition must hold before a signal is raised
 * @param criticalAfterDays scored days in a row after which a risk is CRITICAL rather than WARN
 */
public record CompositeRule(
    String name,
    SignalType signalType,
    Dimension dimension,
    String meaning,
    String intent,
    String expectedOutcome,
    int sustainedDays,
    int criticalAfterDays,
    Set<ActorScope> scopes,
    RuleCondition.All when)
    implements Serializable {

  public CompositeRule {
    scopes = Set.copyOf(scopes);
  }

  /** Every feature the condition reads, once each, in order of appearance. */
  public List<String> features() {
    List<String> out = new ArrayList<>();
    when.features(out);
    return List.copyOf(new LinkedHashSet<>(out));
  }

  /** Every score the condition reads, once each. */
  public List<String> scores() {
    List<String> out = new ArrayList<>();
    when.scores(out);
    return List.copyOf(new LinkedHashSet<>(out));
  }

  /** The feature the rule is about first: the first one its condition names. */
  public String primaryFeature() {
    List<String> f = features();
    return f.isEmpty() ? name : f.get(0);
  }

  /** The condition in words, e.g. {@code after_hours_share z >= +warn and (...)}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    when.of().forEach(c -> parts.add(c.toString()));
    return String.join(" and ", parts);
  }

  /** Whether the speed layer may raise it from the day so far ({@link RuleCondition#onlyRises}). */
  public boolean intradaySafe() {
    return when.onlyRises();
  }

  public boolean appliesTo(ActorScope scope) {
    return scopes.contains(scope);
  }
}
