package io.ubi.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.ubi.lakehouse.Tables;
import io.ubi.model.config.TenantConfigs;
import io.ubi.transforms.FeatureComputation;
import io.ubi.transforms.FeatureGrain;
import io.ubi.transforms.FeatureStates;
import io.ubi.transforms.GroupFeatures;
import io.ubi.transforms.Lake;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The nightly job's window stage: reads {@code silver.actor_feature_states_daily} and {@code
 * silver.group_memberships_daily}, writes {@code silver.actor_features_windowed} for the windows
 * each tenant wants.
 */
final class WindowStage {
  private final Lake lake;
  private final TenantConfigs configs;

  WindowStage(Lake lake, TenantConfigs configs) {
    this.lake = lake;
    this.configs = configs;
  }

  /**
   * Writes {@code silver.actor_features_windowed} for the days of {@code [from, to]}: each of the
   * catalogue's multi-day windows ending on each day, merged from the daily states (which reach
   * back a window's length before {@code from}), never from a rescan of bronze; and every group's
   * value over the window's members.
   */
  void write(LocalDate from, LocalDate to, Instant now) {
    Dataset<Row> all = null;
    for (int days : windowsDays()) {
      if (days == 1) {
        continue;
      }
      Column span =
          col("dt").between(lit(from.minusDays(days - 1L)), lit(to)).and(tenantsWanting(days));
      FeatureGrain grain = FeatureGrain.window(days);
      Dataset<Row> actors =
          FeatureComputation.features(
              FeatureStates.window(
                  lake.read(Tables.ACTOR_FEATURE_STATES_DAILY).where(span), days, from, to),
              grain,
              configs,
              now);
      Dataset<Row> groups =
          GroupFeatures.compute(
              actors,
              GroupFeatures.windowMembers(
                  lake.read(Tables.GROUP_MEMBERSHIPS_DAILY).where(span), days, from, to),
              grain,
              configs,
              now);
      Dataset<Row> windowed = actors.unionByName(groups);
      all = all == null ? windowed : all.unionByName(windowed);
    }
    if (all != null) {
      lake.replaceDays(Tables.ACTOR_FEATURES_WINDOWED, all, from, to);
    }
  }

  /** Every window some tenant wants (its {@code feature_windows.windows_days}), in days. */
  private Set<Integer> windowsDays() {
    Set<Integer> days = new TreeSet<>(configs.forTenant("*").features().windowsDays());
    configs
        .configuredTenants()
        .forEach(t -> days.addAll(configs.forTenant(t).features().windowsDays()));
    return days;
  }

  /** The rows of the tenants that want a {@code days}-day window. */
  private Column tenantsWanting(int days) {
    List<String> yes = new ArrayList<>();
    List<String> no = new ArrayList<>();
    for (String t : configs.configuredTenants()) {
      (configs.forTenant(t).features().windowsDays().contains(days) ? yes : no).add(t);
    }
    // Tenants without a file follow the defaults.
    return configs.forTenant("*").features().windowsDays().contains(days)
        ? (no.isEmpty() ? lit(true) : not(col("tenant_id").isin(no.toArray())))
        : (yes.isEmpty() ? lit(false) : col("tenant_id").isin(yes.toArray()));
  }
}
