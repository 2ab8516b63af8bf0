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
    Path dataDir = Path.of(get.apply("data.dir")).toAbsolutePath().normalize();
    String tenantDir = get.apply("tenant.config.dir");
    UbiConfig config =
        new UbiConfig(
            dataDir,
            get.apply("kafka.bootstrap").trim(),
            port("kafka.port", get, problems),
            nonBlank("topic.events", get, problems),
            nonBlank("topic.dlq", get, problems),
            nonBlank("topic.signals", get, problems),
            nonBlank("topic.feedback", get, problems),
            nonBlank("api.host", get, problems),
            port("api.port", get, problems),
            UbiApi.Settings.DEFAULT.withRate(
                positive("api.rate.per.second", get, problems),
                (int) Math.min(Integer.MAX_VALUE, positive("api.rate.burst", get, problems))),
            new LakeReader.Caching(
                Duration.ofMillis(atLeast("api.cache.refresh.ms", 0, get, problems)),
                atLeast("api.cache.rows", 0, get, problems)),
            jwks(get, problems),
            nonBlank("jwt.issuer", get, problems).trim(),
            Duration.ofSeconds(positive("jwks.cache.seconds", get, problems)),
            Duration.ofSeconds(positive("jwks.refresh.min.seconds", get, problems)),
            iamUrl(get, problems),
            Duration.ofMillis(positive("iam.timeout.ms", get, problems)),
            Duration.ofSeconds(atLeast("iam.cache.seconds", 0, get, problems)),
            governanceUrl(get, problems),
            Duration.ofMillis(positive("governance.timeout.ms", get, problems)),
            get.apply("pseudonym.key"),
            tenantDir.isBlank() ? dataDir.resolve("tenants") : Path.of(tenantDir),
            Duration.ofMillis(positive("stream.trigger.ms", get, problems)),
            positive("stream.max.offsets.per.trigger", get, problems),
            Duration.ofMillis(positive("stream.intraday.trigger.ms", get, problems)),
            (int) positive("stream.intraday.days", get, problems),
            Duration.ofMinutes(
                atLeast(
                    "stream.dedupe.horizon.minutes",
                    StreamSettings.CLOCK_SKEW.multipliedBy(2).toMinutes(),
                    get,
                    problems)),
            (int) atLeast("batch.late.lookback.days", 0, get, problems),
            Duration.ofSeconds(positive("config.refresh.seconds", get, problems)),
            nonBlank("spark.master", get, problems));
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

  private static String governanceUrl(Function<String, String> get, List<String> problems) {
    String url = get.apply("governance.url").trim();
    if (!url.isBlank()) {
      try {
        new GovernanceClassifier(url, Duration.ofSeconds(1));
      } catch (IllegalArgumentException e) {
        problems.add("governance.url: " + e.getMessage());
      }
    }
    return url;
  }

  private static String jwks(Function<String, String> get, List<String> problems) {
    String jwks = get.apply("jwks").trim();
    String problem = jwks.isEmpty() ? null : JwksLocation.problem(jwks);
    if (problem != null) {
      problems.add("jwks: " + problem);
    }
    return jwks;
  }

  private static String iamUrl(Function<String, String> get, List<String> problems) {
    String url = get.apply("iam.url").trim();
    String problem = url.isEmpty() ? null : IamAuthenticator.urlProblem(url);
    if (problem != null) {
      problems.add("iam.url: " + problem);
    }
    return url;
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

  private static int port(String key, Function<String, String> get, List<String> problems) {
    long p = number(key, get, problems);
    if (p < 0 || p > 65535) {
      problems.add(key + ": must be a port number (0 picks a free one), got " + get.apply(key));
    }
    return (int) p;
  }

  private static long positive(String key, Function<String, String> get, List<String> problems) {
    return atLeast(key, 1, get, problems);
  }

  private static long atLeast(
      String key, long min, Function<String, String> get, List<String> problems) {
    long v = number(key, get, problems);
    if (v < min) {
      problems.add(
          key
              + (min == 1 ? ": must be positive" : ": must be at least " + min)
              + ", got "
              + get.apply(key));
      return min;
    }
    return v;
  }

  private static long number(String key, Function<String, String> get, List<String> problems) {
    try {
      return Long.parseLong(get.apply(key).trim());
    } catch (NumberFormatException e) {
      problems.add(key + ": must be a whole number, got '" + get.apply(key) + "'");
      return 1;
    }
  }

  private static String nonBlank(String key, Function<String, String> get, List<String> problems) {
    String v = get.apply(key);
    if (v == null || v.isBlank()) {
      problems.add(key + ": must not be empty");
    }
    return v;
  }
}
