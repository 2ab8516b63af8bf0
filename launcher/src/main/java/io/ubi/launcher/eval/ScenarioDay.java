package io.ubi.launcher.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;

/**
 * The envelopes of one actor's local day in the signal-quality scenario: a person's ({@link
 * HumanDay}) or an agent's or service's ({@link MachineDay}), drawn from its plan and a random
 * stream of its own for that day, so any day can be generated alone, in any order, on any executor.
 */
final class ScenarioDay {
  private final ScenarioPopulation population;
  private final ActorPlan actor;
  private final LocalDate day;

  ScenarioDay(ScenarioPopulation population, ActorPlan actor, LocalDate day) {
    this.population = population;
    this.actor = actor;
    this.day = day;
  }

  List<ObjectNode> envelopes() {
    ScenarioEvents out = new ScenarioEvents(population.seed(), actor, day);
    if (actor.kind().human()) {
      new HumanDay(population, actor, day, out).generate();
    } else {
      new MachineDay(population, actor, day, out).generate();
    }
    return out.envelopes();
  }
}
