package io.ubi.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
}
