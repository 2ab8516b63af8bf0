package io.ubi.serving.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.ubi.lakehouse.SignalRows;
import io.ubi.lakehouse.Tables;
import io.ubi.model.Json;
import io.ubi.model.config.TenantConfig;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.feature.FeatureDefinition;
import io.ubi.model.privacy.Pseudonymizer;
import io.ubi.model.signal.BehaviouralSignal;
import io.ubi.serving.ApiException;
import io.ubi.serving.auth.Principal;
import io.ubi.serving.read.LakeReader;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/ubi/actors/{actor_id}/profile} (PRD 11.1): the actor's pseudonym and type, each
 * feature's recent values against its baseline, today's intraday values, and the signals active in
 * the window grouped by dimension. The actor id may be the id PM-3 sends or its pseudonym; the
 * answer only ever shows the pseudonym.
 */
public final class ProfileQuery {
  static final Pattern WINDOW = Pattern.compile("(\\d{1,2})d");

  private final LakeReader reader;
  private final Supplier<TenantConfigs> configs;
  private final Pseudonymizer pseudonymizer;
  private final Freshness freshness;
  private final Clock clock;

  public ProfileQuery(
      LakeReader reader,
      Supplier<TenantConfigs> configs,
      Pseudonymizer pseudonymizer,
      Freshness freshness,
      Clock clock) {
    this.reader = reader;
    this.configs = configs;
    this.pseudonymizer = pseudonymizer;
    this.freshness = freshness;
    this.clock = clock;
  }

  public void handle(Context ctx, Principal principal) {
    principal.require(Principal.READ_ACTOR);
    String tenant = principal.tenantFor(ctx.queryParam("tenant_id"));
    int days = windowDays(ctx.queryParam("window"));
    String actorParam = ctx.pathParam("actor_id");
    String actor =
        Pseudonymizer.isPseudonym(actorParam)
            ? actorParam
            : pseudonymizer.pseudonymise(tenant, actorParam);
    Instant now = clock.instant();
    LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
    LocalDate from = today.minusDays(days);

    List<Map<String, Object>> baselines =
        mine(reader.readSubject(Tables.FEATURE_BASELINES, tenant, from, today, actor));
    List<Map<String, Object>> intraday =
        mine(
            reader.readSubject(
                Tables.ACTOR_FEATURES_INTRADAY, tenant, today.minusDays(1), today, actor));
    TenantConfig config = configs.get().forTenant(tenant);
    List<BehaviouralSignal> signals =
        mine(reader.readSubject(Tables.BEHAVIOURAL_SIGNALS, tenant, null, today, actor)).stream()
            .map(r -> SignalRows.fromRow(r::get))
            .filter(config::emits)
            .filter(
                s ->
                    SignalQuery.isActiveDuring(
                        s, from.atStartOfDay().toInstant(ZoneOffset.UTC), now))
            .sorted(Comparator.comparing(BehaviouralSignal::updatedAt).reversed())
            .toList();
    if (baselines.isEmpty() && intraday.isEmpty() && signals.isEmpty()) {
      throw ApiException.notFound(
          "No behavioural data for actor '"
              + actorParam
              + "' in tenant '"
              + tenant
              + "' in the last "
              + days
              + " days.");
    }

    ObjectNode out = Json.MAPPER.createObjectNode().put("tenant_id", tenant);
    String actorType = firstNonNull(baselines, intraday, signals);
    out.putObject("actor")
        .put("actor_id", actor)
        .put("actor_type", actorType)
        .put("pseudonymised", true);
    out.putObject("window")
        .put("from", from.toString())
        .put("to", today.toString())
        .put("days", days);
    out.set(
        "scores",
        ProfileScores.json(
            mine(reader.readSubject(Tables.BEHAVIOURAL_SCORES, tenant, from, today, actor))));
    ArrayNode features = out.putArray("features");
    for (FeatureDefinition f : FeatureCatalog.all()) {
      ObjectNode node = feature(f, baselines, intraday);
      if (node != null) {
        features.add(node);
      }
    }
    ObjectNode byDimension = out.putObject("signals_by_dimension");
    for (BehaviouralSignal s : signals) {
      ArrayNode list =
          byDimension.has(s.dimension())
              ? (ArrayNode) byDimension.get(s.dimension())
              : byDimension.putArray(s.dimension());
      list.add(Json.MAPPER.valueToTree(s));
    }
    Instant asOf = freshness.dataAsOf(tenant);
    out.put("data_as_of", asOf == null ? null : asOf.toString());
    out.put("stale", freshness.isStale(config, asOf));
    out.put("generated_at", now.toString());
    ctx.json(out);
  }

  static ObjectNode feature(
      FeatureDefinition f,
      List<Map<String, Object>> baselines,
      List<Map<String, Object>> intraday) {
    TreeMap<LocalDate, Map<String, Object>> daily = new TreeMap<>();
    baselines.stream()
        .filter(r -> f.name().equals(r.get("feature_name")))
        .forEach(r -> daily.put((LocalDate) r.get("dt"), r));
    Map<String, Object> live =
        intraday.stream()
            .filter(r -> f.name().equals(r.get("feature_name")))
            .max(Comparator.comparing(r -> (LocalDate) r.get("dt")))
            .orElse(null);
    if (daily.isEmpty() && live == null) {
      return null;
    }
    ObjectNode node =
        Json.MAPPER
            .createObjectNode()
            .put("feature_name", f.name())
            .put("dimension", f.dimension().name().toLowerCase(Locale.ROOT))
            .put("description", f.description())
            .put("unit", f.unit());
    if (!daily.isEmpty()) {
      Map<String, Object> last = daily.lastEntry().getValue();
      node.putObject("latest")
          .put("dt", last.get("dt").toString())
          .put("value", (Double) last.get("observed_value"))
          .put("z_score", (Double) last.get("z_score"));
      node.putObject("baseline")
          .put("mean", (Double) last.get("mean"))
          .put("std_dev", (Double) last.get("std_dev"))
          .put("p50", (Double) last.get("p50"))
          .put("p90", (Double) last.get("p90"))
          .put("data_points", (Integer) last.get("data_points"))
          .put("confidence", (Double) last.get("confidence"))
          .put("low_confidence", (Boolean) last.get("low_confidence"));
      ArrayNode series = node.putArray("daily");
      daily
          .values()
          .forEach(
              r ->
                  series
                      .addObject()
                      .put("dt", r.get("dt").toString())
                      .put("value", (Double) r.get("observed_value")));
    }
    if (live != null) {
      node.putObject("intraday")
          .put("dt", live.get("dt").toString())
          .put("value", (Double) live.get("value"))
          .put("confidence", (Double) live.get("confidence"))
          .put("computed_at", live.get("computed_at").toString());
    }
    return node;
  }

  /** The actor's own rows: a group's id can never be a pseudonym, but say so anyway. */
  private static List<Map<String, Object>> mine(List<Map<String, Object>> rows) {
    return rows.stream()
        .filter(r -> r.get("actor_scope") == null || "actor".equals(r.get("actor_scope")))
        .toList();
  }

  private static String firstNonNull(
      List<Map<String, Object>> a, List<Map<String, Object>> b, List<BehaviouralSignal> s) {
    return a.stream()
        .map(r -> (String) r.get("actor_type"))
        .filter(Objects::nonNull)
        .findFirst()
        .or(
            () ->
                b.stream()
                    .map(r -> (String) r.get("actor_type"))
                    .filter(Objects::nonNull)
                    .findFirst())
        .orElseGet(() -> s.isEmpty() ? null : s.get(0).actorType());
  }

  static int windowDays(String window) {
    if (window == null || window.isBlank()) {
      return 7;
    }
    Matcher m = WINDOW.matcher(window);
    if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 90) {
      throw ApiException.badRequest(
          "window: must be between 1d and 90d, e.g. 7d; got '" + window + "'");
    }
    return Integer.parseInt(m.group(1));
  }
}
