package io.ubi.model.signal;

/** The class of a signal; tenants may disable classes (PRD FR-7, FR-12). */
public enum SignalType {
  RISK,
  OPPORTUNITY,
  INFORMATIONAL
}
