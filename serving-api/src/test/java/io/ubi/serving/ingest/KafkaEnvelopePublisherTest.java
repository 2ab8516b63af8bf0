package io.ubi.serving.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real Kafka client against an address where no broker answers. */
class KafkaEnvelopePublisherTest {
  @Test
  void anUnreachableBusFailsTheFirstEnvelopeAndTheRestWithoutWaitingForEachInTurn()
      throws Exception {
    List<EnvelopePublisher.Envelope> batch =
        List.of(
            new EnvelopePublisher.Envelope("acme", "{\"signal_id\":\"a\"}"),
            new EnvelopePublisher.Envelope("acme", "{\"signal_id\":\"b\"}"),
            new EnvelopePublisher.Envelope("acme", "{\"signal_id\":\"c\"}"));
    // Bound but never listening, for the whole test: every connection to the port is refused, and
    // no other process can take it (as it could a port closed after probing).
    try (Socket held = new Socket()) {
      held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      try (KafkaEnvelopePublisher publisher =
          new KafkaEnvelopePublisher(
              "127.0.0.1:" + held.getLocalPort(), "ubi.signal_envelopes", Duration.ofMillis(500))) {
        List<String> failures = publisher.publish(batch);

        assertThat(failures).hasSize(3);
        assertThat(failures.get(0))
            .startsWith("the event bus did not acknowledge it:")
            .contains("ubi.signal_envelopes");
        assertThat(failures.subList(1, 3))
            .allSatisfy(
                f ->
                    assertThat(f)
                        .startsWith("not sent, as an earlier envelope of the batch failed:")
                        .contains(failures.get(0)));
      }
    }
  }
}
