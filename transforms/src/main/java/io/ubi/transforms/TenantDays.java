package io.ubi.transforms;

import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The tenants and days some rows touch: what a partition-pruned write ({@link
 * Lake#replacePartitions}, {@link Lake#upsert}) names. Collected to the driver, so only for rows of
 * a batch or a few days.
 */
public record TenantDays(Set<String> tenants, Set<LocalDate> days) {
  /** The distinct {@code tenant_id} and {@code dt} values of {@code rows}. */
  public static TenantDays of(Dataset<Row> rows) {
    Set<String> tenants = new TreeSet<>();
    Set<LocalDate> days = new TreeSet<>();
    for (Row r : rows.select("tenant_id", "dt").distinct().collectAsList()) {
      tenants.add(r.getString(0));
      days.add((LocalDate) r.get(1));
    }
    return new TenantDays(tenants, days);
  }

  public boolean isEmpty() {
    return days.isEmpty();
  }
}
