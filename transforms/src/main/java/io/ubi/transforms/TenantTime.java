package io.ubi.transforms;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.to_date;

import io.ubi.model.config.TenantConfigs;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Days in the tenant's time. Bronze is partitioned by the UTC date of each event (where it is
 * stored); features, baselines and signals are per tenant-local day (what a team calls "Monday"),
 * so every reader of bronze that computes per day first moves its rows to their local day here.
 * Time zones are at most 14 hours from UTC, so the local days {@code [from, to]} are held in the
 * bronze partitions {@code [from - 1, to + 1]}.
 */
public final class TenantTime {
  private TenantTime() {}

  /** The bronze partitions that hold every event of the local days {@code [from, to]}. */
  public static Column bronzePartitionsOf(LocalDate from, LocalDate to) {
    return col("dt").between(lit(from.minusDays(1)), lit(to.plusDays(1)));
  }

  /** Bronze rows with {@code dt} replaced by the tenant-local date of {@code timestamp_utc}. */
  public static Dataset<Row> withLocalDay(Dataset<Row> bronze, TenantConfigs configs) {
    // Spark's session time zone is UTC (UbiSpark): shifting by the tenant's zone and taking the
    // date gives the local date.
    return bronze.withColumn(
        "dt", to_date(from_utc_timestamp(col("timestamp_utc"), zoneOf(configs))));
  }

  private static Column zoneOf(TenantConfigs configs) {
    Column fallback = lit(configs.forTenant("*").workingHours().timeZone().getId());
    List<Column> pairs = new ArrayList<>();
    for (String tenant : configs.configuredTenants()) {
      pairs.add(lit(tenant));
      pairs.add(lit(configs.forTenant(tenant).workingHours().timeZone().getId()));
    }
    return pairs.isEmpty()
        ? fallback
        : coalesce(element_at(map(pairs.toArray(Column[]::new)), col("tenant_id")), fallback);
  }
}
