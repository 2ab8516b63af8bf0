package io.ubi.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;
import io.ubi.model.UbiErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * All tenants' configurations. Each tenant's file under the configuration directory ({@code
 * <tenant_id>.json}) is overlaid on the embedded defaults; a tenant without a file gets the
 * defaults. Every problem in every file is reported at once.
 *
 * <p>Example {@code globex.json}: {@code {"version": 2, "enabled_signal_types": ["risk"]}}.
 */
public final class TenantConfigs implements Serializable {
  private static final String DEFAULTS_RESOURCE = "/io/ubi/model/default-tenant-config.json";

  private final Map<String, TenantConfig> tenants;
  private final Map<String, String> documents;
  private final TenantConfig defaults;

  private TenantConfigs(Map<String, TenantConfig> tenants) {
    this(tenants, Map.of());
  }

  private TenantConfigs(Map<String, TenantConfig> tenants, Map<String, String> documents) {
    this.tenants = Map.copyOf(tenants);
    this.documents = Map.copyOf(documents);
    this.defaults = parse("*", null);
  }

  /** Only the embedded defaults. */
  public static TenantConfigs defaults() {
    return new TenantConfigs(Map.of());
  }

  /** These tenants' configurations (each built by {@link #parse}); others get the defaults. */
  public static TenantConfigs of(Map<String, TenantConfig> tenants) {
    return new TenantConfigs(tenants);
  }

  /**
   * These configurations without their directories, which hold raw actor ids: for the parts of UBI
   * that never need them (the speed layer, the API), so those ids stay beside bronze's nightly
   * reader.
   */
  public TenantConfigs withoutDirectories() {
    Map<String, TenantConfig> stripped = new TreeMap<>();
    tenants.forEach((id, c) -> stripped.put(id, c.withDirectory(Directory.EMPTY)));
    Map<String, String> texts = new TreeMap<>();
    documents.forEach((id, text) -> texts.put(id, settingsOf(text).toString()));
    return new TenantConfigs(stripped, texts);
  }

  /**
   * Loads every {@code *.json} under {@code dir}; a null or missing directory means defaults only.
   */
  public static TenantConfigs load(Path dir) {
    Map<String, TenantConfig> tenants = new TreeMap<>();
    Map<String, String> documents = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    if (dir != null && Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
          String tenantId = file.getFileName().toString().replaceFirst("\\.json$", "");
          try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            tenants.put(tenantId, parse(tenantId, Json.parse(text)));
            documents.put(tenantId, text);
          } catch (RuntimeException e) {
            problems.add(file + ": " + e.getMessage());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list tenant configuration in " + dir, e);
      }
    }
    if (!problems.isEmpty()) {
      throw UbiErrors.invalidConfig(problems);
    }
    return new TenantConfigs(tenants, documents);
  }

  /**
   * These configurations with each tenant's latest stored version in force: a version holds the
   * tenant's whole overlay on the defaults (the file's settings were its start), so it replaces the
   * file's settings; the file keeps only what a version never holds, the directory. A stored
   * version that no longer reads (an unknown key after a downgrade, say) is reported, not skipped.
   */
  public TenantConfigs withVersions(Collection<ConfigVersion> latest) {
    Map<String, TenantConfig> merged = new TreeMap<>(tenants);
    Map<String, String> texts = new TreeMap<>(documents);
    List<String> problems = new ArrayList<>();
    for (ConfigVersion v : latest) {
      try {
        ObjectNode document = withDirectory(v.tenantId(), (ObjectNode) Json.parse(v.settings()));
        document.put("version", v.version());
        merged.put(v.tenantId(), parse(v.tenantId(), document));
        texts.put(v.tenantId(), document.toString());
      } catch (RuntimeException e) {
        problems.add(
            v.tenantId() + ", stored config version " + v.version() + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw UbiErrors.invalidConfig(problems);
    }
    return new TenantConfigs(merged, texts);
  }

  /**
   * The tenant's settings as a new version starts from: its overlay on the defaults (file and
   * stored versions), without the directory.
   */
  public ObjectNode settings(String tenantId) {
    String text = documents.get(tenantId);
    return text == null ? Json.MAPPER.createObjectNode() : settingsOf(text);
  }

  private static ObjectNode settingsOf(String document) {
    ObjectNode o = (ObjectNode) Json.parse(document);
    o.remove("directory");
    return o;
  }

  /**
   * The tenant's whole configuration as a document: the defaults with its settings over them, the
   * feature windows included (the catalogue's unless the tenant chose its own).
   */
  public ObjectNode document(String tenantId) {
    return document(tenantId, settings(tenantId));
  }

  /**
   * Settings (a stored version's, say) laid over the embedded defaults, as one document, with the
   * feature windows and minimum supports they give: what {@link #document(String)} answered while
   * they were in force.
   */
  public static ObjectNode document(String tenantId, JsonNode settings) {
    ObjectNode document = (ObjectNode) Json.parse(defaultsText());
    if (settings instanceof ObjectNode o) {
      deepMerge(document, o);
    }
    document.remove("directory");
    FeatureSettings features = parse(tenantId, settings).features();
    ObjectNode windows = document.putObject("feature_windows");
    features.windowsDays().forEach(windows.putArray("windows_days")::add);
    ObjectNode support = windows.putObject("min_support");
    features.minSupport().forEach(support::put);
    return document;
  }

  /**
   * A tenant's next version: its settings with the change laid over them, and the configuration
   * they give.
   *
   * @param settings the whole overlay to store, {@code version} included
   */
  public record Change(ObjectNode settings, TenantConfig config) {}

  /**
   * Lays {@code change} over the tenant's settings as a JSON merge patch (RFC 7396: objects merge,
   * other values replace, {@code null} removes a key so that it falls back to the default) and
   * checks the result as its version {@code version}: an object, without a directory (raw actor ids
   * are kept in the tenant's file beside bronze only), that reads as a valid configuration.
   *
   * @throws io.ubi.model.UbiException naming every problem
   */
  public Change change(String tenantId, JsonNode change, int version) {
    if (change == null || !change.isObject()) {
      throw UbiErrors.invalidTenantConfig(
          tenantId, List.of("the configuration must be a JSON object"));
    }
    if (change.has("directory")) {
      throw UbiErrors.invalidTenantConfig(
          tenantId,
          List.of(
              "directory: teams and cohorts by member are raw actor ids, set only in the tenant's"
                  + " file beside bronze"));
    }
    ObjectNode settings = settings(tenantId);
    mergePatch(settings, (ObjectNode) change);
    settings.put("version", version);
    return new Change(settings, parse(tenantId, withDirectory(tenantId, settings.deepCopy())));
  }

  private static void mergePatch(ObjectNode target, ObjectNode patch) {
    patch
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode existing = target.get(e.getKey());
              if (e.getValue().isNull()) {
                target.remove(e.getKey());
              } else if (existing instanceof ObjectNode t && e.getValue() instanceof ObjectNode p) {
                mergePatch(t, p);
              } else {
                target.set(e.getKey(), e.getValue());
              }
            });
  }

  /** {@code settings} with the directory of the tenant's file, if it has one. */
  private ObjectNode withDirectory(String tenantId, ObjectNode settings) {
    String text = documents.get(tenantId);
    JsonNode directory = text == null ? null : Json.parse(text).get("directory");
    if (directory != null) {
      settings.set("directory", directory);
    }
    return settings;
  }

  public TenantConfig forTenant(String tenantId) {
    TenantConfig own = tenants.get(tenantId);
    return own != null ? own : defaults.withTenantId(tenantId);
  }

  public Set<String> configuredTenants() {
    return tenants.keySet();
  }

  /** Whether any tenant, or the defaults, has a signal class raised near real time. */
  public boolean anyNearRealTime() {
    return !forTenant("*").signalSwitches().nearRealTime().isEmpty()
        || tenants.values().stream().anyMatch(t -> !t.signalSwitches().nearRealTime().isEmpty());
  }

  /** Parses a tenant's overrides laid over the defaults, reporting every invalid key at once. */
  public static TenantConfig parse(String tenantId, JsonNode overrides) {
    ObjectNode merged = (ObjectNode) Json.parse(defaultsText());
    if (overrides != null && !overrides.isObject()) {
      throw UbiErrors.invalidTenantConfig(
          tenantId, List.of("the configuration must be a JSON object"));
    }
    if (overrides != null) {
      deepMerge(merged, (ObjectNode) overrides);
    }
    return new TenantConfigParser(tenantId, merged).parse();
  }

  private static void deepMerge(ObjectNode target, ObjectNode source) {
    source
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode existing = target.get(e.getKey());
              if (existing instanceof ObjectNode t
                  && e.getValue() instanceof ObjectNode s
                  && !e.getKey().equals("aliases")) {
                deepMerge(t, s);
              } else {
                target.set(e.getKey(), e.getValue());
              }
            });
  }

  private static String defaultsText() {
    try (InputStream in = TenantConfigs.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException(
          "Cannot read " + DEFAULTS_RESOURCE + " from the classpath", e);
    }
  }
}
