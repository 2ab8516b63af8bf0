package io.ubi.launcher.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;
import io.ubi.model.contract.EventTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The files the demo owns in its data directory: the demo tenants' configs, and a fresh start. */
final class DemoFiles {
  private DemoFiles() {}

  /** The demo tenants' configs, written once: an operator's later edits are kept. */
  static void writeTenantConfigs(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path acme = dir.resolve("acme.json");
    if (!Files.exists(acme)) {
      Files.writeString(
          acme,
          "{\n  \"version\": 1,\n  \"working_hours\": {\"time_zone\":"
              + " \"Europe/Berlin\"}\n}\n");
    }
    Path globex = dir.resolve("globex.json");
    if (!Files.exists(globex)) {
      ObjectNode g = Json.MAPPER.createObjectNode().put("version", 2);
      g.putObject("working_hours").put("time_zone", "America/New_York");
      ArrayNode types = g.putArray("enabled_event_categories");
      EventTypes.canonical().stream().filter(t -> !t.equals("file_deleted")).forEach(types::add);
      Files.writeString(globex, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(g));
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir, e);
    }
  }
}
