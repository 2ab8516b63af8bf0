package io.ubi.model.feature;

/** SPACE-informed dimensions, extended for agent work (PRD FR-5). */
public enum Dimension {
  /** Activity and reliability: sustainable activity against thrash. */
  ACTIVITY,
  /** Flow and context stability. */
  FLOW,
  /** Collaboration and knowledge flow. */
  COLLABORATION,
  /** How an actor works with AI and agents. */
  AGENT_USAGE
}
