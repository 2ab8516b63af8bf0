package io.ubi.serving.read;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.net.URI;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;

/**
 * What UBI reads of Delta Kernel's scan-file rows, through Kernel's public {@link Row} API only:
 * each row has an {@code add} struct ({@code path}, {@code partitionValues}, {@code size}, {@code
 * modificationTime}) and the {@code tableRoot} its relative path resolves against, as {@code
 * Scan#getScanFiles} documents.
 */
public final class KernelFiles {
  private KernelFiles() {}

  /** The data file a scan-file row names, with its path made absolute. */
  static FileStatus status(Row scanFile) {
    Row add = add(scanFile);
    String root = scanFile.getString(scanFile.getSchema().indexOf("tableRoot"));
    String path = add.getString(add.getSchema().indexOf("path"));
    String absolute = new Path(new Path(URI.create(root)), new Path(URI.create(path))).toString();
    return FileStatus.of(
        absolute,
        add.getLong(add.getSchema().indexOf("size")),
        add.getLong(add.getSchema().indexOf("modificationTime")));
  }

  /**
   * What identifies the rows a scan-file row stands for: its data file's path (Delta never rewrites
   * a data file in place) and its deletion vector, if any (which removes rows from the file).
   */
  static String key(Row scanFile) {
    Row add = add(scanFile);
    String root = scanFile.getString(scanFile.getSchema().indexOf("tableRoot"));
    String key = root + "|" + add.getString(add.getSchema().indexOf("path"));
    int dv = add.getSchema().indexOf("deletionVector");
    if (dv >= 0 && !add.isNullAt(dv)) {
      Row d = add.getStruct(dv);
      StringBuilder b = new StringBuilder(key).append("|dv");
      for (int i = 0; i < d.getSchema().length(); i++) {
        b.append('|').append(d.isNullAt(i) ? "" : String.valueOf(fieldValue(d, i)));
      }
      key = b.toString();
    }
    return key;
  }

  private static Object fieldValue(Row row, int i) {
    var type = row.getSchema().at(i).getDataType();
    if (type instanceof io.delta.kernel.types.StringType) {
      return row.getString(i);
    }
    if (type instanceof io.delta.kernel.types.IntegerType) {
      return row.getInt(i);
    }
    if (type instanceof io.delta.kernel.types.LongType) {
      return row.getLong(i);
    }
    return type.toString();
  }

  /** The partition values of the file a scan-file row names. */
  static Map<String, String> partitionValues(Row scanFile) {
    Row add = add(scanFile);
    MapValue m = add.getMap(add.getSchema().indexOf("partitionValues"));
    Map<String, String> out = new HashMap<>();
    ColumnVector keys = m.getKeys();
    ColumnVector values = m.getValues();
    for (int i = 0; i < m.getSize(); i++) {
      out.put(keys.getString(i), values.isNullAt(i) ? null : values.getString(i));
    }
    return out;
  }

  /** A table's physical data columns: without column mapping, its schema less the partitions. */
  static StructType physicalSchema(StructType logical, List<String> partitionColumns) {
    StructType physical = new StructType();
    for (var field : logical.fields()) {
      if (!partitionColumns.contains(field.getName())) {
        physical = physical.add(field);
      }
    }
    return physical;
  }

  /** A plain iterator as Kernel's closeable one (nothing to close). */
  public static <T> CloseableIterator<T> closeable(Iterator<T> it) {
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public T next() {
        return it.next();
      }

      @Override
      public void close() {}
    };
  }

  private static Row add(Row scanFile) {
    int i = scanFile.getSchema().indexOf("add");
    if (i < 0 || scanFile.isNullAt(i)) {
      throw new IllegalStateException("A Delta scan file row without an 'add' entry");
    }
    return scanFile.getStruct(i);
  }
}
