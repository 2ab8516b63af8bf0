package io.ubi.serving.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.model.Wire;
import io.ubi.model.contract.EnvelopeValidator;
import io.ubi.model.feature.Dimension;
import io.ubi.model.privacy.Pseudonymizer;
import io.ubi.model.signal.ActorScope;
import io.ubi.model.signal.Severity;
import io.ubi.model.signal.SignalType;
import io.ubi.serving.ApiException;
import io.ubi.serving.auth.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A signal query's body (PRD 11.2), parsed and checked with every problem named at once, then
 * resolved against the caller's token: its tenant, the role its scope needs, actor ids as
 * pseudonyms, and where its page starts ({@link SignalPage}).
 */
record SignalRequest(
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
    String digest) {
  static final Duration MAX_RANGE = Duration.ofDays(366);
  static final List<String> FIELDS =
      List.of("tenant_id", "scope", "dimensions", "time_range", "filters", "page_size", "cursor");
  static final List<String> FILTERS =
      List.of("min_severity", "actor_ids", "team_ids", "signal_types");

  static SignalRequest parse(JsonNode body, Principal principal, Pseudonymizer pseudonymizer) {
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
    return new SignalRequest(
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
