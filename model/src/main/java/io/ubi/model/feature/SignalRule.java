package io.ubi.model.feature;

import io.ubi.model.signal.SignalType;
import java.io.Serializable;

/**
 * What a significant deviation of a feature in one direction means: the class of signal it raises
 * and the explanation attached to it (PRD FR-6, FR-7, FR-10).
 *
 * @param meaning why the deviation matters, in words a lead can act on
 * @param intent what a downstream consumer (MMM) could do about it
 */
public record SignalRule(SignalType signalType, String meaning, String intent)
    implements Serializable {}
