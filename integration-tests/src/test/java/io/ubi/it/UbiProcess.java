package io.ubi.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code ubi} command in a JVM of its own, as a user or a container runs it, with its output
 * (both streams) in a file: on free ports, stopped with SIGTERM, which runs the shutdown hooks as
 * Ctrl-C does.
 */
final class UbiProcess implements AutoCloseable {
  private static final Pattern API = Pattern.compile("Serving API at (http://\\S+)");

  private final Process process;
  private final Path log;

  private UbiProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code ubi serve} on {@code dataDir} and returns once it says it is running. */
  static UbiProcess serve(Path dataDir, Path log) throws IOException, InterruptedException {
    return start(
        List.of(
            "serve",
            "--set",
            "data.dir=" + dataDir,
            "--set",
            "kafka.port=0",
            "--set",
            "api.port=0",
            "--set",
            "stream.trigger.ms=200"),
        log,
        "[ubi] running");
  }

  /** Starts {@code ubi args} and returns once it prints {@code line}. */
  static UbiProcess start(List<String> args, Path log, String line)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect"))
        .forEach(command::add);
    command.addAll(
        List.of("-Xmx2g", "-cp", System.getProperty("java.class.path"), "io.ubi.launcher.Ubi"));
    command.addAll(args);
    UbiProcess ubi =
        new UbiProcess(
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start(),
            log);
    // Bounded only so that a broken start fails the test instead of hanging it.
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (!ubi.output().contains(line) && ubi.process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(ubi.output()).as("ubi " + args.get(0) + " got to '" + line + "'").contains(line);
    return ubi;
  }

  String baseUrl() throws IOException {
    Matcher m = API.matcher(output());
    assertThat(m.find()).as("API address printed").isTrue();
    return m.group(1);
  }

  /** Sends SIGTERM and returns the exit code. */
  int terminate() throws InterruptedException {
    process.destroy();
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("stopped within 3 minutes").isTrue();
    return process.exitValue();
  }

  String output() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
