package io.ubi.launcher.eval;

import java.time.LocalDate;

/**
 * Ground truth of the signal-quality scenario: an actor made to behave in the way one signal rule
 * describes, on its working days from {@code from} to {@code to} (local days, both included).
 * Written by the generator when it plans the population, never inferred from signals.
 *
 * @param variant which form of the behaviour, for rules with several (e.g. LLM friction, policy
 *     overrides or AI assistance dropped for {@code agent_usage_optimisation})
 */
public record PlantedBehaviour(
    String tenantId,
    String actorId,
    String actorType,
    String rule,
    String variant,
    LocalDate from,
    LocalDate to) {

  /**
   * True when {@code [start, end]} overlaps the behaviour extended by {@code slackDays} after it.
   */
  public boolean overlaps(LocalDate start, LocalDate end, int slackDays) {
    return !start.isAfter(to.plusDays(slackDays)) && !end.isBefore(from);
  }
}
