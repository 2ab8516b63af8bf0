package io.ubi.serving.read;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.ubi.lakehouse.TableDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads lakehouse tables without Spark, through Delta Kernel. Every read names one tenant (or all,
 * for privileged callers) and a {@code dt} range, which Kernel turns into partition pruning; values
 * come back as Java types keyed by the declared column names.
 *
 * <p>What it read is kept, keyed so that it is never wrong: a table's latest snapshot is looked up
 * again once {@link Caching#versionCheck} has passed (at once when that is zero), the files of a
 * (version, tenant, days) read are kept per version, and the rows of each data file are kept by its
 * path (Delta never changes a data file; a deletion vector, which would, is part of the key) in a
 * cache bounded by {@link Caching#maxRows}. A new version therefore costs reading its log and the
 * files it added, and an unchanged table costs nothing but the lookups. While one caller looks up a
 * newer version the others are answered from the one before, so a busy API never queues behind it.
 */
public final class LakeReader {
  /**
   * How long a table's version is trusted before its log is looked at again, and how many rows the
   * reader keeps.
   */
  public record Caching(Duration versionCheck, long maxRows) {
    public static final long DEFAULT_MAX_ROWS = 500_000;

    /** Every read sees the latest commit: for tests and tools that write and read in turn. */
    public static final Caching LATEST = new Caching(Duration.ZERO, DEFAULT_MAX_ROWS);
  }

  private final Engine engine = DefaultEngine.create(new Configuration());
  private final Path root;
  private final long versionCheckNanos;
  private final Map<String, Current> current = new ConcurrentHashMap<>();
  private final BoundedCache<ListingKey, Listing> listings =
      new BoundedCache<>(MAX_LISTINGS, l -> 1);
  private final BoundedCache<String, FileRows> files;

  static final int MAX_LISTINGS = 512;

  public LakeReader(Path root) {
    this(root, Caching.LATEST);
  }

  public LakeReader(Path root, Caching caching) {
    this.root = root.toAbsolutePath();
    this.versionCheckNanos = caching.versionCheck().toNanos();
    this.files = new BoundedCache<>(caching.maxRows(), FileRows::size);
  }

  /**
   * The version of the table's latest snapshot, read from its log now (not from what is kept): it
   * fails when the lakehouse cannot be read (storage gone, permissions, a corrupt log).
   *
   * @throws TableNotFoundException when the table was never created
   */
  public long version(TableDef table) {
    return Table.forPath(engine, table.location(root).toString())
        .getLatestSnapshot(engine)
        .getVersion(engine);
  }

  /**
   * @param tenantId one tenant, or null for every tenant
   * @param from first day, inclusive, or null
   * @param to last day, inclusive, or null
   */
  public List<Map<String, Object>> read(
      TableDef table, String tenantId, LocalDate from, LocalDate to) {
    List<Map<String, Object>> rows = new ArrayList<>();
    forEachFile(
        table,
        tenantId,
        from,
        to,
        (file, whole) -> add(file.all(), whole, tenantId, from, to, rows));
    return rows;
  }

  /**
   * As {@link #read}, only the rows about one subject (their {@code actor_or_group_id}), found
   * through an index each kept file has: a profile costs the subject's rows, not the tenant's.
   */
  public List<Map<String, Object>> readSubject(
      TableDef table, String tenantId, LocalDate from, LocalDate to, String subject) {
    List<Map<String, Object>> rows = new ArrayList<>();
    forEachFile(
        table,
        tenantId,
        from,
        to,
        (file, whole) -> add(file.of(subject), whole, tenantId, from, to, rows));
    return rows;
  }

  /** The greatest value of {@code column} among the rows {@link #read} would give, if any. */
  public <T extends Comparable<T>> Optional<T> max(
      TableDef table, String tenantId, LocalDate from, LocalDate to, String column) {
    List<Map<String, Object>> best = new ArrayList<>();
    forEachFile(
        table,
        tenantId,
        from,
        to,
        (file, whole) -> {
          if (whole) {
            file.max(column).ifPresent(v -> best.add(Map.of(column, v)));
          } else {
            add(file.all(), false, tenantId, from, to, best);
          }
        });
    @SuppressWarnings("unchecked")
    Optional<T> max =
        best.stream().map(r -> (T) r.get(column)).filter(v -> v != null).max(Comparable::compareTo);
    return max;
  }

  private interface FileVisitor {
    /** {@code whole}: every row of the file is of the tenant and days asked for. */
    void visit(FileRows file, boolean whole);
  }

  private void forEachFile(
      TableDef table, String tenantId, LocalDate from, LocalDate to, FileVisitor visitor) {
    Optional<Listing> listing = listing(table, tenantId, from, to);
    if (listing.isEmpty()) {
      return;
    }
    for (ListedFile file : listing.get().files()) {
      // Pruning is by partition; checking again keeps isolation independent of it. A file's rows
      // all have its partition values, so a file of the tenant and days is checked once.
      boolean partitioned = file.dt() != null && file.tenantId() != null;
      if (partitioned && !matches(file.tenantId(), file.dt(), tenantId, from, to)) {
        continue;
      }
      visitor.visit(
          files.get(file.key(), k -> readFile(table, listing.get(), file.scanFile())), partitioned);
    }
  }

  private static void add(
      List<Map<String, Object>> rows,
      boolean whole,
      String tenantId,
      LocalDate from,
      LocalDate to,
      List<Map<String, Object>> out) {
    if (whole) {
      out.addAll(rows);
      return;
    }
    for (Map<String, Object> r : rows) {
      if (matches((String) r.get("tenant_id"), (LocalDate) r.get("dt"), tenantId, from, to)) {
        out.add(r);
      }
    }
  }

  private static boolean matches(
      String rowTenant, LocalDate dt, String tenantId, LocalDate from, LocalDate to) {
    return (tenantId == null || tenantId.equals(rowTenant))
        && (from == null || !dt.isBefore(from))
        && (to == null || !dt.isAfter(to));
  }

  /**
   * The newest {@code dt} holding rows of the tenant within {@code [from, to]}, or empty: read from
   * the table's log alone (partition values of its files), without opening a data file.
   */
  public Optional<LocalDate> latestDay(
      TableDef table, String tenantId, LocalDate from, LocalDate to) {
    Optional<Listing> listing = listing(table, tenantId, from, to);
    LocalDate latest = null;
    for (ListedFile file : listing.map(Listing::files).orElse(List.of())) {
      LocalDate dt = file.dt();
      if (tenantId.equals(file.tenantId())
          && !dt.isBefore(from)
          && !dt.isAfter(to)
          && (latest == null || dt.isAfter(latest))) {
        latest = dt;
      }
    }
    return Optional.ofNullable(latest);
  }

  /** Rows the reader keeps now, and how often a data file was found kept or had to be read. */
  public record CacheStats(long rows, long fileHits, long fileMisses) {}

  public CacheStats cacheStats() {
    return new CacheStats(files.weight(), files.hits(), files.misses());
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
  private record Listing(Row scanState, StructType physical, List<ListedFile> files) {}

  /**
   * A file of a listing with what every read of it asks, worked out once: the key of its rows, and
   * its tenant and day (null for a table not partitioned by them).
   */
  private record ListedFile(Row scanFile, String key, String tenantId, LocalDate dt) {
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

  private Optional<Listing> listing(TableDef table, String tenantId, LocalDate from, LocalDate to) {
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

  /** Every row of one data file, as Kernel gives it after the file's deletion vector. */
  private FileRows readFile(TableDef table, Listing listing, Row scanFile) {
    FileStatus file = KernelFiles.status(scanFile);
    CompactRow.Columns columns = new CompactRow.Columns(table);
    Map<String, String> strings = new HashMap<>();
    List<Map<String, Object>> out = new ArrayList<>();
    try (CloseableIterator<io.delta.kernel.data.ColumnarBatch> physicalData =
            engine
                .getParquetHandler()
                .readParquetFiles(
                    KernelFiles.closeable(List.of(file).iterator()),
                    listing.physical(),
                    Optional.empty());
        CloseableIterator<FilteredColumnarBatch> data =
            Scan.transformPhysicalData(engine, listing.scanState(), scanFile, physicalData)) {
      while (data.hasNext()) {
        try (CloseableIterator<Row> rows = data.next().getRows()) {
          while (rows.hasNext()) {
            out.add(new CompactRow(columns, KernelRows.values(table, rows.next(), strings)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + table.name() + ": " + e.getMessage(), e);
    }
    return new FileRows(out);
  }
}
