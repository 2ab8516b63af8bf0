package io.ubi.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ubi.lakehouse.FeedbackRows;
import io.ubi.lakehouse.GoldTables;
import io.ubi.model.Json;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.feedback.FeedbackQuality;
import io.ubi.model.feedback.SignalFeedback;
import io.ubi.transforms.ConfigStore;
import io.ubi.transforms.Lake;
import io.ubi.transforms.SparkSchemas;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly feedback step (PRD FR-4): reads every verdict on the compacted feedback topic into
 * {@code gold.signal_feedback} (one row per caller and signal, the latest verdict winning), then
 * writes the night's false-positive rates ({@code gold.signal_quality}) and threshold proposals
 * ({@code gold.threshold_proposals}) of every tenant with feedback, from {@link FeedbackQuality};
 * where a tenant lets it ({@code anomaly_thresholds.auto_tune}), applies them ({@link
 * ThresholdTuning}).
 *
 * <p>The topic is compacted and keyed by feedback id, so it holds each caller's latest verdict on
 * each signal for good: reading it whole each night needs no stored offsets, and a lost table can
 * be rebuilt from it. Verdicts are few (people rating signals), so they are handled on the driver.
 */
final class FeedbackStage {
  private static final Logger LOG = LoggerFactory.getLogger(FeedbackStage.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration DEADLINE = Duration.ofMinutes(2);

  private final Lake lake;
  private final TenantConfigs configs;
  private final BatchSettings settings;
  private final ThresholdTuning tuning;

  FeedbackStage(Lake lake, TenantConfigs configs, BatchSettings settings) {
    this.lake = lake;
    this.configs = configs;
    this.settings = settings;
    this.tuning = new ThresholdTuning(new ConfigStore(lake));
  }

  /** Stores new verdicts, then writes the rates and proposals of the night {@code night}. */
  void run(LocalDate night, Instant now) {
    if (settings.hasBroker()) {
      Collection<SignalFeedback> verdicts = readTopic();
      if (verdicts.isEmpty()) {
        // The compacted topic holds every verdict ever given: none, nothing to measure.
        return;
      }
      store(verdicts);
    }
    Map<String, List<SignalFeedback>> byTenant = new TreeMap<>();
    for (Row r : lake.read(GoldTables.SIGNAL_FEEDBACK).collectAsList()) {
      SignalFeedback f = FeedbackRows.fromRow(r::getAs);
      byTenant.computeIfAbsent(f.tenantId(), t -> new ArrayList<>()).add(f);
    }
    if (byTenant.isEmpty()) {
      // No verdict has ever been given: nothing to measure, and no empty commits to make.
      return;
    }
    List<Row> rates = new ArrayList<>();
    List<Row> proposals = new ArrayList<>();
    byTenant.forEach(
        (tenant, feedback) -> {
          for (FeedbackQuality.Rate r : FeedbackQuality.rates(feedback)) {
            rates.add(
                SparkSchemas.row(
                    GoldTables.SIGNAL_QUALITY, FeedbackRows.toRow(tenant, r, night, now)));
          }
          List<FeedbackQuality.Proposal> proposed =
              FeedbackQuality.proposals(
                  feedback,
                  configs.forTenant(tenant).anomalyThresholds(),
                  FeedbackQuality.DEFAULT_MIN_RATINGS);
          Integer applied = tuning.apply(configs, tenant, proposed, now).orElse(null);
          for (FeedbackQuality.Proposal p : proposed) {
            Integer version = p.status() == FeedbackQuality.Status.PROPOSED ? applied : null;
            proposals.add(
                SparkSchemas.row(
                    GoldTables.THRESHOLD_PROPOSALS,
                    FeedbackRows.toRow(tenant, p, version, night, now)));
          }
        });
    lake.replaceDays(
        GoldTables.SIGNAL_QUALITY, frame(GoldTables.SIGNAL_QUALITY, rates), night, night);
    lake.replaceDays(
        GoldTables.THRESHOLD_PROPOSALS,
        frame(GoldTables.THRESHOLD_PROPOSALS, proposals),
        night,
        night);
    LOG.info(
        "Feedback: {} verdicts of {} tenants; {} quality rows, {} threshold proposals for {}",
        byTenant.values().stream().mapToInt(List::size).sum(),
        byTenant.size(),
        rates.size(),
        proposals.size(),
        night);
  }

  private org.apache.spark.sql.Dataset<Row> frame(io.ubi.lakehouse.TableDef table, List<Row> rows) {
    return lake.spark().createDataFrame(rows, SparkSchemas.of(table));
  }

  /** Upserts the verdicts, latest per feedback id, into their signals' days. */
  private void store(Collection<SignalFeedback> feedback) {
    if (feedback.isEmpty()) {
      return;
    }
    List<Row> rows = new ArrayList<>();
    Set<String> tenants = new TreeSet<>();
    Set<LocalDate> days = new TreeSet<>();
    for (SignalFeedback f : feedback) {
      rows.add(SparkSchemas.row(GoldTables.SIGNAL_FEEDBACK, FeedbackRows.toRow(f)));
      tenants.add(f.tenantId());
      days.add(LocalDate.parse(f.detectedFor()));
    }
    lake.upsert(GoldTables.SIGNAL_FEEDBACK, frame(GoldTables.SIGNAL_FEEDBACK, rows), tenants, days);
  }

  /** Every verdict on the topic, the latest per feedback id; unreadable records are skipped. */
  private Collection<SignalFeedback> readTopic() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<String, SignalFeedback> latest = new HashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      List<PartitionInfo> infos =
          consumer.partitionsFor(settings.feedbackTopic(), POLL.multipliedBy(20));
      if (infos == null || infos.isEmpty()) {
        LOG.info("No feedback topic {} yet: no verdicts to read", settings.feedbackTopic());
        return List.of();
      }
      List<TopicPartition> partitions =
          infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Reading the feedback topic " + settings.feedbackTopic() + " took over " + DEADLINE);
        }
        for (ConsumerRecord<String, String> r : consumer.poll(POLL)) {
          try {
            SignalFeedback f = Json.MAPPER.readValue(r.value(), SignalFeedback.class);
            latest.merge(
                f.feedbackId(), f, (a, b) -> b.receivedAt().isBefore(a.receivedAt()) ? a : b);
          } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn(
                "Skipping unreadable feedback record at {}-{}@{}: {}",
                r.topic(),
                r.partition(),
                r.offset(),
                e.getMessage());
          }
        }
      }
    }
    return latest.values();
  }
}
