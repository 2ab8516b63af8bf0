package io.ubi.model.signal;

/** The grain a feature, baseline or signal describes. */
public enum ActorScope {
  ACTOR,
  TEAM,
  COHORT,
  TENANT
}
