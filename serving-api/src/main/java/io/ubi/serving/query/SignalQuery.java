package io.ubi.serving.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.ubi.lakehouse.SignalRows;
import io.ubi.lakehouse.Tables;
import io.ubi.model.Json;
import io.ubi.model.UbiException;
import io.ubi.model.Wire;
import io.ubi.model.config.TenantConfig;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.privacy.Pseudonymizer;
import io.ubi.model.signal.BehaviouralSignal;
import io.ubi.model.signal.Severity;
import io.ubi.serving.ApiException;
import io.ubi.serving.auth.Principal;
import io.ubi.serving.read.LakeReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /v1/ubi/query/signals} (PRD 11.2): signals of one tenant (every tenant, with {@code
 * "tenant_id": "*"}, for privileged callers) active or changed in a time range, filtered by scope,
 * dimension, severity, actor, team and signal type. The scope decides the role needed. An unknown
 * field or filter is a 400, never ignored: ignoring it would widen the answer.
 */
public final class SignalQuery {
  private final LakeReader reader;
  private final Supplier<TenantConfigs> configs;
  private final Pseudonymizer pseudonymizer;
  private final Freshness freshness;

  public SignalQuery(
      LakeReader reader,
      Supplier<TenantConfigs> configs,
      Pseudonymizer pseudonymizer,
      Freshness freshness) {
    this.reader = reader;
    this.configs = configs;
    this.pseudonymizer = pseudonymizer;
    this.freshness = freshness;
  }

  public void handle(Context ctx, Principal principal) {
    JsonNode body;
    try {
      body = Json.parse(ctx.body());
    } catch (UbiException e) {
      throw new ApiException(400, "malformed_json", e.getMessage());
    }
    SignalRequest r = SignalRequest.parse(body, principal, pseudonymizer);
    String tenant = "*".equals(r.tenantId()) ? null : r.tenantId();
    List<BehaviouralSignal> found = new ArrayList<>();
    LocalDate lastDay = r.to().atOffset(ZoneOffset.UTC).toLocalDate();
    for (Map<String, Object> row : reader.read(Tables.BEHAVIOURAL_SIGNALS, tenant, null, lastDay)) {
      BehaviouralSignal s = SignalRows.fromRow(row::get);
      if (matches(r, s)) {
        found.add(s);
      }
    }
    found.sort(SignalPage.ORDER);
    List<BehaviouralSignal> rest =
        r.cursor() == null ? found : found.stream().filter(r.cursor()::precedes).toList();
    List<BehaviouralSignal> page = rest.subList(0, Math.min(r.pageSize(), rest.size()));
    // Across every tenant, the answer is stale if any tenant it holds signals of is.
    boolean stale =
        tenant != null
            ? freshness.isStale(configs.get().forTenant(tenant))
            : found.stream()
                .map(BehaviouralSignal::tenantId)
                .distinct()
                .anyMatch(t -> freshness.isStale(configs.get().forTenant(t)));
    ObjectNode out =
        Json.MAPPER
            .createObjectNode()
            .put("tenant_id", r.tenantId())
            .put("count", page.size())
            .put("total", found.size())
            .put("stale", stale);
    out.put(
        "next_cursor",
        rest.size() > page.size() ? SignalPage.next(r.digest(), page.get(page.size() - 1)) : null);
    out.set("signals", Json.MAPPER.valueToTree(page));
    ctx.json(out);
  }

  private boolean matches(SignalRequest r, BehaviouralSignal s) {
    TenantConfig config = configs.get().forTenant(s.tenantId());
    return s.actorScope().equals(Wire.lower(r.scope()))
        && (r.dimensions().isEmpty() || r.dimensions().contains(s.dimension()))
        && Severity.valueOf(s.severity()).atLeast(r.minSeverity())
        && (r.actorIds().isEmpty() || r.actorIds().contains(s.actorOrGroupId()))
        && (r.teamIds().isEmpty() || r.teamIds().contains(s.actorOrGroupId()))
        && (r.signalTypes().isEmpty() || r.signalTypes().contains(s.signalType()))
        && config.emits(s)
        && isActiveDuring(s, r.from(), r.to());
  }

  /** A signal is active from created_at until resolved_at (or now): does that overlap the range? */
  static boolean isActiveDuring(BehaviouralSignal s, Instant from, Instant to) {
    return !s.createdAt().isAfter(to) && (s.resolvedAt() == null || !s.resolvedAt().isBefore(from));
  }
}
