package io.ubi.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Raw access to the broker, as PM-3 (producer) and MMM (consumer) would have. */
final class Topics {
  /** How long a read may take before the test fails rather than hangs. */
  static final Duration READ_BOUND = Duration.ofMinutes(2);

  private Topics() {}

  static void produce(String bootstrap, String topic, String key, List<String> values) {
    produce(bootstrap, topic, values.stream().map(v -> Map.entry(key, v)).toList());
  }

  /** Records with their own keys, in order. */
  static void produce(String bootstrap, String topic, List<Map.Entry<String, String>> records) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", StringSerializer.class.getName());
    p.put("acks", "all");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (Map.Entry<String, String> r : records) {
        producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue()));
      }
      producer.flush();
    }
  }

  /**
   * The records of the topic that match, from the beginning up to its end at call time: every
   * partition is read up to the end offset it had then, so nothing already written is missed and
   * the read never stops early, whatever the broker's pace. {@link #READ_BOUND} only turns a broker
   * that stops answering into a failure instead of a hang.
   */
  static List<ConsumerRecord<String, String>> read(
      String bootstrap, String topic, Predicate<ConsumerRecord<String, String>> matches) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("key.deserializer", StringDeserializer.class.getName());
    p.put("value.deserializer", StringDeserializer.class.getName());
    p.put("enable.auto.commit", "false");
    List<ConsumerRecord<String, String>> found = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Instant deadline = Instant.now().plus(READ_BOUND);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError(
              "Not at the end of "
                  + topic
                  + " "
                  + end
                  + " after "
                  + READ_BOUND.toSeconds()
                  + " s: "
                  + found.size()
                  + " matching records so far");
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))
              && matches.test(r)) {
            found.add(r);
          }
        }
      }
    }
    return found;
  }
}
