package io.ubi.serving.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.ubi.model.Json;
import io.ubi.model.UbiException;
import io.ubi.model.config.TenantConfig;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.contract.EnvelopeValidator;
import io.ubi.model.privacy.EnvelopeMinimiser;
import io.ubi.model.privacy.FieldClassifier;
import io.ubi.model.privacy.MinimisationAudit;
import io.ubi.model.privacy.Pseudonymizer;
import io.ubi.serving.ApiException;
import io.ubi.serving.auth.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code POST /v1/signals/ingest}: a batch of {@code SignalEnvelope}s, as a JSON array or as {@code
 * {"signals": [...]}}. Each envelope is validated on its own, must belong to the token's tenant
 * (for privileged roles too: their cross-tenant reach is for reads), and is published to Kafka if
 * valid, minimised first as the tenant's privacy settings say (the answer names each field dropped,
 * hashed or redacted, never its value); the answer says, per index, what became of it. A request
 * that is not a batch at all, or holds more than the limit, is refused whole with 400.
 */
public final class IngestHandler {
  private final EnvelopeValidator validator;
  private final EnvelopePublisher publisher;
  private final int maxBatch;
  private final Supplier<TenantConfigs> configs;
  private final Pseudonymizer pseudonymizer;
  private final FieldClassifier classifier;

  public IngestHandler(
      EnvelopeValidator validator,
      EnvelopePublisher publisher,
      int maxBatch,
      Supplier<TenantConfigs> configs,
      Pseudonymizer pseudonymizer,
      FieldClassifier classifier) {
    this.validator = validator;
    this.publisher = publisher;
    this.maxBatch = maxBatch;
    this.configs = configs;
    this.pseudonymizer = pseudonymizer;
    this.classifier = classifier;
  }

  public void handle(Context ctx, Principal principal) {
    principal.require(Principal.INGEST);
    JsonNode items = batch(ctx.body());
    ArrayNode results = Json.MAPPER.createArrayNode();
    List<EnvelopePublisher.Envelope> valid = new ArrayList<>();
    List<ObjectNode> validResults = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      ObjectNode result = results.addObject().put("index", i);
      if (item.isObject() && item.path("signal_id").isTextual()) {
        result.put("signal_id", item.get("signal_id").asText());
      }
      List<String> errors = new ArrayList<>(validator.validate(item));
      String tenant = item.path("tenant_id").asText(null);
      // Writes are bound to the token's tenant for every caller, privileged or not: a leaked
      // token can then never inject events into another tenant's lakehouse.
      if (errors.isEmpty() && !tenant.equals(principal.tenantId())) {
        errors.add(
            "tenant_id: '"
                + tenant
                + "' does not match the token's tenant '"
                + principal.tenantId()
                + "'; ingest with a token of that tenant");
      }
      if (errors.isEmpty()) {
        EnvelopeMinimiser.Minimised kept = minimise((ObjectNode) item, tenant);
        if (!kept.actions().isEmpty()) {
          kept.actions().forEach(result.putObject("minimised")::put);
        }
        valid.add(
            new EnvelopePublisher.Envelope(tenant, Json.write(MinimisationAudit.withAudit(kept))));
        validResults.add(result);
      } else {
        result.put("status", "rejected");
        errors.forEach(result.putArray("errors")::add);
      }
    }
    List<String> failures = valid.isEmpty() ? List.of() : publisher.publish(valid);
    int accepted = 0;
    for (int i = 0; i < validResults.size(); i++) {
      if (failures.get(i) == null) {
        validResults.get(i).put("status", "accepted");
        accepted++;
      } else {
        validResults.get(i).put("status", "failed");
        validResults.get(i).putArray("errors").add(failures.get(i) + "; retry later");
      }
    }
    if (!valid.isEmpty() && accepted == 0) {
      throw ApiException.unavailable(
          "No envelope could be handed to the event bus: "
              + failures.get(0)
              + ". Nothing was accepted; retry the whole batch.");
    }
    ObjectNode body =
        Json.MAPPER
            .createObjectNode()
            .put("accepted", accepted)
            .put("rejected", items.size() - accepted);
    body.set("results", results);
    ctx.status(200).json(body);
  }

  /**
   * The envelope as the tenant's privacy settings let it be stored: minimised before it reaches the
   * topic, with what was done recorded for the speed layer's audit.
   */
  private EnvelopeMinimiser.Minimised minimise(ObjectNode envelope, String tenant) {
    TenantConfig config = configs.get().forTenant(tenant);
    String signalType = envelope.get("signal_type").asText();
    String eventType = config.eventMapping().map(signalType).orElse(signalType);
    return EnvelopeMinimiser.apply(
        envelope, eventType, config.privacy(), tenant, pseudonymizer, classifier);
  }

  private JsonNode batch(String text) {
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest(
          "The body is empty: send a JSON array of SignalEnvelopes or" + " {\"signals\": [...]}.");
    }
    JsonNode root;
    try {
      root = Json.parse(text);
    } catch (UbiException e) {
      throw new ApiException(400, "malformed_json", e.getMessage());
    }
    JsonNode items = root.isObject() ? root.get("signals") : root;
    if (items == null || !items.isArray()) {
      throw ApiException.badRequest(
          "The body must be a JSON array of SignalEnvelopes or" + " {\"signals\": [...]}.");
    }
    if (items.isEmpty()) {
      throw ApiException.badRequest("The batch is empty.");
    }
    if (items.size() > maxBatch) {
      throw new ApiException(
          400,
          "batch_too_large",
          "A batch holds at most "
              + maxBatch
              + " envelopes; this one has "
              + items.size()
              + ". Split it into smaller batches.");
    }
    return items;
  }
}
