package io.ubi.model.contract;

import java.io.Serializable;

/** What became of one envelope: an event for bronze, a drop the audit records, or a rejection. */
public sealed interface MappingOutcome extends Serializable {
  /** Valid, mapped and allowed by the tenant. */
  record Mapped(BehaviouralEvent event) implements MappingOutcome {}

  /** Valid but of an event type the tenant has not enabled: dropped, with an audit record. */
  record Dropped(
      String tenantId, String eventId, String eventType, int configVersion, String reason)
      implements MappingOutcome {}

  /** Malformed, invalid or unmappable: goes to the DLQ and the rejected-events table. */
  record Rejected(String tenantId, String eventId, String reason) implements MappingOutcome {}
}
