package io.ubi.serving.read;

import io.delta.kernel.Scan;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
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
  private final TableListings listings;
  private final BoundedCache<String, FileRows> files;

  public LakeReader(Path root) {
    this(root, Caching.LATEST);
  }

  public LakeReader(Path root, Caching caching) {
    this.root = root.toAbsolutePath();
    this.listings = new TableListings(engine, this.root, caching.versionCheck());
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
    Optional<TableListings.Listing> listing = listings.listing(table, tenantId, from, to);
    if (listing.isEmpty()) {
      return;
    }
    for (TableListings.ListedFile file : listing.get().files()) {
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
    Optional<TableListings.Listing> listing = listings.listing(table, tenantId, from, to);
    LocalDate latest = null;
    for (TableListings.ListedFile file :
        listing.map(TableListings.Listing::files).orElse(List.of())) {
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

  /** Every row of one data file, as Kernel gives it after the file's deletion vector. */
  private FileRows readFile(TableDef table, TableListings.Listing listing, Row scanFile) {
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
