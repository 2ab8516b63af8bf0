package io.ubi.model.signal;

/** Signal severity, ordered: "high severity" means {@code >= WARN}. */
public enum Severity {
  INFO,
  WARN,
  CRITICAL;

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
