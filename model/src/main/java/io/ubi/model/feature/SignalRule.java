package io.ubi.model.feature;

import io.ubi.model.signal.SignalType;
import java.io.Serializable;

/**
 * What a significant deviation of one feature in one direction means (PRD FR-4): an informational
 * anomaly, context for a lead and for the composite rules ({@link CompositeRule}) that raise risks
 * and opportunities. One feature's bad day is not a risk on its own.
 *
 * @param meaning why the deviation matters, in words a lead can act on
 * @param intent what a downstream consumer (MMM) could do about it
 */
public record SignalRule(String meaning, String intent) implements Serializable {
  /** Single-feature anomalies are informational. */
  public SignalType signalType() {
    return SignalType.INFORMATIONAL;
  }
}
