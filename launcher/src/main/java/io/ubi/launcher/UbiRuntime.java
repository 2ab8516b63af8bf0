package io.ubi.launcher;

import io.javalin.Javalin;
import io.ubi.batch.NightlyBatchJob;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.privacy.FieldClassifier;
import io.ubi.model.privacy.Pseudonymizer;
import io.ubi.serving.UbiApi;
import io.ubi.serving.auth.Authenticator;
import io.ubi.serving.auth.IamAuthenticator;
import io.ubi.serving.auth.JwtAuthenticator;
import io.ubi.serving.config.ConfigReceipts;
import io.ubi.serving.governance.GovernanceClassifier;
import io.ubi.serving.ingest.KafkaEnvelopePublisher;
import io.ubi.serving.read.LakeReader;
import io.ubi.streaming.EventStreamJob;
import io.ubi.streaming.MicroBatchProcessor;
import io.ubi.streaming.StreamSettings;
import io.ubi.transforms.Lake;
import io.ubi.transforms.LiveConfigs;
import io.ubi.transforms.UbiSpark;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.sql.SparkSession;

/**
 * UBI in one process: the event bus (embedded broker unless {@code kafka.bootstrap} is set), the
 * speed layer, the serving API and, on demand, the nightly job, all on one configuration.
 */
public final class UbiRuntime implements AutoCloseable {
  private final UbiConfig config;
  private final EmbeddedKafka kafka;
  private final String bootstrap;
  private final LocalKeys keys;
  private final Pseudonymizer pseudonymizer;
  private final TenantConfigs tenantConfigs;
  private final SparkSession spark;
  private final Lake lake;
  private final MicroBatchProcessor processor;
  private final EventStreamJob.SpeedLayer stream;
  private final KafkaEnvelopePublisher publisher;
  private final KafkaEnvelopePublisher feedbackPublisher;
  private final Javalin api;
  private final LiveConfigs liveConfigs;
  private final RuntimeReadiness readiness;
  private final ScheduledExecutorService configRefresh;
  private final Consumer<String> progress;
  private volatile Runnable shutdownHook;
  private volatile boolean closed;

  private UbiRuntime(UbiConfig config, Consumer<String> progress) {
    this.progress = progress;
    this.config = config;
    progress.accept("Starting the event bus");
    this.kafka =
        config.embeddedKafka()
            ? EmbeddedKafka.start(config.dataDir().resolve("kafka"), config.kafkaPort())
            : null;
    this.bootstrap = kafka != null ? kafka.bootstrapServers() : config.kafkaBootstrap();
    EmbeddedKafka.createTopics(
        bootstrap,
        Map.of(
            config.eventsTopic(),
            2,
            config.dlqTopic(),
            1,
            config.signalsTopic(),
            2,
            config.feedbackTopic(),
            1),
        Set.of(config.feedbackTopic()));
    progress.accept("Kafka at " + bootstrap + (kafka != null ? " (embedded, KRaft)" : ""));

    this.keys = new LocalKeys(config.keysDir());
    this.pseudonymizer =
        new Pseudonymizer(
            config.pseudonymKey().isBlank() ? keys.pseudonymKey() : config.pseudonymKey());
    this.tenantConfigs = TenantConfigs.load(config.tenantConfigDir());

    progress.accept("Starting Spark (" + config.sparkMaster() + ")");
    this.spark =
        UbiSpark.builder("ubi")
            .master(config.sparkMaster())
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.warehouse.dir", config.dataDir().resolve("warehouse").toString())
            .getOrCreate();
    this.lake = new Lake(spark, config.lakeDir());
    lake.ensureTables();
    progress.accept("Lakehouse at " + config.lakeDir());

    StreamSettings streamSettings =
        new StreamSettings(
            bootstrap,
            config.eventsTopic(),
            config.dlqTopic(),
            config.checkpointDir(),
            config.trigger(),
            config.maxOffsetsPerTrigger(),
            config.intradayTrigger(),
            config.intradayDays(),
            config.dedupeHorizon(),
            config.signalsTopic());
    // Only the nightly job reads the tenant directories (raw actor ids, like bronze). The speed
    // layer and the API follow the stored versions while they run; the nightly job reads them
    // afresh at each run.
    this.liveConfigs = new LiveConfigs(lake, tenantConfigs.withoutDirectories());
    this.configRefresh =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ubi-config-refresh");
              t.setDaemon(true);
              return t;
            });
    configRefresh.scheduleWithFixedDelay(
        liveConfigs::refresh,
        config.configRefresh().toMillis(),
        config.configRefresh().toMillis(),
        TimeUnit.MILLISECONDS);
    this.processor =
        new MicroBatchProcessor(
            lake, streamSettings, liveConfigs, pseudonymizer, Clock.systemUTC());
    this.stream = EventStreamJob.start(spark, lake, streamSettings, processor);
    progress.accept("Speed layer streaming from " + config.eventsTopic());

    Authenticator authenticator;
    String verifiedBy;
    if (config.delegatesToIam()) {
      IamAuthenticator iam =
          new IamAuthenticator(config.iamUrl(), config.iamTimeout(), config.iamCache());
      authenticator = iam;
      verifiedBy = "IAM " + iam.verifyUri();
    } else {
      if (config.jwks().isBlank()) {
        keys.signingKey();
      }
      String jwks = config.jwks().isBlank() ? keys.jwksFile().toString() : config.jwks();
      authenticator = JwtAuthenticator.fromJwks(jwks, config.issuer(), config.jwksSettings());
      verifiedBy = "JWKS " + jwks;
    }
    this.publisher = new KafkaEnvelopePublisher(bootstrap, config.eventsTopic());
    this.feedbackPublisher = new KafkaEnvelopePublisher(bootstrap, config.feedbackTopic());
    LakeReader reader = new LakeReader(config.lakeDir(), config.apiCache());
    this.readiness = new RuntimeReadiness(reader, bootstrap);
    this.api =
        UbiApi.create(
            new UbiApi.Dependencies(
                authenticator,
                publisher,
                feedbackPublisher,
                reader,
                new LakeConfigRepository(liveConfigs),
                ConfigReceipts.DETERMINISTIC,
                readiness,
                pseudonymizer,
                classifier(config, progress),
                Clock.systemUTC()),
            config.apiLimits());
    api.start(config.apiHost(), config.apiPort());
    progress.accept("Serving API at " + baseUrl() + " (tokens verified by " + verifiedBy + ")");
  }

  public static UbiRuntime start(UbiConfig config, Consumer<String> progress) {
    return new UbiRuntime(config, progress);
  }

  /** The Data Governance classification the ingest API asks, when one is configured. */
  private static FieldClassifier classifier(UbiConfig config, Consumer<String> progress) {
    if (config.governanceUrl().isBlank()) {
      return FieldClassifier.NONE;
    }
    GovernanceClassifier g =
        new GovernanceClassifier(config.governanceUrl(), config.governanceTimeout());
    progress.accept("Fields classified by Data Governance at " + g.uri() + " and UBI's rules");
    return g;
  }

  public String baseUrl() {
    return "http://" + config.apiHost() + ":" + api.port();
  }

  public String bootstrapServers() {
    return bootstrap;
  }

  public LocalKeys keys() {
    return keys;
  }

  /** The pseudonyms both layers and the API use. */
  public Pseudonymizer pseudonymizer() {
    return pseudonymizer;
  }

  public UbiConfig config() {
    return config;
  }

  public Lake lake() {
    return lake;
  }

  public MicroBatchProcessor processor() {
    return processor;
  }

  /** The tenants' files and the embedded defaults: what stored versions are laid over. */
  public TenantConfigs tenantConfigs() {
    return tenantConfigs;
  }

  /** The settings the speed layer and the API have in force (no directories). */
  public LiveConfigs liveConfigs() {
    return liveConfigs;
  }

  public NightlyBatchJob nightlyJob() {
    return new NightlyBatchJob(
        lake, tenantConfigs, config.batchSettings(bootstrap), Clock.systemUTC());
  }

  /**
   * Blocks until every record on the events topic at call time is in the lakehouse, and the
   * intraday features include it.
   */
  public void awaitStreamCaughtUp() {
    stream.processAllAvailable();
  }

  /** Blocks until every record on the events topic at call time is in bronze (or the DLQ). */
  public void awaitBronzeCaughtUp() {
    stream.events().processAllAvailable();
  }

  /**
   * Above the priority of Spark's own shutdown hook (40 in Hadoop's hook manager), which stops the
   * SparkContext: UBI must stop its queries, API and broker first, in order, or the queries fail on
   * a context stopped under them.
   */
  static final int SHUTDOWN_PRIORITY = 100;

  /**
   * Closes this runtime when the JVM is asked to stop (Ctrl-C, SIGTERM), before Spark's hook runs;
   * the latch opens once it is closed. A {@link #close} before that cancels the hook.
   */
  public CountDownLatch closeOnShutdown() {
    CountDownLatch closed = new CountDownLatch(1);
    Runnable hook =
        () -> {
          progress.accept("stopping");
          close();
          progress.accept("stopped");
          closed.countDown();
        };
    shutdownHook = hook;
    ShutdownHookManager.get().addShutdownHook(hook, SHUTDOWN_PRIORITY, 90, TimeUnit.SECONDS);
    return closed;
  }

  /** How long a stop waits for Spark's cancelled tasks to end before it stops Spark. */
  private static final Duration SPARK_IDLE_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Stops UBI in the order that loses nothing: the API first (no new events are accepted, and those
   * already acknowledged are on the topic), then the speed layer between micro-batches, the ingest
   * producer, Spark once its tasks have ended, and the broker last.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    Runnable hook = shutdownHook;
    if (hook != null && !ShutdownHookManager.get().isShutdownInProgress()) {
      ShutdownHookManager.get().removeShutdownHook(hook);
    }
    api.stop();
    progress.accept("API stopped");
    configRefresh.shutdownNow();
    readiness.close();
    try {
      stream.stop();
    } catch (TimeoutException e) {
      // Spark's own stop timeout (spark.sql.streaming.stopTimeout); go on stopping the rest.
    }
    progress.accept("speed layer stopped");
    publisher.close();
    feedbackPublisher.close();
    UbiSpark.stopWhenIdle(spark, SPARK_IDLE_TIMEOUT);
    progress.accept("Spark stopped");
    if (kafka != null) {
      kafka.close();
      progress.accept("event bus stopped");
    }
  }

  /** Whether {@link #close} has begun: work failing after that was stopped on purpose. */
  public boolean closing() {
    return closed;
  }
}
