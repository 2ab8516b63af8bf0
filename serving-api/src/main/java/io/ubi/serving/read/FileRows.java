package io.ubi.serving.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rows of one data file as the reader keeps them, with what queries ask of them again and again
 * worked out once: the rows of each subject ({@value #SUBJECT}) and the greatest value of a column.
 * A data file never changes, so neither do these.
 */
final class FileRows {
  /** The column that names the actor or group a row of UBI's subject tables is about. */
  static final String SUBJECT = "actor_or_group_id";

  private final List<Map<String, Object>> rows;
  private volatile Map<String, List<Map<String, Object>>> bySubject;
  private final Map<String, Optional<Object>> max = new ConcurrentHashMap<>();

  FileRows(List<Map<String, Object>> rows) {
    this.rows = List.copyOf(rows);
  }

  List<Map<String, Object>> all() {
    return rows;
  }

  int size() {
    return rows.size();
  }

  /** The rows whose {@value #SUBJECT} is {@code subject}. */
  List<Map<String, Object>> of(String subject) {
    Map<String, List<Map<String, Object>>> index = bySubject;
    if (index == null) {
      Map<String, List<Map<String, Object>>> built = new HashMap<>();
      for (Map<String, Object> r : rows) {
        Object s = r.get(SUBJECT);
        if (s != null) {
          built.computeIfAbsent((String) s, k -> new ArrayList<>()).add(r);
        }
      }
      built.replaceAll((k, v) -> List.copyOf(v));
      bySubject = index = built;
    }
    return index.getOrDefault(subject, List.of());
  }

  /** The greatest non-null value of {@code column}, if any row has one. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  Optional<Object> max(String column) {
    return max.computeIfAbsent(
        column,
        c -> {
          Comparable best = null;
          for (Map<String, Object> r : rows) {
            Comparable v = (Comparable) r.get(c);
            if (v != null && (best == null || v.compareTo(best) > 0)) {
              best = v;
            }
          }
          return Optional.ofNullable(best);
        });
  }
}
