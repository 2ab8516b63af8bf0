package io.ubi.serving.read;

import io.ubi.lakehouse.TableDef;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A read-only row of a table as a map from declared column name to value, held as one array against
 * a column index its table's rows share: the API keeps many rows in memory, and a hash map per row
 * would cost several times the data.
 */
final class CompactRow extends AbstractMap<String, Object> {
  /** The column names of a table and their positions, shared by all its rows. */
  static final class Columns {
    final List<String> names;
    final Map<String, Integer> index = new HashMap<>();

    Columns(TableDef table) {
      this.names = table.columnNames();
      for (int i = 0; i < names.size(); i++) {
        index.put(names.get(i), i);
      }
    }
  }

  private final Columns columns;
  private final Object[] values;

  CompactRow(Columns columns, Object[] values) {
    this.columns = columns;
    this.values = values;
  }

  @Override
  public Object get(Object key) {
    Integer i = columns.index.get(key);
    return i == null ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return columns.index.containsKey(key);
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < values.length;
          }

          @Override
          public Entry<String, Object> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            int at = i++;
            return new SimpleImmutableEntry<>(columns.names.get(at), values[at]);
          }
        };
      }

      @Override
      public int size() {
        return values.length;
      }
    };
  }
}
