package io.ubi.model.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.model.Json;
import io.ubi.model.contract.EventTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The field names of UBI's privacy settings and the documented defaults of what an event keeps
 * ({@code field-policy.json}, printed in docs/privacy.md). Names are UBI's internal ones: {@code
 * properties.<path>} is a path into the PM-3 payload, {@code resource.<key>} a key of its resource
 * metadata, and a few name envelope fields that several places can carry ({@code team_id}, {@code
 * actor_type}, {@code source_system}). A path keeps everything below it.
 */
public final class FieldPolicy {
  private static final String RESOURCE = "io/ubi/model/privacy/field-policy.json";

  /**
   * Names that stand for one or more places of the envelope, beyond properties.* and resource.*.
   */
  static final Map<String, List<String>> NAMED =
      Map.ofEntries(
          Map.entry("team_id", List.of("resource.team_id", "payload.team_id")),
          Map.entry("actor_type", List.of("resource.actor_type", "payload.actor_type")),
          Map.entry(
              "source_system",
              List.of("producer_id", "resource.producer_id", "resource.service_name")),
          Map.entry("trace_id", List.of("trace_id")),
          Map.entry("span_id", List.of("span_id")),
          Map.entry("correlation_id", List.of("correlation_id")));

  /** A documented entry: fields kept, and why. */
  public record Entry(List<String> fields, String why) {}

  private static final FieldPolicy INSTANCE = load();

  private final int version;
  private final Entry structural;
  private final List<Entry> common;
  private final Map<String, List<Entry>> byEventType;

  private FieldPolicy(
      int version, Entry structural, List<Entry> common, Map<String, List<Entry>> byEventType) {
    this.version = version;
    this.structural = structural;
    this.common = common;
    this.byEventType = byEventType;
  }

  public static FieldPolicy get() {
    return INSTANCE;
  }

  public int version() {
    return version;
  }

  public Entry structural() {
    return structural;
  }

  public List<Entry> common() {
    return common;
  }

  public Map<String, List<Entry>> byEventType() {
    return byEventType;
  }

  /** The taxonomy's attribute sources, by internal name: kept by default, read by features. */
  public static List<String> attributeSources() {
    List<String> out = new ArrayList<>();
    EventTypes.taxonomy()
        .attributes()
        .values()
        .forEach(a -> a.from().forEach(p -> out.add(internal(p))));
    return out;
  }

  /** What an event of {@code eventType} keeps when its tenant lists no fields. */
  public Set<String> defaultsFor(String eventType) {
    Set<String> out = new LinkedHashSet<>(structural.fields());
    common.forEach(e -> out.addAll(e.fields()));
    out.addAll(attributeSources());
    byEventType.getOrDefault(eventType, List.of()).forEach(e -> out.addAll(e.fields()));
    return out;
  }

  /** Whether {@code field} is structural: always kept, whatever a tenant lists. */
  public boolean isStructural(String field) {
    return structural.fields().contains(field);
  }

  /** The problem with {@code field} as a name of the privacy settings, or null if it is one. */
  public static String problemWith(String field) {
    if (field.startsWith("properties.") || field.startsWith("resource.")) {
      String rest = field.substring(field.indexOf('.') + 1);
      return rest.isEmpty() || rest.startsWith(".") || rest.endsWith(".") || rest.contains("..")
          ? "'" + field + "' is not a path: write properties.a.b or resource.key"
          : null;
    }
    if (NAMED.containsKey(field) || INSTANCE.isStructural(field)) {
      return null;
    }
    return "unknown field '"
        + field
        + "'; a field is properties.<path>, resource.<key>, or one of "
        + new java.util.TreeSet<>(
            java.util.stream.Stream.concat(
                    NAMED.keySet().stream(), INSTANCE.structural.fields().stream())
                .toList());
  }

  /** The envelope paths ({@code payload.a}, {@code resource.k}, {@code trace_id}) of a name. */
  static List<String> envelopePaths(String field) {
    if (field.startsWith("properties.")) {
      return List.of("payload." + field.substring("properties.".length()));
    }
    if (field.startsWith("resource.")) {
      return List.of(field);
    }
    return NAMED.getOrDefault(field, List.of());
  }

  /** The internal name of an envelope path: {@code payload.a} is {@code properties.a}. */
  static String internal(String envelopePath) {
    return envelopePath.startsWith("payload.")
        ? "properties." + envelopePath.substring("payload.".length())
        : envelopePath;
  }

  private static FieldPolicy load() {
    try (InputStream in = FieldPolicy.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      JsonNode root = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      Map<String, List<Entry>> byType = new LinkedHashMap<>();
      root.path("by_event_type")
          .fields()
          .forEachRemaining(e -> byType.put(e.getKey(), entries(e.getValue())));
      return new FieldPolicy(
          root.path("version").asInt(),
          entry(root.path("structural")),
          entries(root.path("common")),
          byType);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }

  private static List<Entry> entries(JsonNode list) {
    List<Entry> out = new ArrayList<>();
    list.forEach(n -> out.add(entry(n)));
    return List.copyOf(out);
  }

  private static Entry entry(JsonNode n) {
    List<String> fields = new ArrayList<>();
    n.path("fields").forEach(f -> fields.add(f.asText()));
    return new Entry(List.copyOf(fields), n.path("why").asText());
  }
}
