package io.ubi.model.signal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.Serializable;
import java.time.Instant;

/**
 * A risk, opportunity or informational signal (PRD 10.4), exactly as the API returns it and as it
 * is published on {@code ubi.behavioural_signals} (PRD 11.3): one record, one serialisation.
 * Enumerations hold their wire values ({@code "actor"}, {@code "risk"}, {@code "WARN"}).
 *
 * @param actorOrGroupId the actor's pseudonym, or a team or tenant id
 * @param featureName the feature the signal is about first (a composite rule's first input)
 * @param rule the rule that raised it: a composite rule's name, or the feature's for a
 *     single-feature anomaly (what {@code signals.disabled_rules} names)
 * @param expectedOutcome the positive outcome the intent aims for (PRD FR-6)
 * @param evidenceRefs embedded evidence summaries (feature snapshot, event counts), under 1 KB
 * @param featureSnapshot the values the rule read, each with its baseline and deviation
 * @param inputs the names of the features and scores the rule read (PRD FM-UBI-02)
 * @param featureIds the ids of the feature rows behind it (PRD FR-4)
 * @param baselineReference the ids of the baselines they were compared with (PRD FR-4)
 * @param detectedFor the day whose data first showed the deviation
 * @param provisional raised by the speed layer from the day so far; the next nightly run confirms
 *     it (false), updates it, or withdraws it ({@code status = "withdrawn"})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BehaviouralSignal(
    String signalId,
    String tenantId,
    String actorScope,
    String actorOrGroupId,
    String actorType,
    String dimension,
    String signalType,
    String featureName,
    String rule,
    int score,
    String severity,
    String status,
    double confidence,
    String reason,
    String intent,
    String expectedOutcome,
    JsonNode evidenceRefs,
    JsonNode featureSnapshot,
    JsonNode inputs,
    JsonNode featureIds,
    JsonNode baselineReference,
    String detectedFor,
    Instant createdAt,
    Instant updatedAt,
    Instant resolvedAt,
    boolean provisional)
    implements Serializable {

  /** The same signal as the nightly run would hold it, or as the speed layer raised it. */
  public BehaviouralSignal withProvisional(boolean value) {
    return copy(status, reason, updatedAt, value);
  }

  /** Withdrawn at {@code at}: the nightly run did not confirm what the speed layer raised. */
  public BehaviouralSignal withdrawn(Instant at) {
    return copy(
        "withdrawn", reason + "; withdrawn: the full day's data did not confirm it", at, false);
  }

  private BehaviouralSignal copy(
      String newStatus, String newReason, Instant newUpdatedAt, boolean newProvisional) {
    return new BehaviouralSignal(
        signalId,
        tenantId,
        actorScope,
        actorOrGroupId,
        actorType,
        dimension,
        signalType,
        featureName,
        rule,
        score,
        severity,
        newStatus,
        confidence,
        newReason,
        intent,
        expectedOutcome,
        evidenceRefs,
        featureSnapshot,
        inputs,
        featureIds,
        baselineReference,
        detectedFor,
        createdAt,
        newUpdatedAt,
        resolvedAt,
        newProvisional);
  }
}
