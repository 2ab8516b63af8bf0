package io.ubi.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ubi.model.UbiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UbiConfigTest {
  @Test
  void embeddedDefaultsNeedNoSettings() {
    UbiConfig config = UbiConfig.resolve(Map.of(), Map.of());
    assertThat(config.dedupeHorizon()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.intradayTrigger()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void commandLineBeatsEnvironmentBeatsConfigFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ubi.properties");
    Files.writeString(
        file,
        "stream.dedupe.horizon.minutes=20\nstream.intraday.trigger.ms=1000\n"
            + "stream.trigger.ms=700\n");
    UbiConfig config =
        UbiConfig.resolve(
            Map.of("config", file.toString(), "stream.dedupe.horizon.minutes", "40"),
            Map.of(
                "UBI_STREAM_DEDUPE_HORIZON_MINUTES",
                "30",
                "UBI_STREAM_INTRADAY_TRIGGER_MS",
                "2000"));
    assertThat(config.dedupeHorizon()).isEqualTo(Duration.ofMinutes(40));
    assertThat(config.intradayTrigger()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.trigger()).isEqualTo(Duration.ofMillis(700));
  }

  @Test
  void everyProblemIsReportedAtOnceWithTheSettingItConcerns() {
    assertThatThrownBy(
            () ->
                UbiConfig.resolve(
                    Map.of(
                        "stream.dedupe.horizon.minutes", "5",
                        "stream.trigger.ms", "soon",
                        "stream.intraday.days", "0",
                        "stream.dedupe.minutes", "15",
                        "jwt.issuer", " ",
                        "batch.late.lookback.days", "-1"),
                    Map.of()))
        .isInstanceOf(UbiException.class)
        .hasMessageContaining("6 problems")
        .hasMessageContaining("jwt.issuer: must not be empty")
        .hasMessageContaining("batch.late.lookback.days: must be at least 0, got -1")
        .hasMessageContaining("stream.dedupe.horizon.minutes: must be at least 10, got 5")
        .hasMessageContaining("stream.trigger.ms: must be a whole number, got 'soon'")
        .hasMessageContaining("stream.intraday.days: must be positive, got 0")
        .hasMessageContaining("stream.dedupe.minutes: unknown setting");
  }
}
