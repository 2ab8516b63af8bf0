package io.ubi.launcher;

import io.ubi.model.config.TenantConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The files the commands that generate a population (the benches, the signal evaluation) leave in a
 * data directory, and how they clean one up.
 */
public final class GeneratedData {
  private GeneratedData() {}

  /**
   * The generated tenants' configurations, written as files into the data directory so a kept
   * directory serves {@code ubi batch nightly} and {@code ubi serve} alike. A tenant configuration
   * directory set elsewhere is the user's: it is read, never written; nor is a file already there.
   */
  public static TenantConfigs tenantConfigs(
      UbiConfig config, Collection<String> tenants, Function<String, String> json)
      throws IOException {
    Path dir = config.tenantConfigDir();
    if (dir.toAbsolutePath().startsWith(config.dataDir())) {
      Files.createDirectories(dir);
      for (String tenant : tenants) {
        Path file = dir.resolve(tenant + ".json");
        if (!Files.exists(file)) {
          Files.writeString(file, json.apply(tenant));
        }
      }
    }
    return TenantConfigs.load(dir);
  }

  /** Deletes a temporary data directory, best effort: what cannot be deleted is left. */
  public static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }
}
