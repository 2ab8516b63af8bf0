package io.ubi.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.config.ConfigVersion;
import io.ubi.model.config.TenantConfigs;
import io.ubi.serving.config.ConfigRepository;
import io.ubi.transforms.LiveConfigs;
import java.time.Instant;
import java.util.List;

/**
 * The API's settings: those the running UBI has in force ({@link LiveConfigs}, without the tenants'
 * directories), stored through the lakehouse's versioned store and in force at once for the API and
 * the speed layer of this process.
 */
final class LakeConfigRepository implements ConfigRepository {
  private final LiveConfigs live;

  LakeConfigRepository(LiveConfigs live) {
    this.live = live;
  }

  @Override
  public TenantConfigs current() {
    return live.get();
  }

  @Override
  public List<ConfigVersion> history(String tenantId) {
    return live.store().history(tenantId);
  }

  @Override
  public synchronized ConfigVersion store(
      String tenantId, ObjectNode settings, String changedBy, String reason, Instant at) {
    // Up to date first, so a version stored by another process is the one this change follows.
    live.refresh();
    ConfigVersion stored =
        live.store().append(live.get(), tenantId, settings, changedBy, reason, at);
    live.refresh();
    return stored;
  }
}
