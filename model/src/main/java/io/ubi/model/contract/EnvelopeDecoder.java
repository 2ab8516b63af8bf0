package io.ubi.model.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;
import io.ubi.model.UbiException;
import io.ubi.model.config.TenantConfig;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.privacy.EnvelopeMinimiser;
import io.ubi.model.privacy.MinimisationAudit;
import io.ubi.model.privacy.PrivacyPolicy;
import io.ubi.model.privacy.Pseudonymizer;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Turns the text of one {@code SignalEnvelope} into a {@link MappingOutcome} (PRD FR-1, 10.1):
 * parse, validate, map {@code signal_type} by the tenant's versioned rules, extract actor type and
 * privacy tags, and apply the tenant's event-type allow list. Never throws for bad input: every
 * failure is a {@link MappingOutcome.Rejected} with its reason.
 */
public final class EnvelopeDecoder implements Serializable {
  /** The settings in force where this decoder was made; not shipped with it. */
  private final transient Supplier<TenantConfigs> live;

  /** The settings this copy decodes with: those in force when it was shipped. */
  private TenantConfigs configs;

  private final Pseudonymizer pseudonymizer;
  private final EnvelopeValidator validator;

  public EnvelopeDecoder(TenantConfigs configs, Pseudonymizer pseudonymizer) {
    this(configs, pseudonymizer, new EnvelopeValidator());
  }

  public EnvelopeDecoder(
      TenantConfigs configs, Pseudonymizer pseudonymizer, EnvelopeValidator validator) {
    this.live = null;
    this.configs = configs;
    this.pseudonymizer = pseudonymizer;
    this.validator = validator;
  }

  /**
   * A decoder that follows settings changed while it runs: it decodes with {@code live.get()}, and
   * a copy serialized to a Spark task carries the settings in force at that moment (each
   * micro-batch ships its tasks anew, so each decodes with the settings of its start).
   */
  public EnvelopeDecoder(Supplier<TenantConfigs> live, Pseudonymizer pseudonymizer) {
    this.live = live;
    this.configs = live.get();
    this.pseudonymizer = pseudonymizer;
    this.validator = new EnvelopeValidator();
  }

  private TenantConfigs configs() {
    return live != null ? live.get() : configs;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    if (live != null) {
      configs = live.get();
    }
    out.defaultWriteObject();
  }

  /**
   * A rejected record as it may be kept (DLQ, {@code bronze.rejected_events}): masked by its
   * tenant's privacy settings, or the defaults when its tenant is unknown ({@link
   * EnvelopeMinimiser#maskRejected}).
   */
  public String maskRejected(String text, String tenantId) {
    PrivacyPolicy policy =
        tenantId == null ? PrivacyPolicy.DEFAULT : configs().forTenant(tenantId).privacy();
    return EnvelopeMinimiser.maskRejected(text, policy, tenantId, pseudonymizer);
  }

  public MappingOutcome decode(String text) {
    if (text == null) {
      return new MappingOutcome.Rejected(null, null, "envelope: the record has no value");
    }
    JsonNode envelope;
    try {
      envelope = Json.parse(text);
    } catch (UbiException e) {
      return new MappingOutcome.Rejected(null, null, e.getMessage());
    }
    return decode(envelope);
  }

  public MappingOutcome decode(JsonNode envelope) {
    List<String> errors = validator.validate(envelope);
    String tenant = envelope != null ? textOrNull(envelope.get("tenant_id")) : null;
    String eventId = envelope != null ? textOrNull(envelope.get("signal_id")) : null;
    if (!errors.isEmpty()) {
      return new MappingOutcome.Rejected(tenant, eventId, String.join("; ", errors));
    }
    TenantConfig config = configs().forTenant(tenant);
    String signalType = envelope.get("signal_type").asText();
    Optional<String> eventType = config.eventMapping().map(signalType);
    if (eventType.isEmpty()) {
      return new MappingOutcome.Rejected(
          tenant,
          eventId,
          "signal_type: '"
              + signalType
              + "' has no mapping to a canonical event type in tenant mapping rules v"
              + config.eventMapping().version()
              + "; add an alias or send a canonical type");
    }
    if (!config.allows(eventType.get())) {
      return new MappingOutcome.Dropped(
          tenant,
          eventId,
          eventType.get(),
          config.version(),
          "event type '"
              + eventType.get()
              + "' is not enabled for tenant '"
              + tenant
              + "' (config v"
              + config.version()
              + ")");
    }
    if (textOrNull(envelope.get("actor_id")) == null) {
      return new MappingOutcome.Dropped(
          tenant,
          eventId,
          eventType.get(),
          config.version(),
          "no actor_id: UBI's features and signals are per actor, so an event without one is not"
              + " kept");
    }
    // Minimised before anything is read of it, so that nothing the tenant does not allow is kept.
    EnvelopeMinimiser.Minimised minimised =
        EnvelopeMinimiser.apply(
            (ObjectNode) envelope, eventType.get(), config.privacy(), tenant, pseudonymizer);
    Map<String, String> actions = new TreeMap<>(MinimisationAudit.earlierActions(envelope));
    actions.putAll(minimised.actions());
    // The tags describe the event as received (booleans only): what it held, even if not kept.
    Map<String, String> tags =
        PrivacyClassifier.tags(
            envelope.path("resource").isObject() ? envelope.get("resource") : null,
            envelope.path("payload").isObject() ? envelope.get("payload") : null);
    envelope = minimised.envelope();
    JsonNode resource = envelope.path("resource");
    JsonNode payload = envelope.path("payload");
    Optional<ActorType> actorType = actorType(envelope, resource, payload);
    if (actorType.isEmpty()) {
      return new MappingOutcome.Rejected(
          tenant,
          eventId,
          "actor_type: must be one of human,"
              + " ai_agent, service, got '"
              + EnvelopeValidator.shown(declaredActorType(resource, payload))
              + "'");
    }
    String actorId = envelope.get("actor_id").asText();
    String teamId = firstText(resource, payload, "team_id");
    return new MappingOutcome.Mapped(
        new BehaviouralEvent(
            eventId,
            tenant,
            actorId,
            pseudonymizer.pseudonymise(tenant, actorId),
            actorType.get(),
            teamId,
            sourceSystem(envelope, resource, eventType.get()),
            eventType.get(),
            signalType,
            envelope.get("signal_kind").asText(),
            EnvelopeValidator.parseTimestamp(envelope.get("occurred_at").asText()),
            EnvelopeValidator.parseTimestamp(envelope.get("ingested_at").asText()),
            properties(payload),
            tags,
            envelope.get("schema_version").asText(),
            textOrNull(envelope.get("trace_id")),
            textOrNull(envelope.get("span_id")),
            textOrNull(envelope.get("correlation_id")),
            flatResource(resource),
            EventAttributes.extract(tenant, teamId, resource, payload, pseudonymizer),
            actions,
            config.eventMapping().version()));
  }

  private static Optional<ActorType> actorType(
      JsonNode envelope, JsonNode resource, JsonNode payload) {
    String declared = declaredActorType(resource, payload);
    if (declared != null) {
      return ActorType.fromWire(declared.toLowerCase(Locale.ROOT));
    }
    String actorId = envelope.get("actor_id").asText().toLowerCase(Locale.ROOT);
    if (payload.has("agent_id") || payload.has("agent_name") || actorId.startsWith("agent:")) {
      return Optional.of(ActorType.AI_AGENT);
    }
    if (actorId.startsWith("svc:") || actorId.startsWith("service:")) {
      return Optional.of(ActorType.SERVICE);
    }
    return Optional.of(ActorType.HUMAN);
  }

  private static String declaredActorType(JsonNode resource, JsonNode payload) {
    return firstText(resource, payload, "actor_type");
  }

  private static String sourceSystem(JsonNode envelope, JsonNode resource, String eventType) {
    for (JsonNode candidate :
        new JsonNode[] {
          envelope.get("producer_id"), resource.get("producer_id"), resource.get("service_name")
        }) {
      String s = textOrNull(candidate);
      if (s != null && !s.isBlank()) {
        return s.toLowerCase(Locale.ROOT);
      }
    }
    return EventTypes.sourceOf(eventType);
  }

  private static String properties(JsonNode payload) {
    if (!payload.isObject()) {
      return "{}";
    }
    ObjectNode copy = ((ObjectNode) payload).deepCopy();
    copy.remove("privacy_tags");
    return Json.write(copy);
  }

  private static Map<String, String> flatResource(JsonNode resource) {
    Map<String, String> flat = new LinkedHashMap<>();
    if (resource.isObject()) {
      resource
          .fields()
          .forEachRemaining(
              e -> {
                if (!e.getKey().equals("privacy_tags") && !e.getValue().isNull()) {
                  flat.put(e.getKey(), e.getValue().asText());
                }
              });
    }
    return flat;
  }

  private static String firstText(JsonNode resource, JsonNode payload, String field) {
    String r = textOrNull(resource.get(field));
    return r != null ? r : textOrNull(payload.get(field));
  }

  private static String textOrNull(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
  }
}
