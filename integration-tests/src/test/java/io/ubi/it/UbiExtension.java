package io.ubi.it;

import io.ubi.launcher.UbiConfig;
import io.ubi.launcher.UbiRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One UBI per test JVM: embedded broker, local Spark, Delta lakehouse on a temporary directory and
 * the API on a free port, started by the first test class that needs it and stopped after the last.
 * Test classes keep out of each other's way by using their own tenants.
 */
public final class UbiExtension implements BeforeAllCallback, ParameterResolver {
  private static final String KEY = "ubi-runtime";

  /** The tenant whose event types are restricted, to exercise data-minimisation drops. */
  public static final String MINIMAL_TENANT = "it-minimal";

  @Override
  public void beforeAll(ExtensionContext context) {
    runtime(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == UbiRuntime.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return runtime(e);
  }

  /** A tenant in Asia/Tokyo, with 7-day windows only and its own minimum support for one ratio. */
  static final String TOKYO_TENANT = "it-tokyo";

  /** A tenant that works every day and has risks raised near real time by the speed layer. */
  static final String NRT_TENANT = "it-nrt";

  /** A tenant whose settings the config API changes, from a file of version 2. */
  static final String CONFIGURED_TENANT = "it-configured";

  /** A tenant that lets the nightly job apply its threshold proposals, with a directory. */
  static final String TUNED_TENANT = "it-tuned";

  private static UbiRuntime runtime(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(KEY, k -> new Shared(), Shared.class)
        .runtime;
  }

  /** Closed by JUnit when the root context closes, i.e. after every test class ran. */
  private static final class Shared implements ExtensionContext.Store.CloseableResource {
    final Path dir;
    final UbiRuntime runtime;

    Shared() {
      try {
        dir = Files.createTempDirectory("ubi-it-");
        Path tenants = Files.createDirectories(dir.resolve("tenants"));
        Files.writeString(
            tenants.resolve(MINIMAL_TENANT + ".json"),
            """
            {"version": 3,
             "enabled_event_categories": ["file_edited", "build_failed", "build_succeeded"]}
            """);
        // A tenant far from UTC, whose days start nine hours before the UTC day does, and which
        // wants no 28-day window and trusts a retry rate from a single request.
        Files.writeString(
            tenants.resolve(TOKYO_TENANT + ".json"),
            """
            {"version": 1, "working_hours": {"time_zone": "Asia/Tokyo"},
             "feature_windows": {"windows_days": [1, 7], "min_support": {"llm_retry_rate": 1}}}
            """);
        Files.writeString(
            tenants.resolve(NRT_TENANT + ".json"),
            """
            {"version": 1,
             "working_hours": {"time_zone": "UTC", "workdays": ["monday", "tuesday",
               "wednesday", "thursday", "friday", "saturday", "sunday"]},
             "signals": {"delivery": {"risk": "near_real_time"}}}
            """);
        Files.writeString(
            tenants.resolve(TUNED_TENANT + ".json"),
            """
            {"version": 4,
             "anomaly_thresholds": {"auto_tune": true,
               "per_dimension": {"flow": {"warn": 2.6, "critical": 3.6}}},
             "directory": {"teams": {"core": ["dev-a", "dev-b", "dev-c", "dev-d", "dev-e"]}}}
            """);
        Files.writeString(
            tenants.resolve(CONFIGURED_TENANT + ".json"),
            """
            {"version": 2, "stale_after_minutes": 90,
             "directory": {"teams": {"core": ["dev-a", "dev-b", "dev-c", "dev-d", "dev-e"]}}}
            """);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("data.dir", dir.toString());
        settings.put("kafka.port", "0");
        settings.put("api.port", "0");
        settings.put("stream.trigger.ms", "500");
        settings.put("stream.intraday.trigger.ms", "500");
        settings.put("config.refresh.seconds", "1");
        runtime =
            UbiRuntime.start(
                UbiConfig.resolve(settings, Map.of()), m -> System.out.println("[it] " + m));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() throws IOException {
      runtime.close();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
