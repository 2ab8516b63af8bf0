package io.ubi.model.signal;

/** Lifecycle of a signal: active until its feature returns to baseline. */
public enum SignalStatus {
  ACTIVE,
  RESOLVED
}
