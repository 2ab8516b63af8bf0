package io.ubi.launcher;

import io.ubi.batch.BatchSettings;
import io.ubi.model.UbiErrors;
import io.ubi.serving.UbiApi;
import io.ubi.serving.auth.IamAuthenticator;
import io.ubi.serving.auth.JwksLocation;
import io.ubi.serving.auth.JwksSettings;
import io.ubi.serving.governance.GovernanceClassifier;
import io.ubi.serving.read.LakeReader;
import io.ubi.streaming.StreamSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * UBI's runtime configuration, resolved in one place with one precedence: command line, then
 * environment ({@code UBI_DATA_DIR} for {@code data.dir}), then the properties file named by {@code
 * --config} or {@code UBI_CONFIG}, then the embedded default. Every invalid key is reported at
 * once.
 *
 * <p>Blank {@code kafka.bootstrap} means "start the embedded broker"; blank {@code jwks} means "the
 * demo keys under the data directory". Tokens are verified by one of: the local demo key, a JWKS
 * ({@code jwks}: a file or URL, one for all tenants or a template with {@code {tenant_id}} for one
 * per tenant), or IAM ({@code iam.url}, {@code POST /iam/v1/verify}); setting both {@code jwks} and
 * {@code iam.url} is refused.
 */
public record UbiConfig(
    Path dataDir,
    String kafkaBootstrap,
    int kafkaPort,
    String eventsTopic,
    String dlqTopic,
    String signalsTopic,
    String feedbackTopic,
    String apiHost,
    int apiPort,
    UbiApi.Settings apiLimits,
    LakeReader.Caching apiCache,
    String jwks,
    String issuer,
    Duration jwksCache,
    Duration jwksMinRefresh,
    String iamUrl,
    Duration iamTimeout,
    Duration iamCache,
    String governanceUrl,
    Duration governanceTimeout,
    String pseudonymKey,
    Path tenantConfigDir,
    Duration trigger,
    long maxOffsetsPerTrigger,
    Duration intradayTrigger,
    int intradayDays,
    Duration dedupeHorizon,
    int lateLookbackDays,
    Duration configRefresh,
    String sparkMaster) {

  /** Every key with its default, in the order the README documents them. */
  public static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("data.dir", "ubi-data");
    d.put("kafka.bootstrap", "");
    d.put("kafka.port", "9092");
    d.put("topic.events", "ubi.signal_envelopes");
    d.put("topic.dlq", "ubi.signal_envelopes.dlq");
    d.put("topic.signals", "ubi.behavioural_signals");
    d.put("topic.feedback", BatchSettings.DEFAULT_FEEDBACK_TOPIC);
    d.put("api.host", "127.0.0.1");
    d.put("api.port", "8080");
    d.put("api.rate.per.second", String.valueOf((long) UbiApi.Settings.DEFAULT_RATE_PER_SECOND));
    d.put("api.rate.burst", String.valueOf(UbiApi.Settings.DEFAULT_RATE_BURST));
    d.put("api.cache.refresh.ms", "1000");
    d.put("api.cache.rows", String.valueOf(LakeReader.Caching.DEFAULT_MAX_ROWS));
    d.put("jwks", "");
    d.put("jwt.issuer", "ubi-demo");
    d.put("jwks.cache.seconds", "300");
    d.put("jwks.refresh.min.seconds", "30");
    d.put("iam.url", "");
    d.put("iam.timeout.ms", "2000");
    d.put("iam.cache.seconds", "30");
    d.put("governance.url", "");
    d.put("governance.timeout.ms", "1000");
    d.put("pseudonym.key", "");
    d.put("tenant.config.dir", "");
    d.put("stream.trigger.ms", "1000");
    d.put("stream.max.offsets.per.trigger", "50000");
    d.put("stream.intraday.trigger.ms", "30000");
    d.put("stream.intraday.days", "2");
    d.put("stream.dedupe.horizon.minutes", "15");
    d.put("batch.late.lookback.days", String.valueOf(BatchSettings.DEFAULT_LATE_LOOKBACK_DAYS));
    d.put("config.refresh.seconds", "30");
    d.put("spark.master", "local[2]");
    return d;
  }

  public static String envName(String key) {
    return "UBI_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  public static UbiConfig resolve(Map<String, String> cli, Map<String, String> env) {
    Map<String, String> file = new LinkedHashMap<>();
    String configFile = cli.getOrDefault("config", env.get("UBI_CONFIG"));
    if (configFile != null && !configFile.isBlank()) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(Path.of(configFile))) {
        p.load(r);
      } catch (IOException e) {
        throw UbiErrors.invalidConfig(
            List.of("config: cannot read " + configFile + ": " + e.getMessage()));
      }
      p.stringPropertyNames().forEach(k -> file.put(k, p.getProperty(k)));
    }
    List<String> problems = new ArrayList<>();
    for (String k : cli.keySet()) {
      if (!DEFAULTS.containsKey(k) && !k.equals("config")) {
        problems.add(k + ": unknown setting; known: " + String.join(", ", DEFAULTS.keySet()));
      }
    }
    for (String k : file.keySet()) {
      if (!DEFAULTS.containsKey(k)) {
        problems.add(k + " (in " + configFile + "): unknown setting");
      }
    }
    Function<String, String> get =
        k -> {
          if (cli.containsKey(k)) {
            return cli.get(k);
          }
          String e = env.get(envName(k));
          if (e != null) {
            return e;
          }
          return file.getOrDefault(k, DEFAULTS.get(k));
        };
    ConfigValues v = new ConfigValues(get, problems);
    Path dataDir = Path.of(get.apply("data.dir")).toAbsolutePath().normalize();
    String tenantDir = get.apply("tenant.config.dir");
    UbiConfig config =
        new UbiConfig(
            dataDir,
            get.apply("kafka.bootstrap").trim(),
            v.port("kafka.port"),
            v.nonBlank("topic.events"),
            v.nonBlank("topic.dlq"),
            v.nonBlank("topic.signals"),
            v.nonBlank("topic.feedback"),
            v.nonBlank("api.host"),
            v.port("api.port"),
            UbiApi.Settings.DEFAULT.withRate(
                v.positive("api.rate.per.second"),
                (int) Math.min(Integer.MAX_VALUE, v.positive("api.rate.burst"))),
            new LakeReader.Caching(
                Duration.ofMillis(v.atLeast("api.cache.refresh.ms", 0)),
                v.atLeast("api.cache.rows", 0)),
            v.checked("jwks", JwksLocation::problem),
            v.nonBlank("jwt.issuer").trim(),
            Duration.ofSeconds(v.positive("jwks.cache.seconds")),
            Duration.ofSeconds(v.positive("jwks.refresh.min.seconds")),
            v.checked("iam.url", IamAuthenticator::urlProblem),
            Duration.ofMillis(v.positive("iam.timeout.ms")),
            Duration.ofSeconds(v.atLeast("iam.cache.seconds", 0)),
            v.checked("governance.url", GovernanceClassifier::urlProblem),
            Duration.ofMillis(v.positive("governance.timeout.ms")),
            get.apply("pseudonym.key"),
            tenantDir.isBlank() ? dataDir.resolve("tenants") : Path.of(tenantDir),
            Duration.ofMillis(v.positive("stream.trigger.ms")),
            v.positive("stream.max.offsets.per.trigger"),
            Duration.ofMillis(v.positive("stream.intraday.trigger.ms")),
            (int) v.positive("stream.intraday.days"),
            Duration.ofMinutes(
                v.atLeast(
                    "stream.dedupe.horizon.minutes",
                    StreamSettings.CLOCK_SKEW.multipliedBy(2).toMinutes())),
            (int) v.atLeast("batch.late.lookback.days", 0),
            Duration.ofSeconds(v.positive("config.refresh.seconds")),
            v.nonBlank("spark.master"));
    if (problems.stream().noneMatch(p -> p.startsWith("jwks."))
        && config.jwksMinRefresh().compareTo(config.jwksCache()) >= 0) {
      problems.add(
          "jwks.refresh.min.seconds: must be less than jwks.cache.seconds ("
              + config.jwksCache().toSeconds()
              + "), got "
              + config.jwksMinRefresh().toSeconds());
    }
    if (!config.jwks().isBlank() && config.delegatesToIam()) {
      problems.add(
          "iam.url: set either iam.url (IAM verifies tokens) or jwks (UBI verifies them against"
              + " those keys), not both");
    }
    if (!problems.isEmpty()) {
      throw UbiErrors.invalidConfig(problems);
    }
    return config;
  }

  /** True when IAM verifies tokens ({@code iam.url} is set). */
  public boolean delegatesToIam() {
    return !iamUrl.isBlank();
  }

  /** How the JWKS of {@code jwks} is cached and refreshed. */
  public JwksSettings jwksSettings() {
    return JwksSettings.DEFAULT.withCache(jwksCache, jwksMinRefresh);
  }

  /** The nightly job's settings, publishing to {@code bootstrap}. */
  public BatchSettings batchSettings(String bootstrap) {
    return new BatchSettings(bootstrap, signalsTopic, lateLookbackDays, feedbackTopic);
  }

  public Path lakeDir() {
    return dataDir.resolve("lake");
  }

  public Path checkpointDir() {
    return dataDir.resolve("checkpoints").resolve("event-stream");
  }

  public Path keysDir() {
    return dataDir.resolve("keys");
  }

  public boolean embeddedKafka() {
    return kafkaBootstrap.isBlank();
  }
}
