package io.ubi.launcher.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Paced producer of valid envelopes with unique ids, over two tenants and many actors. */
final class PacedProducer {
  private static final String[] TYPES = {
    "file_edited",
    "file_edited",
    "file_edited",
    "commit",
    "push",
    "build_completed_success",
    "build_completed_failure",
    "pr_review_submitted",
    "llm_call",
    "editor_switch"
  };
  private final KafkaProducer<String, String> kafka;
  private final String topic;
  private final int actors;
  private long sequence;

  PacedProducer(String bootstrap, String topic, int actors) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", StringSerializer.class.getName());
    p.put("linger.ms", "5");
    p.put("batch.size", "262144");
    p.put("compression.type", "lz4");
    p.put("acks", "1");
    this.kafka = new KafkaProducer<>(p);
    this.topic = topic;
    this.actors = actors;
  }

  /** Produces at {@code rate} events/s for {@code duration}; returns how many it sent. */
  long run(int rate, Duration duration) throws InterruptedException {
    long startNs = System.nanoTime();
    long endNs = startNs + duration.toNanos();
    long sent = 0;
    while (System.nanoTime() < endNs) {
      long due = (System.nanoTime() - startNs) * rate / 1_000_000_000L;
      for (; sent < due; sent++) {
        String tenant = (sequence & 1) == 0 ? "bench-a" : "bench-b";
        kafka.send(new ProducerRecord<>(topic, tenant, envelope(tenant, sequence++)));
      }
      Thread.sleep(2);
    }
    kafka.flush();
    return sent;
  }

  private String envelope(String tenant, long n) {
    return envelope(
        tenant + "-" + n,
        tenant,
        "dev-" + (n / 2 % actors),
        TYPES[(int) (n % TYPES.length)],
        Instant.now(),
        "team-" + (n % 7));
  }

  /** A valid envelope of PM-3's contract, as the producers of the benchmark send it. */
  static String envelope(String id, String tenant, String actor, String type, Instant at) {
    return envelope(id, tenant, actor, type, at, "team-0");
  }

  private static String envelope(
      String id, String tenant, String actor, String type, Instant at, String team) {
    String now = Instant.now().toString();
    return "{\"signal_id\":\""
        + id
        + "\",\"tenant_id\":\""
        + tenant
        + "\",\"actor_id\":\""
        + actor
        + "\",\"signal_kind\":\"event\","
        + "\"signal_type\":\""
        + type
        + "\",\"occurred_at\":\""
        + at
        + "\",\"ingested_at\":\""
        + now
        + "\",\"schema_version\":\"1.0\",\"resource\":{\"service_name\":\"ide\","
        + "\"repo\":\"shop/api\",\"team_id\":\""
        + team
        + "\"},"
        + "\"payload\":{\"file_path\":\"src/Main.java\"}}";
  }
}
