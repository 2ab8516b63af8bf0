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
 * @param evidenceRefs embedded evidence summaries (feature snapshot, baseline, event counts)
 * @param featureSnapshot the feature values that triggered the signal
 * @param detectedFor the day whose data first showed the deviation
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
    int score,
    String severity,
    String status,
    double confidence,
    String reason,
    String intent,
    JsonNode evidenceRefs,
    JsonNode featureSnapshot,
    String detectedFor,
    Instant createdAt,
    Instant updatedAt,
    Instant resolvedAt)
    implements Serializable {}
