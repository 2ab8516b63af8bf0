package io.ubi.model.signal;

/**
 * Lifecycle of a signal: active until its inputs return to baseline; a provisional signal of the
 * speed layer that the nightly run does not confirm is withdrawn.
 */
public enum SignalStatus {
  ACTIVE,
  RESOLVED,
  WITHDRAWN
}
