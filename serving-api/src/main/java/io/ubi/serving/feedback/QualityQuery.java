package io.ubi.serving.feedback;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.ubi.lakehouse.GoldTables;
import io.ubi.lakehouse.TableDef;
import io.ubi.model.Json;
import io.ubi.model.feedback.FeedbackQuality;
import io.ubi.serving.auth.Principal;
import io.ubi.serving.read.LakeReader;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v1/ubi/signals/quality?tenant_id=} (PRD FR-4): the tenant's measured false-positive
 * rate by rule, by dimension and overall, and the threshold proposals, as the latest nightly run
 * computed them from the verdicts received. Tenant-level data: needs {@code ubi:read:tenant}.
 */
public final class QualityQuery {
  private final LakeReader reader;

  public QualityQuery(LakeReader reader) {
    this.reader = reader;
  }

  public void handle(Context ctx, Principal principal) {
    principal.require(Principal.READ_TENANT);
    String tenant = principal.tenantFor(ctx.queryParam("tenant_id"));
    Optional<LocalDate> asOf = latest(GoldTables.SIGNAL_QUALITY, tenant);
    ObjectNode out =
        Json.MAPPER
            .createObjectNode()
            .put("tenant_id", tenant)
            .put("target_false_positive_rate", FeedbackQuality.TARGET_FALSE_POSITIVE_RATE);
    out.put("as_of", asOf.map(LocalDate::toString).orElse(null));
    ArrayNode rules = out.putArray("rules");
    ArrayNode dimensions = out.putArray("dimensions");
    out.putNull("tenant");
    List<Map<String, Object>> rates =
        asOf.isEmpty()
            ? List.of()
            : reader.read(GoldTables.SIGNAL_QUALITY, tenant, asOf.get(), asOf.get());
    rates.stream()
        .sorted(Comparator.comparing(r -> (String) r.get("name")))
        .forEach(
            r -> {
              ObjectNode n = rate(r);
              switch ((String) r.get("kind")) {
                case "rule" -> rules.add(n.put("rule", (String) r.get("name")));
                case "dimension" -> dimensions.add(n);
                default -> out.set("tenant", n);
              }
            });
    ArrayNode proposals = out.putArray("threshold_proposals");
    latest(GoldTables.THRESHOLD_PROPOSALS, tenant)
        .ifPresent(
            day ->
                reader.read(GoldTables.THRESHOLD_PROPOSALS, tenant, day, day).stream()
                    .sorted(Comparator.comparing(r -> (String) r.get("dimension")))
                    .forEach(r -> proposals.add(proposal(r))));
    ctx.json(out);
  }

  private Optional<LocalDate> latest(TableDef table, String tenant) {
    return reader.latestDay(table, tenant, LocalDate.of(2000, 1, 1), LocalDate.of(9999, 12, 31));
  }

  private static ObjectNode rate(Map<String, Object> r) {
    return Json.MAPPER
        .createObjectNode()
        .put("dimension", (String) r.get("dimension"))
        .put("rated", (Long) r.get("rated"))
        .put("false_positives", (Long) r.get("false_positives"))
        .put("useful", (Long) r.get("useful"))
        .put("not_useful", (Long) r.get("not_useful"))
        .put("false_positive_rate", (Double) r.get("false_positive_rate"));
  }

  private static ObjectNode proposal(Map<String, Object> r) {
    ObjectNode n =
        Json.MAPPER
            .createObjectNode()
            .put("dimension", (String) r.get("dimension"))
            .put("status", (String) r.get("status"))
            .put("rated", (Long) r.get("rated"))
            .put("measured_rate", (Double) r.get("measured_rate"))
            .put("expected_rate", (Double) r.get("expected_rate"));
    n.putObject("current")
        .put("warn", (Double) r.get("current_warn"))
        .put("critical", (Double) r.get("current_critical"));
    if (r.get("proposed_warn") != null) {
      n.putObject("proposed")
          .put("warn", (Double) r.get("proposed_warn"))
          .put("critical", (Double) r.get("proposed_critical"));
    } else {
      n.putNull("proposed");
    }
    Object applied = r.get("applied_version");
    if (applied != null) {
      n.put("applied_version", (Integer) applied);
    } else {
      n.putNull("applied_version");
    }
    return n;
  }
}
