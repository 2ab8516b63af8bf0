package io.ubi.serving.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.config.ConfigVersion;
import io.ubi.model.config.TenantConfigs;
import java.time.Instant;
import java.util.List;

/**
 * Where the API reads tenants' settings and stores new versions of them: the versioned store of the
 * lakehouse in a running UBI, laid over the tenants' files, without their directories.
 */
public interface ConfigRepository {
  /** The configurations in force now: each tenant's file with its latest stored version over it. */
  TenantConfigs current();

  /** A tenant's stored versions, oldest first (its file's version is not among them). */
  List<ConfigVersion> history(String tenantId);

  /**
   * Stores {@code settings} laid over the tenant's current ones as its next version, and puts it in
   * force.
   *
   * @throws io.ubi.model.UbiException {@code invalid_tenant_config} naming every problem, or {@code
   *     config_conflict} when another writer stored that version first
   */
  ConfigVersion store(
      String tenantId, ObjectNode settings, String changedBy, String reason, Instant at);
}
