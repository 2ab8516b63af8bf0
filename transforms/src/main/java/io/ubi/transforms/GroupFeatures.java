package io.ubi.transforms;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.max;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.lakehouse.Tables;
import io.ubi.model.Json;
import io.ubi.model.Wire;
import io.ubi.model.config.Directory;
import io.ubi.model.config.TenantConfig;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.feature.FeatureDefinition;
import io.ubi.model.feature.GroupRule;
import io.ubi.model.privacy.GroupDisclosure;
import io.ubi.model.signal.ActorScope;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Team, cohort and tenant features from their members' features of the same day or window (PRD
 * FR-3, FR-8): each group's value is its feature's {@link io.ubi.model.feature.GroupRule} over the
 * members whose value has the feature's minimum support; a window's members are those of any of its
 * days. A group is published only where {@link GroupDisclosure} allows: at least the tenant's
 * {@code min_team_size} (never below 5) people behind it, agents and services not counting, and no
 * difference with the other groups of the same day and feature that singles out fewer people than
 * that. A withheld group has no row, so nothing downstream (baselines, signals, the API, the signal
 * topic) can describe it; its members still count in the larger groups.
 */
public final class GroupFeatures {
  /** Who belongs where on a day: rows of {@code silver.group_memberships_daily}. */
  private static final StructType MEMBERS = SparkSchemas.of(Tables.GROUP_MEMBERSHIPS_DAILY);

  private GroupFeatures() {}

  /**
   * Memberships from bronze: each actor-day in its team (the tenant directory's, else the one its
   * events carry; services such as CI serve a team rather than belong to it), in the cohort of its
   * actor type and the directory's cohorts, and in its tenant. The raw actor id is read here, to
   * look the directory up, and goes no further.
   */
  public static Dataset<Row> members(Dataset<Row> bronze, TenantConfigs configs) {
    return bronze
        .groupBy("tenant_id", "dt", "actor_pseudonym")
        .agg(
            max("actor_id").as("actor_id"),
            max("actor_type").as("actor_type"),
            max("team_id").as("team_id"))
        .flatMap(
            (FlatMapFunction<Row, Row>)
                r -> {
                  Directory directory = configs.forTenant(r.getString(0)).directory();
                  String actorId = r.getString(3);
                  List<Row> out = new ArrayList<>();
                  String team = directory.teamOf(actorId).orElse(r.getString(5));
                  // People and their agents make a team; CI and release services only serve it.
                  boolean service = "service".equals(r.getString(4));
                  if (team != null && !team.isBlank() && !service) {
                    out.add(member(r, ActorScope.TEAM, team));
                  }
                  out.add(member(r, ActorScope.COHORT, "actor_type:" + r.getString(4)));
                  for (String cohort : directory.cohortsOf(actorId)) {
                    out.add(member(r, ActorScope.COHORT, cohort));
                  }
                  out.add(member(r, ActorScope.TENANT, r.getString(0)));
                  return out.iterator();
                },
            Encoders.row(MEMBERS));
  }

  private static Row member(Row actorDay, ActorScope scope, String group) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tenant_id", actorDay.getString(0));
    m.put("actor_pseudonym", actorDay.getString(2));
    m.put("actor_scope", Wire.lower(scope));
    m.put("group_id", group);
    m.put("dt", actorDay.get(1));
    return SparkSchemas.row(Tables.GROUP_MEMBERSHIPS_DAILY, m);
  }

  /**
   * The members of the {@code days}-day windows ending on each day of {@code [from, to]}: whoever
   * belonged to a group on any day of the window, once, with {@code dt} the window's last day.
   *
   * @param daily rows of {@code silver.group_memberships_daily} from {@code from - days + 1}
   */
  public static Dataset<Row> windowMembers(
      Dataset<Row> daily, int days, LocalDate from, LocalDate to) {
    return Windows.spread(
            daily.select(SparkColumns.of(Tables.GROUP_MEMBERSHIPS_DAILY)), MEMBERS, days, from, to)
        .distinct();
  }

  /**
   * Group rows of one grain's table from its actor rows and the members of the same days ({@link
   * #members}, {@link #windowMembers}): per tenant, day and feature, every group's value over its
   * members, published only where {@link GroupDisclosure} allows.
   */
  public static Dataset<Row> compute(
      Dataset<Row> actorFeatures,
      Dataset<Row> members,
      FeatureGrain grain,
      TenantConfigs configs,
      Instant computedAt) {
    Dataset<Row> supported =
        actorFeatures
            .where(
                col("actor_scope")
                    .equalTo("actor")
                    .and(
                        get_json_object(col("metadata"), "$.supported")
                            .isNull()
                            .or(get_json_object(col("metadata"), "$.supported").notEqual("false"))))
            .select(
                col("tenant_id"),
                col("dt"),
                col("actor_or_group_id").as("actor_pseudonym"),
                col("actor_type"),
                col("feature_name"),
                col("value"),
                col("confidence"));
    // Read by position below: 0 tenant_id, 1 dt, 2 scope, 3 group_id, 4 feature_name, 5 value,
    // 6 confidence, 7 actor_pseudonym, 8 actor_type.
    return supported
        .join(members, SparkColumns.seq("tenant_id", "dt", "actor_pseudonym"))
        .select(
            "tenant_id",
            "dt",
            "actor_scope",
            "group_id",
            "feature_name",
            "value",
            "confidence",
            "actor_pseudonym",
            "actor_type")
        .groupByKey(
            (MapFunction<Row, String>)
                r -> r.getString(0) + '\u0000' + r.get(1) + '\u0000' + r.getString(4),
            Encoders.STRING())
        .flatMapGroups(
            (FlatMapGroupsFunction<String, Row, Row>)
                (key, rows) -> publish(rows, grain, configs, computedAt).iterator(),
            Encoders.row(SparkSchemas.of(grain.table())));
  }

  /** One tenant, day and feature: every group's value, then only those safe to publish. */
  private static List<Row> publish(
      Iterator<Row> rows, FeatureGrain grain, TenantConfigs configs, Instant computedAt) {
    Map<String, Row> first = new LinkedHashMap<>();
    Map<String, List<Double>> values = new LinkedHashMap<>();
    Map<String, Double> confidence = new LinkedHashMap<>();
    Map<String, Set<String>> people = new LinkedHashMap<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      String group = r.getString(2) + '\u0000' + r.getString(3);
      first.putIfAbsent(group, r);
      values.computeIfAbsent(group, g -> new ArrayList<>()).add(r.getDouble(5));
      confidence.merge(group, r.getDouble(6), Double::sum);
      Set<String> humans = people.computeIfAbsent(group, g -> new HashSet<>());
      if ("human".equals(r.getString(8))) {
        humans.add(r.getString(7));
      }
    }
    if (first.isEmpty()) {
      return List.of();
    }
    Row any = first.values().iterator().next();
    TenantConfig config = configs.forTenant(any.getString(0));
    FeatureDefinition f = FeatureCatalog.byName(any.getString(4)).orElseThrow();
    List<Row> out = new ArrayList<>();
    for (String group : GroupDisclosure.publishable(people, config.minTeamSize())) {
      List<Double> v = values.get(group);
      out.add(
          row(
              first.get(group),
              f,
              v,
              confidence.get(group) / v.size(),
              grain,
              config.workingHours().timeZone(),
              computedAt));
    }
    return out;
  }

  private static Row row(
      Row first,
      FeatureDefinition f,
      List<Double> values,
      double confidence,
      FeatureGrain grain,
      ZoneId zone,
      Instant computedAt) {
    String tenant = first.getString(0);
    LocalDate dt = (LocalDate) first.get(1);
    String scope = first.getString(2);
    String group = first.getString(3);
    ObjectNode meta =
        Json.MAPPER
            .createObjectNode()
            .put("members", values.size())
            .put("statistic", Wire.lower(f.group().statistic()))
            .put("catalogue_version", FeatureCatalog.catalogue().version());
    if (f.group().statistic() == GroupRule.Statistic.SHARE_ABOVE) {
      meta.put("level", f.group().level());
    }
    return new FeatureRow(tenant, scope, group, "group", f, dt, grain, zone)
        .toRow(grain.table(), f.group().apply(values), confidence, meta, computedAt);
  }
}
