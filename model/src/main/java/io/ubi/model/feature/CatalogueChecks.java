package io.ubi.model.feature;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Checks the catalogue's readers share, each adding its problem with its path. */
final class CatalogueChecks {
  private CatalogueChecks() {}

  /** Adds a problem for each field of {@code node} that is not in {@code known}. */
  static void unknownKeys(List<String> problems, String path, JsonNode node, Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        problems.add(
            (path.isEmpty() ? "" : path + ".")
                + key
                + ": unknown field; known are "
                + known.stream().sorted().toList());
      }
    }
  }
}
