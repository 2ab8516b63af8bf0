package io.ubi.transforms;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.lakehouse.ConfigRows;
import io.ubi.lakehouse.GoldTables;
import io.ubi.model.UbiErrors;
import io.ubi.model.UbiException;
import io.ubi.model.config.ConfigVersion;
import io.ubi.model.config.TenantConfigs;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * The versioned store of tenants' settings ({@link GoldTables#TENANT_CONFIG_VERSIONS}): every
 * version kept with who changed it, when and why. A tenant's file seeds it (its {@code version} is
 * the first); the latest stored version wins over the file ({@link #effective}).
 *
 * <p>A version is stored insert-only on {@code (tenant_id, version)}, one above the version its
 * writer read: of two writers that read the same version, one stores the next and the other is
 * refused ({@code config_conflict}) instead of silently overwriting it.
 */
public final class ConfigStore {
  private final Lake lake;

  public ConfigStore(Lake lake) {
    this.lake = lake;
  }

  /** The seed configurations with each tenant's latest stored version laid over them. */
  public TenantConfigs effective(TenantConfigs seed) {
    return seed.withVersions(latest().values());
  }

  /** The latest stored version of every tenant that has one. */
  public Map<String, ConfigVersion> latest() {
    Map<String, ConfigVersion> latest = new TreeMap<>();
    for (Row r : lake.read(GoldTables.TENANT_CONFIG_VERSIONS).collectAsList()) {
      ConfigVersion v = ConfigRows.fromRow(r::getAs);
      latest.merge(v.tenantId(), v, (a, b) -> a.version() >= b.version() ? a : b);
    }
    return latest;
  }

  /** A tenant's stored versions, oldest first. */
  public List<ConfigVersion> history(String tenantId) {
    return lake
        .read(GoldTables.TENANT_CONFIG_VERSIONS)
        .where(col("tenant_id").equalTo(tenantId))
        .collectAsList()
        .stream()
        .map(r -> ConfigRows.fromRow(r::getAs))
        .sorted(Comparator.comparingInt(ConfigVersion::version))
        .toList();
  }

  public Optional<ConfigVersion> read(String tenantId, int version) {
    return history(tenantId).stream().filter(v -> v.version() == version).findFirst();
  }

  /**
   * Stores {@code change} laid over the tenant's settings ({@link TenantConfigs#change}) as its
   * next version over {@code current} (the configurations its writer read).
   *
   * @throws UbiException {@code invalid_tenant_config} naming every problem, or {@code
   *     config_conflict} when another writer stored that version first
   */
  public ConfigVersion append(
      TenantConfigs current,
      String tenantId,
      ObjectNode change,
      String changedBy,
      String reason,
      Instant at) {
    int next = current.forTenant(tenantId).version() + 1;
    ObjectNode stored = current.change(tenantId, change, next).settings();
    ConfigVersion version =
        new ConfigVersion(
            tenantId,
            next,
            stored.toString(),
            changedBy,
            at.truncatedTo(ChronoUnit.MICROS),
            reason);
    lake.insertNew(
        GoldTables.TENANT_CONFIG_VERSIONS,
        lake.spark()
            .createDataFrame(
                List.of(
                    SparkSchemas.row(GoldTables.TENANT_CONFIG_VERSIONS, ConfigRows.toRow(version))),
                SparkSchemas.of(GoldTables.TENANT_CONFIG_VERSIONS)),
        List.of(tenantId));
    ConfigVersion winner = read(tenantId, next).orElseThrow();
    if (!winner.equals(version)) {
      throw UbiErrors.configConflict(tenantId, next, winner.changedBy(), winner.changedAt());
    }
    return version;
  }
}
