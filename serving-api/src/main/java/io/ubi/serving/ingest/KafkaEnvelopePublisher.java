package io.ubi.serving.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes envelopes to the ingest topic keyed by tenant, and waits for the broker's
 * acknowledgement of each ({@code acks=all}, idempotent producer): "accepted" in the API's answer
 * means durably in Kafka.
 */
public final class KafkaEnvelopePublisher implements EnvelopePublisher {
  static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
  static final Duration MAX_BLOCK = Duration.ofSeconds(10);
  private final KafkaProducer<String, String> producer;
  private final String topic;

  public KafkaEnvelopePublisher(String bootstrapServers, String topic) {
    this(bootstrapServers, topic, MAX_BLOCK);
  }

  /** {@code maxBlock}: how long a send may wait for the topic's metadata before it fails. */
  KafkaEnvelopePublisher(String bootstrapServers, String topic, Duration maxBlock) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(maxBlock.toMillis()));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(ACK_TIMEOUT.toMillis()));
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    this.producer = new KafkaProducer<>(p);
    this.topic = topic;
  }

  /**
   * Sends the batch, then waits for every acknowledgement within one deadline. When a send fails at
   * once (the broker unreachable: each send would otherwise wait {@code max.block.ms} for metadata,
   * minutes for a full batch), the rest of the batch is not sent and fails with the same reason, so
   * the caller hears back within seconds.
   */
  @Override
  public List<String> publish(List<Envelope> envelopes) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(envelopes.size());
    List<String> failures = new ArrayList<>(envelopes.size());
    String unreachable = null;
    for (Envelope e : envelopes) {
      if (unreachable != null) {
        sent.add(null);
        failures.add("not sent, as an earlier envelope of the batch failed: " + unreachable);
        continue;
      }
      Future<RecordMetadata> f;
      try {
        f = producer.send(new ProducerRecord<>(topic, e.key(), e.json()));
      } catch (RuntimeException ex) {
        f = null;
        unreachable = "the event bus refused the record: " + ex.getMessage();
      }
      if (f != null && f.isDone()) {
        unreachable = failure(f, Instant.now());
      }
      sent.add(f);
      failures.add(unreachable);
    }
    Instant deadline = Instant.now().plus(ACK_TIMEOUT);
    for (int i = 0; i < sent.size(); i++) {
      if (sent.get(i) != null && failures.get(i) == null) {
        failures.set(i, failure(sent.get(i), deadline));
      }
    }
    return failures;
  }

  /** Null once acknowledged by the deadline, else why not. */
  private static String failure(Future<RecordMetadata> f, Instant deadline) {
    try {
      f.get(
          Math.max(0, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while waiting for the event bus";
    } catch (ExecutionException e) {
      return "the event bus did not acknowledge it: " + e.getCause().getMessage();
    } catch (TimeoutException e) {
      return "the event bus did not acknowledge it within " + ACK_TIMEOUT.toSeconds() + " s";
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
