package io.ubi.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {
  @TempDir Path dir;

  @Test
  void anotherCommandFindsTheBrokerRunningOnItsDataDirectoryAndNoneOnceItStops() {
    assertThat(EmbeddedKafka.runningIn(dir)).isEmpty();
    String bootstrap;
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
      bootstrap = kafka.bootstrapServers();
      assertThat(EmbeddedKafka.runningIn(dir)).contains(bootstrap);
    }
    assertThat(EmbeddedKafka.runningIn(dir)).isEmpty();
  }

  @Test
  void aPickedPortTakenBeforeTheBrokerBindsItIsReplacedByAnother() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // The broker's port, picked first, is taken by the time the broker binds it.
      AtomicBoolean first = new AtomicBoolean(true);
      IntSupplier ports =
          () -> first.getAndSet(false) ? taken.getLocalPort() : EmbeddedKafka.freePort();
      try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0, ports)) {
        assertThat(kafka.bootstrapServers()).isNotEqualTo("127.0.0.1:" + taken.getLocalPort());
        EmbeddedKafka.createTopics(kafka.bootstrapServers(), Map.of("retried", 1));
      }
    }
  }

  @Test
  void aGivenPortInUseIsKeptAndTheStartFailsNamingIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> EmbeddedKafka.start(dir, taken.getLocalPort()))
          .hasMessageContaining("port " + taken.getLocalPort() + " (kafka.port) is in use");
    }
  }
}
