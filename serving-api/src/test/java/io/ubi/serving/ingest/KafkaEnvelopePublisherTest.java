package io.ubi.serving.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real Kafka client against an address where no broker answers. */
class KafkaEnvelopePublisherTest {
  @Test
  void anUnreachableBusFailsTheFirstEnvelopeAndTheRestWithoutWaitingForEachInTurn()
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<EnvelopePublisher.Envelope> batch = List.of(
        new EnvelopePublisher.Envelope("acme", "{\"signal_id\":\"a\"}"),
        new EnvelopePublisher.Envelope("acme", "{\"signal_id\":\"b\"}"),
        new EnvelopePublisher.Envelope("acme", "{\"signal_id\":\"c\"}"));
    try (KafkaEnvelopePublisher publisher = new KafkaEnvelopePublisher("127.0.0.1:" + port,
        "ubi.signal_envelopes", Duration.ofMillis(500))) {
      List<String> failures = publisher.publish(batch);

      assertThat(failures).hasSize(3);
      assertThat(failures.get(0)).startsWith("the event bus did not acknowledge it:")
          .contains("ubi.signal_envelopes");
      assertThat(failures.subList(1, 3)).allSatisfy(f -> assertThat(f)
          .startsWith("not sent, as an earlier envelope of the batch failed:")
          .contains(failures.get(0)));
    }
  }
}
