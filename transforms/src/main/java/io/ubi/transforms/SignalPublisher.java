package io.ubi.transforms;

import io.ubi.model.Json;
import io.ubi.model.signal.BehaviouralSignal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes signals to {@code ubi.behavioural_signals} as the JSON of PRD 11.3, keyed by tenant so
 * a tenant's signals stay in order. Headers {@code tenant_id}, {@code signal_type}, {@code
 * severity} and {@code dimension} let each consumer subscription filter (Detection takes {@code
 * severity >= WARN}, MMM takes all) without parsing. Waits for every acknowledgement:
 * at-least-once, and a failure fails the job before the gold table records the change, so a re-run
 * publishes again.
 */
public final class SignalPublisher implements AutoCloseable {
  private final KafkaProducer<String, String> producer;
  private final String topic;

  public SignalPublisher(String bootstrapServers, String topic) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    this.producer = new KafkaProducer<>(p);
    this.topic = topic;
  }

  public void publish(List<BehaviouralSignal> signals) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(signals.size());
    for (BehaviouralSignal s : signals) {
      ProducerRecord<String, String> record =
          new ProducerRecord<>(topic, s.tenantId(), Json.write(s));
      header(record, "tenant_id", s.tenantId());
      header(record, "signal_type", s.signalType());
      header(record, "severity", s.severity());
      header(record, "dimension", s.dimension());
      sent.add(producer.send(record));
    }
    for (Future<RecordMetadata> f : sent) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while publishing signals to " + topic, e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(
            "Cannot publish signals to " + topic + ": " + e.getCause().getMessage(), e.getCause());
      }
    }
  }

  private static void header(ProducerRecord<String, String> r, String name, String value) {
    r.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void close() {
    producer.close();
  }
}
