package io.ubi.model.contract;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * UBI's internal event (PRD 10.1), mapped from a PM-3 {@code SignalEnvelope}. It is what bronze
 * stores; nothing downstream of bronze sees {@link #actorId()} or {@link #propertiesJson()}.
 *
 * @param actorPseudonym keyed pseudonym of {@code actorId}, the only actor key silver and gold use
 * @param attributes the taxonomy's attributes, already pseudonymised or tokenised ({@link
 *     EventAttributes}): the only part of the payload that features read
 * @param minimised what data minimisation did to the envelope, by field name ({@code
 *     properties.secret_key -> dropped:not_allowed}): names and reasons only, never a value
 * @param mappingVersion version of the tenant's mapping rules that produced {@link #eventType()}
 */
public record BehaviouralEvent(
    String eventId,
    String tenantId,
    String actorId,
    String actorPseudonym,
    ActorType actorType,
    String teamId,
    String sourceSystem,
    String eventType,
    String signalType,
    String signalKind,
    Instant timestampUtc,
    Instant ingestedAt,
    String propertiesJson,
    Map<String, String> privacyTags,
    String schemaVersion,
    String traceId,
    String spanId,
    String correlationId,
    Map<String, String> resource,
    Map<String, String> attributes,
    Map<String, String> minimised,
    int mappingVersion)
    implements Serializable {

  /**
   * The partition date: the UTC date of {@link #timestampUtc()}, so late events land in their day.
   */
  public LocalDate dt() {
    return timestampUtc.atOffset(ZoneOffset.UTC).toLocalDate();
  }
}
