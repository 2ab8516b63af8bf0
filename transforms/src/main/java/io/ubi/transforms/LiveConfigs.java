package io.ubi.transforms;

import io.delta.tables.DeltaTable;
import io.ubi.lakehouse.GoldTables;
import io.ubi.model.config.TenantConfigs;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenants' settings in force while UBI runs: the seed (files and defaults) with each tenant's
 * latest stored version over it ({@link ConfigStore#effective}), read again whenever the store's
 * table has a new commit. UBI calls {@link #refresh} every {@code config.refresh.seconds} and after
 * each change it stores itself; the speed layer takes {@link #get} at the start of every
 * micro-batch and the API on every request, so a change is in force for both within one interval,
 * without a restart.
 *
 * <p>A refresh that cannot read the store (or reads a version that no longer parses) keeps the
 * settings in force and says so in the log: a bad write never takes the running layers down.
 */
public final class LiveConfigs implements Supplier<TenantConfigs> {
  private static final Logger LOG = LoggerFactory.getLogger(LiveConfigs.class);

  private final Lake lake;
  private final ConfigStore store;
  private final TenantConfigs seed;
  private final AtomicReference<TenantConfigs> current;
  private long seenCommit = -1;

  /** Reads the store once, so the settings in force from the start are the latest. */
  public LiveConfigs(Lake lake, TenantConfigs seed) {
    this.lake = lake;
    this.store = new ConfigStore(lake);
    this.seed = seed;
    this.current = new AtomicReference<>(seed);
    refresh();
  }

  @Override
  public TenantConfigs get() {
    return current.get();
  }

  public ConfigStore store() {
    return store;
  }

  /**
   * Reads the stored versions again if the table has a commit this has not seen.
   *
   * @return whether the settings in force changed
   */
  public synchronized boolean refresh() {
    try {
      long commit =
          DeltaTable.forPath(lake.spark(), lake.location(GoldTables.TENANT_CONFIG_VERSIONS))
              .history(1)
              .select("version")
              .first()
              .getLong(0);
      if (commit == seenCommit) {
        return false;
      }
      current.set(store.effective(seed));
      seenCommit = commit;
      return true;
    } catch (RuntimeException e) {
      LOG.error("Keeping the tenant settings in force: the stored versions cannot be read", e);
      return false;
    }
  }
}
