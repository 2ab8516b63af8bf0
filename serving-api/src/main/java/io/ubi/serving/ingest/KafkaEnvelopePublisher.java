package io.ubi.serving.ingest;

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
  private static final long ACK_TIMEOUT_SECONDS = 30;
  private final KafkaProducer<String, String> producer;
  private final String topic;

  public KafkaEnvelopePublisher(String bootstrapServers, String topic) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    this.producer = new KafkaProducer<>(p);
    this.topic = topic;
  }

  @Override
  public List<String> publish(List<Envelope> envelopes) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(envelopes.size());
    List<String> failures = new ArrayList<>(envelopes.size());
    for (Envelope e : envelopes) {
      try {
        sent.add(producer.send(new ProducerRecord<>(topic, e.tenantId(), e.json())));
      } catch (RuntimeException ex) {
        sent.add(null);
      }
    }
    for (Future<RecordMetadata> f : sent) {
      failures.add(f == null ? "the event bus refused the record" : await(f));
    }
    return failures;
  }

  private static String await(Future<RecordMetadata> f) {
    try {
      f.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while waiting for the event bus";
    } catch (ExecutionException e) {
      return "the event bus did not acknowledge it: " + e.getCause().getMessage();
    } catch (TimeoutException e) {
      return "the event bus did not acknowledge it within " + ACK_TIMEOUT_SECONDS + " s";
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
