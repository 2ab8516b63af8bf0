package io.ubi.serving.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.ubi.lakehouse.SignalRows;
import io.ubi.lakehouse.Tables;
import io.ubi.model.Json;
import io.ubi.model.UbiException;
import io.ubi.model.Wire;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.feedback.SignalFeedback;
import io.ubi.model.feedback.Verdict;
import io.ubi.model.privacy.Pseudonymizer;
import io.ubi.model.signal.ActorScope;
import io.ubi.model.signal.BehaviouralSignal;
import io.ubi.serving.ApiException;
import io.ubi.serving.auth.Principal;
import io.ubi.serving.ingest.EnvelopePublisher;
import io.ubi.serving.read.LakeReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/ubi/signals/{signal_id}/feedback} (PRD FR-4 feedback loop): a caller's verdict on
 * a signal of their tenant, {@code {"verdict": "false_positive" | "useful" | "not_useful", "note":
 * "..."}}. Reading the signal's scope is the role needed to judge it. The verdict is published,
 * keyed by caller and signal, to the compacted feedback topic, and answered 202 once the broker has
 * it; the nightly job stores it and measures the false-positive rate. Posting again replaces the
 * caller's earlier verdict on the signal: one caller counts once.
 *
 * <p>The caller is stored as a keyed token of the token's subject, never the subject itself.
 */
public final class FeedbackHandler {
  static final List<String> FIELDS = List.of("tenant_id", "verdict", "note");
  private static final Pattern SIGNAL_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

  private final LakeReader reader;
  private final Supplier<TenantConfigs> configs;
  private final Pseudonymizer pseudonymizer;
  private final EnvelopePublisher publisher;
  private final Clock clock;

  public FeedbackHandler(
      LakeReader reader,
      Supplier<TenantConfigs> configs,
      Pseudonymizer pseudonymizer,
      EnvelopePublisher publisher,
      Clock clock) {
    this.reader = reader;
    this.configs = configs;
    this.pseudonymizer = pseudonymizer;
    this.publisher = publisher;
    this.clock = clock;
  }

  public void handle(Context ctx, Principal principal) {
    String signalId = ctx.pathParam("signal_id");
    if (!SIGNAL_ID.matcher(signalId).matches()) {
      throw ApiException.badRequest("signal_id: not a signal id: '" + shorten(signalId) + "'");
    }
    JsonNode body;
    try {
      body = Json.parse(ctx.body());
    } catch (UbiException e) {
      throw new ApiException(400, "malformed_json", e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    if (!body.isObject()) {
      throw ApiException.badRequest("The body must be a JSON object with verdict and note.");
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        problems.add(f + ": unknown field; known are " + FIELDS);
      }
    }
    Optional<Verdict> verdict = Wire.parse(Verdict.class, body.path("verdict").asText(null));
    if (!body.path("verdict").isTextual() || verdict.isEmpty()) {
      problems.add("verdict: must be one of " + Wire.names(Verdict.class));
    }
    JsonNode noteNode = body.path("note");
    String note = null;
    if (!noteNode.isMissingNode() && !noteNode.isNull()) {
      if (!noteNode.isTextual()) {
        problems.add("note: must be a string");
      } else if (noteNode.asText().length() > SignalFeedback.MAX_NOTE) {
        problems.add("note: at most " + SignalFeedback.MAX_NOTE + " characters");
      } else {
        note = noteNode.asText().isBlank() ? null : noteNode.asText();
      }
    }
    JsonNode tenantNode = body.path("tenant_id");
    if (!tenantNode.isMissingNode() && !tenantNode.isTextual()) {
      problems.add("tenant_id: must be a string");
    }
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("Invalid feedback: " + String.join("; ", problems));
    }
    String tenant = principal.tenantFor(tenantNode.asText(null));
    BehaviouralSignal signal =
        find(tenant, signalId)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "Tenant "
                            + tenant
                            + " has no signal "
                            + signalId
                            + " to give feedback on."));
    principal.require(
        Principal.readRoleFor(Wire.parse(ActorScope.class, signal.actorScope()).orElseThrow()));
    String caller = pseudonymizer.token(tenant, "caller", principal.subject());
    SignalFeedback feedback =
        SignalFeedback.of(signal, verdict.orElseThrow(), note, caller, clock.instant());
    String failure =
        publisher
            .publish(
                List.of(
                    new EnvelopePublisher.Envelope(feedback.feedbackId(), Json.write(feedback))))
            .get(0);
    if (failure != null) {
      throw ApiException.unavailable("The verdict was not stored: " + failure + ". Send it again.");
    }
    ObjectNode out =
        Json.MAPPER
            .createObjectNode()
            .put("feedback_id", feedback.feedbackId())
            .put("signal_id", signalId)
            .put("tenant_id", tenant)
            .put("verdict", feedback.verdict())
            .put("received_at", feedback.receivedAt().toString())
            .put("status", "accepted");
    ctx.status(202).json(out);
  }

  /** The tenant's signal with this id, if the tenant still lets it through. */
  private Optional<BehaviouralSignal> find(String tenant, String signalId) {
    for (Map<String, Object> row : reader.read(Tables.BEHAVIOURAL_SIGNALS, tenant, null, null)) {
      if (signalId.equals(row.get("signal_id"))) {
        BehaviouralSignal s = SignalRows.fromRow(row::get);
        return configs.get().forTenant(tenant).emits(s) ? Optional.of(s) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
