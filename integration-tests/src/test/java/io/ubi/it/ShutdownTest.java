package io.ubi.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ubi serve} in a process of its own, stopped as Ctrl-C or a container stop would: the
 * runtime closes its queries, API and broker before Spark's own shutdown hook stops the context.
 */
class ShutdownTest {
  @TempDir Path dir;

  @Test
  void aTerminatedServeStopsEverythingInOrderWithoutErrors() throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect"))
        .forEach(command::add);
    command.addAll(List.of("-Xmx2g", "-cp", System.getProperty("java.class.path"),
        "io.ubi.launcher.Ubi", "serve", "--set", "data.dir=" + dir.resolve("data"),
        "--set", "kafka.port=0", "--set", "api.port=0", "--set", "spark.master=local[1]"));
    Path log = dir.resolve("serve.log");
    Process serve = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
      while (!Files.readString(log).contains("[ubi] running") && serve.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
      assertThat(Files.readString(log)).as("started").contains("[ubi] running");

      serve.destroy(); // SIGTERM, which runs the shutdown hooks as Ctrl-C does
      assertThat(serve.waitFor(2, TimeUnit.MINUTES)).as("stopped").isTrue();
    } finally {
      serve.destroyForcibly();
    }
    String output = Files.readString(log);
    assertThat(output).contains("[ubi] stopping")
        .doesNotContain("stopped SparkContext")
        .doesNotContain("Exception in thread");
  }
}
