package io.ubi.serving.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.ubi.lakehouse.SignalRows;
import io.ubi.lakehouse.Tables;
import io.ubi.model.Json;
import io.ubi.model.Wire;
import io.ubi.model.config.TenantConfig;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.feature.FeatureDefinition;
import io.ubi.model.signal.ActorScope;
import io.ubi.model.signal.BehaviouralSignal;
import io.ubi.serving.ApiException;
import io.ubi.serving.auth.Principal;
import io.ubi.serving.read.LakeReader;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Team and tenant summaries (PRD FR-11): a group's dimension scores, its features against their
 * baselines and its active signals over a window.
 *
 * <ul>
 *   <li>{@code GET /v1/ubi/teams/{team_id}/summary?window=14d} ({@code ubi:read:team})
 *   <li>{@code GET /v1/ubi/tenant/summary?window=14d} ({@code ubi:read:tenant}; a privileged caller
 *       names the tenant with {@code ?tenant_id=})
 * </ul>
 *
 * <p>A group's results exist only where the nightly job published them: with at least the tenant's
 * minimum group size of people behind them, and no difference with another group that singles
 * people out. A team the lakehouse knows of (its memberships) without a published result is
 * answered {@code "masked": true} with the reason and no number at all; a team it does not know is
 * a 404.
 */
public final class GroupSummaryQuery {
  private static final Pattern GROUP_ID = Pattern.compile("[A-Za-z0-9_.:@-]{1,100}");

  private final LakeReader reader;
  private final Supplier<TenantConfigs> configs;
  private final Freshness freshness;
  private final Clock clock;

  public GroupSummaryQuery(
      LakeReader reader, Supplier<TenantConfigs> configs, Freshness freshness, Clock clock) {
    this.reader = reader;
    this.configs = configs;
    this.freshness = freshness;
    this.clock = clock;
  }

  public void team(Context ctx, Principal principal) {
    principal.require(Principal.READ_TEAM);
    String team = ctx.pathParam("team_id");
    if (!GROUP_ID.matcher(team).matches()) {
      throw ApiException.badRequest("team_id: not a team id: '" + team + "'");
    }
    answer(ctx, principal.tenantFor(ctx.queryParam("tenant_id")), ActorScope.TEAM, team);
  }

  public void tenant(Context ctx, Principal principal) {
    principal.require(Principal.READ_TENANT);
    String tenant = principal.tenantFor(ctx.queryParam("tenant_id"));
    answer(ctx, tenant, ActorScope.TENANT, tenant);
  }

  private void answer(Context ctx, String tenant, ActorScope scope, String group) {
    int days = ProfileQuery.windowDays(ctx.queryParam("window"));
    Instant now = clock.instant();
    LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
    LocalDate from = today.minusDays(days);
    String scopeName = Wire.lower(scope);
    TenantConfig config = configs.get().forTenant(tenant);

    List<Map<String, Object>> baselines =
        group(reader.readSubject(Tables.FEATURE_BASELINES, tenant, from, today, group), scopeName);
    ObjectNode out =
        Json.MAPPER
            .createObjectNode()
            .put("tenant_id", tenant)
            .put("scope", scopeName)
            .put("group_id", group);
    out.putObject("window")
        .put("from", from.toString())
        .put("to", today.toString())
        .put("days", days);
    if (baselines.isEmpty()) {
      boolean known =
          reader.read(Tables.GROUP_MEMBERSHIPS_DAILY, tenant, from, today).stream()
              .anyMatch(
                  r -> scopeName.equals(r.get("actor_scope")) && group.equals(r.get("group_id")));
      if (!known) {
        throw ApiException.notFound(
            "No "
                + scopeName
                + " '"
                + group
                + "' in tenant '"
                + tenant
                + "' in the last "
                + days
                + " days.");
      }
      out.put("masked", true);
      out.put(
          "reason",
          "fewer than "
              + config.minTeamSize()
              + " people (the tenant's minimum group size) stand behind this "
              + scopeName
              + "'s results in the window, or they would single people out by difference with"
              + " another group: UBI publishes nothing about it");
      ctx.json(out);
      return;
    }
    out.put("masked", false);
    out.set(
        "scores",
        ProfileScores.json(
            group(
                reader.readSubject(Tables.BEHAVIOURAL_SCORES, tenant, from, today, group),
                scopeName)));
    ArrayNode features = out.putArray("features");
    for (FeatureDefinition f : FeatureCatalog.all()) {
      ObjectNode node = ProfileQuery.feature(f, baselines, List.of());
      if (node != null) {
        features.add(node);
      }
    }
    Instant start = from.atStartOfDay().toInstant(ZoneOffset.UTC);
    List<BehaviouralSignal> signals =
        group(reader.readSubject(Tables.BEHAVIOURAL_SIGNALS, tenant, null, today, group), scopeName)
            .stream()
            .map(r -> SignalRows.fromRow(r::get))
            .filter(config::emits)
            .filter(s -> SignalQuery.isActiveDuring(s, start, now))
            .sorted(SignalPage.ORDER)
            .toList();
    out.set("signals", Json.MAPPER.valueToTree(signals));
    Instant asOf = freshness.dataAsOf(tenant);
    out.put("data_as_of", asOf == null ? null : asOf.toString());
    out.put("stale", freshness.isStale(config, asOf));
    out.put("generated_at", now.toString());
    ctx.json(out);
  }

  /** The group's rows of its scope (a team and a cohort may share a name). */
  private static List<Map<String, Object>> group(List<Map<String, Object>> rows, String scope) {
    return rows.stream().filter(r -> scope.equals(r.get("actor_scope"))).toList();
  }
}
