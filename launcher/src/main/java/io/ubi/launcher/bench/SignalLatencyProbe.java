package io.ubi.launcher.bench;

import static org.apache.spark.sql.functions.col;

import io.ubi.lakehouse.Tables;
import io.ubi.launcher.UbiRuntime;
import io.ubi.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.Row;

/**
 * Event-to-signal latency of near-real-time signals (PRD NFR-2), beside the stream benchmark's
 * load: a tenant that delivers risks near real time, a few actors with four weeks of history that
 * the nightly job has folded into baselines and a first day of failing builds yesterday; during the
 * measured run each actor in turn fails most of today's builds, which tips a rework loop. The
 * latency is from the Kafka timestamp of the burst's last event to that of the provisional signal
 * on {@code ubi.behavioural_signals}.
 */
final class SignalLatencyProbe implements AutoCloseable {
  static final String TENANT = "bench-nrt";
  private static final int HISTORY_DAYS = 28;

  private final UbiRuntime ubi;
  private final int actors;
  private final KafkaProducer<String, String> producer;
  private final Map<String, Long> tippedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> signalledAt = new ConcurrentHashMap<>();
  private final Map<String, String> actorOfPseudonym = new ConcurrentHashMap<>();
  private volatile boolean listening = true;
  private Thread listener;
  private long sequence;

  SignalLatencyProbe(UbiRuntime ubi, int actors) {
    this.ubi = ubi;
    this.actors = actors;
    Properties p = new Properties();
    p.put("bootstrap.servers", ubi.bootstrapServers());
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", StringSerializer.class.getName());
    p.put("acks", "all");
    this.producer = new KafkaProducer<>(p);
  }

  /** The probe tenant's file: every day a working day in UTC, risks near real time. */
  static void writeTenantConfig(Path tenantDir) throws IOException {
    Files.createDirectories(tenantDir);
    Files.writeString(
        tenantDir.resolve(TENANT + ".json"),
        "{\"version\": 1, \"working_hours\": {\"time_zone\": \"UTC\", \"workdays\": [\"monday\","
            + " \"tuesday\", \"wednesday\", \"thursday\", \"friday\", \"saturday\", \"sunday\"]},"
            + " \"signals\": {\"delivery\": {\"risk\": \"near_real_time\"}}}\n",
        StandardCharsets.UTF_8);
  }

  /**
   * Four weeks of ordinary builds up to yesterday, which already failed: baselines, then listen.
   */
  void seed() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate from = today.minusDays(HISTORY_DAYS);
    int day = 0;
    for (LocalDate d = from; d.isBefore(today); d = d.plusDays(1)) {
      day++;
      for (int a = 0; a < actors; a++) {
        Instant at = d.atTime(10, a % 60).toInstant(ZoneOffset.UTC);
        for (int b = 0; b < 3; b++) {
          send(a, "build_completed_success", at.plusSeconds(b));
        }
        send(a, "file_edited", at.plusSeconds(30));
        if (day % 3 == 0) {
          send(a, "build_completed_failure", at.plusSeconds(60));
        }
        if (d.equals(today.minusDays(1))) {
          for (int i = 0; i < 6; i++) {
            send(a, "build_completed_failure", at.plusSeconds(120 + i));
          }
        }
      }
    }
    producer.flush();
    ubi.awaitStreamCaughtUp();
    ubi.nightlyJob().run(from, today.minusDays(1));
    for (Row r :
        ubi.lake()
            .read(Tables.BEHAVIOURAL_EVENTS)
            .where(col("tenant_id").equalTo(TENANT))
            .select("actor_pseudonym", "actor_id")
            .distinct()
            .collectAsList()) {
      actorOfPseudonym.put(r.getString(0), r.getString(1));
    }
    listener = new Thread(this::listen, "signal-latency-probe");
    listener.setDaemon(true);
    listener.start();
  }

  /** Today, actor {@code a} fails six of nine builds: the second day of a rework loop. */
  void tip(int a) {
    Instant now = Instant.now();
    RecordMetadata last = null;
    for (int i = 0; i < 9; i++) {
      last = send(a, i < 6 ? "build_completed_failure" : "build_completed_success", now);
    }
    tippedAt.put(actor(a), last.timestamp());
  }

  /** Waits up to {@code patience} for every tipped actor's signal; returns the latencies, in ms. */
  List<Long> latencies(Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline && !signalledAt.keySet().containsAll(tippedAt.keySet())) {
      Thread.sleep(200);
    }
    List<Long> out = new ArrayList<>();
    tippedAt.forEach(
        (actor, t) -> {
          Long s = signalledAt.get(actor);
          if (s != null) {
            out.add(s - t);
          }
        });
    out.sort(Long::compare);
    return out;
  }

  int tipped() {
    return tippedAt.size();
  }

  private void listen() {
    Properties p = new Properties();
    p.put("bootstrap.servers", ubi.bootstrapServers());
    p.put("key.deserializer", StringDeserializer.class.getName());
    p.put("value.deserializer", StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(ubi.config().signalsTopic()).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      while (listening) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          Header tenant = r.headers().lastHeader("tenant_id");
          if (tenant == null
              || !TENANT.equals(new String(tenant.value(), StandardCharsets.UTF_8))) {
            continue;
          }
          var signal = Json.parse(r.value());
          String actor = actorOfPseudonym.get(signal.path("actor_or_group_id").asText());
          if (actor != null && signal.path("provisional").asBoolean()) {
            signalledAt.putIfAbsent(actor, r.timestamp());
          }
        }
      }
    }
  }

  private RecordMetadata send(int a, String type, Instant at) {
    String id = TENANT + "-probe-" + sequence++;
    try {
      return producer
          .send(
              new ProducerRecord<>(
                  ubi.config().eventsTopic(),
                  TENANT,
                  PacedProducer.envelope(id, TENANT, actor(a), type, at)))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("Cannot produce a probe event: " + e.getCause(), e);
    }
  }

  private static String actor(int a) {
    return "probe-" + a;
  }

  @Override
  public void close() throws InterruptedException {
    listening = false;
    if (listener != null) {
      listener.join(5_000);
    }
    producer.close();
  }
}
