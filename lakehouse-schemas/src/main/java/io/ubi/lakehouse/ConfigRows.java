package io.ubi.lakehouse;

import io.ubi.model.config.ConfigVersion;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The one mapping between {@link ConfigVersion} and rows of {@link
 * GoldTables#TENANT_CONFIG_VERSIONS}, engine-free: the nightly job and the API read and write
 * through it.
 */
public final class ConfigRows {
  private ConfigRows() {}

  public static Map<String, Object> toRow(ConfigVersion v) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("tenant_id", v.tenantId());
    row.put("version", v.version());
    row.put("settings", v.settings());
    row.put("changed_by", v.changedBy());
    row.put("changed_at", v.changedAt());
    row.put("reason", v.reason());
    return row;
  }

  public static ConfigVersion fromRow(Function<String, Object> get) {
    return new ConfigVersion(
        (String) get.apply("tenant_id"),
        (Integer) get.apply("version"),
        (String) get.apply("settings"),
        (String) get.apply("changed_by"),
        (Instant) get.apply("changed_at"),
        (String) get.apply("reason"));
  }
}
