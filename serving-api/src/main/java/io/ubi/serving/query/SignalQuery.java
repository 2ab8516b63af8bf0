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
import io.ubi.model.contract.EnvelopeValidator;
import io.ubi.model.feature.Dimension;
import io.ubi.model.privacy.Pseudonymizer;
import io.ubi.model.signal.ActorScope;
import io.ubi.model.signal.BehaviouralSignal;
import io.ubi.model.signal.Severity;
import io.ubi.model.signal.SignalType;
import io.ubi.serving.ApiException;
import io.ubi.serving.auth.Principal;
import io.ubi.serving.read.LakeReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code POST /v1/ubi/query/signals} (PRD 11.2): signals of one tenant (every tenant, with {@code
 * "tenant_id": "*"}, for privileged callers) active or changed in a time range, filtered by scope,
 * dimension, severity, actor, team and signal type. The scope decides the role needed. An unknown
 * field or filter is a 400, never ignored: ignoring it would widen the answer.
 */
public final class SignalQuery {
  static final Duration MAX_RANGE = Duration.ofDays(366);
  static final List<String> FIELDS =
      List.of("tenant_id", "scope", "dimensions", "time_range", "filters", "page_size", "cursor");
  static final List<String> FILTERS =
      List.of("min_severity", "actor_ids", "team_ids", "signal_types");

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

  /** A parsed, valid request. */
  record Request(
      String tenantId,
      ActorScope scope,
      Set<String> dimensions,
      Instant from,
      Instant to,
      Severity minSeverity,
      Set<String> actorIds,
      Set<String> teamIds,
      Set<String> signalTypes,
      int pageSize,
      SignalPage.Cursor cursor,
      String digest) {}

  public void handle(Context ctx, Principal principal) {
    JsonNode body;
    try {
      body = Json.parse(ctx.body());
    } catch (UbiException e) {
      throw new ApiException(400, "malformed_json", e.getMessage());
    }
    Request r = parse(body, principal);
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

  private boolean matches(Request r, BehaviouralSignal s) {
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

  Request parse(JsonNode body, Principal principal) {
    List<String> problems = new ArrayList<>();
    if (!body.isObject()) {
      throw ApiException.badRequest("The body must be a JSON object.");
    }
    // A misspelt field or filter would otherwise widen the answer without a word.
    unknownFields(body, "", FIELDS, problems);
    String tenant = text(body, "", "tenant_id", problems, true);
    ActorScope scope = ActorScope.ACTOR;
    String scopeText = text(body, "", "scope", problems, false);
    if (scopeText != null) {
      scope =
          Wire.parse(ActorScope.class, scopeText).filter(s -> s != ActorScope.COHORT).orElse(null);
      if (scope == null) {
        problems.add("scope: must be one of actor, team, tenant, got '" + scopeText + "'");
      }
    }
    Set<String> dimensions = strings(body, "", "dimensions", problems);
    dimensions.stream()
        .filter(d -> Wire.parse(Dimension.class, d).isEmpty())
        .forEach(
            d ->
                problems.add(
                    "dimensions: '" + d + "' is not one of " + Wire.names(Dimension.class)));
    JsonNode range = body.path("time_range");
    Instant from = null;
    Instant to = null;
    if (!range.isObject()) {
      problems.add("time_range: is required, as {\"from\": ISO 8601, \"to\": ISO 8601}");
    } else {
      from = instant(range, "from", problems);
      to = instant(range, "to", problems);
      if (from != null && to != null && from.isAfter(to)) {
        problems.add("time_range: from (" + from + ") is after to (" + to + ")");
      } else if (from != null
          && to != null
          && Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
        problems.add("time_range: spans more than " + MAX_RANGE.toDays() + " days");
      }
    }
    JsonNode filters = body.path("filters");
    if (!filters.isMissingNode() && !filters.isNull() && !filters.isObject()) {
      problems.add("filters: must be an object with any of " + FILTERS);
    }
    unknownFields(filters, "filters.", FILTERS, problems);
    Severity minSeverity = Severity.INFO;
    String sev = text(filters, "filters.", "min_severity", problems, false);
    if (sev != null) {
      minSeverity = Wire.parse(Severity.class, sev).orElse(null);
      if (minSeverity == null) {
        problems.add(
            "filters.min_severity: must be one of INFO, WARN, CRITICAL, got '" + sev + "'");
      }
    }
    Set<String> signalTypes = strings(filters, "filters.", "signal_types", problems);
    signalTypes.stream()
        .filter(t -> Wire.parse(SignalType.class, t).isEmpty())
        .forEach(
            t ->
                problems.add(
                    "filters.signal_types: '"
                        + t
                        + "' is not one of "
                        + Wire.names(SignalType.class)));
    Set<String> actorIds = strings(filters, "filters.", "actor_ids", problems);
    Set<String> teamIds = strings(filters, "filters.", "team_ids", problems);
    if (!teamIds.isEmpty() && scope != ActorScope.TEAM) {
      problems.add("filters.team_ids: selects team signals, so needs \"scope\": \"team\"");
    }
    if ("*".equals(tenant)) {
      actorIds.stream()
          .filter(id -> !Pseudonymizer.isPseudonym(id))
          .findFirst()
          .ifPresent(
              id ->
                  problems.add(
                      "filters.actor_ids: across every tenant only pseudonyms (ps_...) can be"
                          + " matched, got '"
                          + id
                          + "'"));
    }
    int pageSize = SignalPage.size(body, problems);
    SignalPage.Cursor cursor = SignalPage.cursor(body, problems);
    String digest = SignalPage.digest(body, principal.tenantId() + "/" + principal.subject());
    if (cursor != null && !cursor.query().equals(digest)) {
      problems.add("cursor: belongs to another query; page with the query that gave it");
    }
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("Invalid query: " + String.join("; ", problems));
    }
    principal.require(Principal.readRoleFor(scope));
    String resolvedTenant = "*".equals(tenant) ? checkAll(principal) : principal.tenantFor(tenant);
    Set<String> pseudonyms = new HashSet<>();
    for (String id : actorIds) {
      pseudonyms.add(
          Pseudonymizer.isPseudonym(id) || resolvedTenant.equals("*")
              ? id
              : pseudonymizer.pseudonymise(resolvedTenant, id));
    }
    // Accepted in any case above; stored in their lower-case wire form.
    return new Request(
        resolvedTenant,
        scope,
        lower(dimensions),
        from,
        to,
        minSeverity,
        pseudonyms,
        teamIds,
        lower(signalTypes),
        pageSize,
        cursor,
        digest);
  }

  private static String checkAll(Principal principal) {
    if (!principal.isPrivileged()) {
      throw ApiException.forbidden("Only admin or product_ops tokens may query every tenant.");
    }
    return "*";
  }

  private static Set<String> lower(Set<String> values) {
    Set<String> out = new HashSet<>();
    values.forEach(v -> out.add(v.toLowerCase(Locale.ROOT)));
    return out;
  }

  /** {@code prefix} is the path of {@code node} in the body, for messages, e.g. "filters.". */
  private static String text(
      JsonNode node, String prefix, String field, List<String> problems, boolean required) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        problems.add(prefix + field + ": is required");
      }
      return null;
    }
    if (!v.isTextual()) {
      problems.add(prefix + field + ": must be a string");
      return null;
    }
    return v.asText();
  }

  private static Set<String> strings(
      JsonNode node, String prefix, String field, List<String> problems) {
    Set<String> out = new HashSet<>();
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      problems.add(prefix + field + ": must be an array of strings");
      return out;
    }
    for (JsonNode x : v) {
      if (!x.isTextual() || x.asText().isBlank()) {
        problems.add(prefix + field + ": must hold non-blank strings, got " + x);
      } else {
        out.add(x.asText());
      }
    }
    return out;
  }

  private static void unknownFields(
      JsonNode node, String prefix, List<String> known, List<String> problems) {
    if (node.isObject()) {
      node.fieldNames()
          .forEachRemaining(
              f -> {
                if (!known.contains(f)) {
                  problems.add(prefix + f + ": unknown; known: " + String.join(", ", known));
                }
              });
    }
  }

  private static Instant instant(JsonNode range, String field, List<String> problems) {
    String text = text(range, "time_range.", field, problems, true);
    if (text == null) {
      return null;
    }
    Instant i = EnvelopeValidator.parseTimestamp(text);
    if (i == null) {
      problems.add(
          "time_range."
              + field
              + ": must be an ISO 8601 timestamp with offset, got '"
              + text
              + "'");
    }
    return i;
  }
}
