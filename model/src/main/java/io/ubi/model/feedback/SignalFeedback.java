package io.ubi.model.feedback;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.ubi.model.Ids;
import io.ubi.model.Wire;
import io.ubi.model.signal.BehaviouralSignal;
import java.io.Serializable;
import java.time.Instant;
import java.util.Iterator;

/**
 * One caller's verdict on one signal, as the API publishes it on the feedback topic and the nightly
 * job stores it in {@code gold.signal_feedback}. It carries what the false-positive rate and the
 * threshold tuning need of the signal (rule, dimension, severity, how far its inputs deviated), so
 * neither has to look the signal up again.
 *
 * <p>One verdict per caller and signal: {@link #feedbackId} is derived from both, so a repeated or
 * changed verdict replaces the earlier one instead of counting twice.
 *
 * @param caller the caller's pseudonym (keyed per tenant), never the token's subject itself
 * @param triggerSigma the largest deviation, in standard deviations, among the signal's inputs
 * @param note free text of at most {@value #MAX_NOTE} characters, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SignalFeedback(
    String feedbackId,
    String tenantId,
    String signalId,
    String rule,
    String dimension,
    String actorScope,
    String signalType,
    String severity,
    String detectedFor,
    String verdict,
    String note,
    String caller,
    Double triggerSigma,
    Instant receivedAt)
    implements Serializable {
  public static final int MAX_NOTE = 1000;

  /** The verdict of {@code caller} (a pseudonym) on {@code signal}. */
  public static SignalFeedback of(
      BehaviouralSignal signal, Verdict verdict, String note, String caller, Instant at) {
    return new SignalFeedback(
        Ids.of("feedback", signal.tenantId(), signal.signalId(), caller),
        signal.tenantId(),
        signal.signalId(),
        signal.rule() != null ? signal.rule() : signal.featureName(),
        signal.dimension(),
        signal.actorScope(),
        signal.signalType(),
        signal.severity(),
        signal.detectedFor(),
        Wire.lower(verdict),
        note,
        caller,
        triggerSigma(signal.featureSnapshot()),
        at);
  }

  public boolean isFalsePositive() {
    return Wire.lower(Verdict.FALSE_POSITIVE).equals(verdict);
  }

  /**
   * The largest {@code |z_score|} in a feature snapshot: top-level for a single-feature anomaly,
   * one per input for a composite rule; null when it names none.
   */
  static Double triggerSigma(JsonNode snapshot) {
    if (snapshot == null) {
      return null;
    }
    Double max = snapshot.has("z_score") ? Math.abs(snapshot.get("z_score").asDouble()) : null;
    for (Iterator<JsonNode> it = snapshot.elements(); it.hasNext(); ) {
      JsonNode input = it.next();
      if (input.isObject() && input.has("z_score")) {
        double z = Math.abs(input.get("z_score").asDouble());
        max = max == null ? z : Math.max(max, z);
      }
    }
    return max;
  }
}
