package io.ubi.serving.read;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.ubi.lakehouse.TableDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The files a read of a table touches, as {@link LakeReader} keeps them: each table's latest
 * snapshot, looked up again once the version check has passed (while one caller looks, the others
 * get the version before), and the files of each (table, version, tenant, days) read with what
 * every read asks of them worked out once. Delta Kernel's public API only.
 */
final class TableListings {
  static final int MAX_LISTINGS = 512;

  private final Engine engine;
  private final Path root;
  private final long versionCheckNanos;
  private final Map<String, Current> current = new ConcurrentHashMap<>();
  private final BoundedCache<ListingKey, Listing> listings =
      new BoundedCache<>(MAX_LISTINGS, l -> 1);

  TableListings(Engine engine, Path root, Duration versionCheck) {
    this.engine = engine;
    this.root = root;
    this.versionCheckNanos = versionCheck.toNanos();
  }

  /** A table's snapshot as last looked up (null: no such table), and when. */
  private record Loaded(Snapshot snapshot, long version, long checkedAt) {}

  private static final class Current {
    volatile Loaded loaded;
    final AtomicBoolean refreshing = new AtomicBoolean();
  }

  private record ListingKey(
      String table, long version, String tenantId, LocalDate from, LocalDate to) {}

  /** The files of one read of one version, and what reading them needs. */
  record Listing(Row scanState, StructType physical, List<ListedFile> files) {}

  /**
   * A file of a listing with what every read of it asks, worked out once: the key of its rows, and
   * its tenant and day (null for a table not partitioned by them).
   */
  record ListedFile(Row scanFile, String key, String tenantId, LocalDate dt) {
    static ListedFile of(Row scanFile) {
      Map<String, String> partition = KernelFiles.partitionValues(scanFile);
      String dt = partition.get("dt");
      return new ListedFile(
          scanFile,
          KernelFiles.key(scanFile),
          partition.get("tenant_id"),
          dt == null ? null : LocalDate.parse(dt));
    }
  }

  Optional<Listing> listing(TableDef table, String tenantId, LocalDate from, LocalDate to) {
    Loaded loaded = snapshot(table);
    if (loaded.snapshot() == null) {
      return Optional.empty();
    }
    return Optional.of(
        listings.get(
            new ListingKey(table.name(), loaded.version(), tenantId, from, to),
            k -> list(table, loaded.snapshot(), tenantId, from, to)));
  }

  /** The table's snapshot, looked up again once the version check has passed. */
  private Loaded snapshot(TableDef table) {
    Current c = current.computeIfAbsent(table.name(), n -> new Current());
    Loaded seen = c.loaded;
    long now = System.nanoTime();
    if (seen != null && now - seen.checkedAt() < versionCheckNanos) {
      return seen;
    }
    if (seen != null && versionCheckNanos > 0 && !c.refreshing.compareAndSet(false, true)) {
      return seen; // another caller is looking; the version it replaces is a moment old
    }
    try {
      Loaded fresh;
      try {
        Snapshot s =
            Table.forPath(engine, table.location(root).toString()).getLatestSnapshot(engine);
        long version = s.getVersion(engine);
        fresh =
            seen != null && seen.version() == version
                ? new Loaded(seen.snapshot(), version, now)
                : new Loaded(s, version, now);
      } catch (TableNotFoundException e) {
        fresh = new Loaded(null, -1, now);
      }
      c.loaded = fresh;
      return fresh;
    } finally {
      c.refreshing.set(false);
    }
  }

  private Listing list(
      TableDef table, Snapshot snapshot, String tenantId, LocalDate from, LocalDate to) {
    Scan scan =
        snapshot
            .getScanBuilder(engine)
            .withFilter(engine, KernelRows.predicate(tenantId, from, to))
            .build();
    List<ListedFile> scanFiles = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine)) {
      while (batches.hasNext()) {
        try (CloseableIterator<Row> rows = batches.next().getRows()) {
          rows.forEachRemaining(r -> scanFiles.add(ListedFile.of(r)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + table.name() + ": " + e.getMessage(), e);
    }
    // UBI's tables are written without column mapping: physical names are the logical ones.
    return new Listing(
        scan.getScanState(engine),
        KernelFiles.physicalSchema(snapshot.getSchema(engine), table.partitionBy()),
        List.copyOf(scanFiles));
  }
}
