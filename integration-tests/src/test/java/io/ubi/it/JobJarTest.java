package io.ubi.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spark-submit jar of the nightly job, as a cluster would run it: on a classpath of Spark alone
 * (no UBI module, no Delta), it finds Delta and the job inside itself.
 */
class JobJarTest {
  @TempDir Path dir;

  private static Path jobJar() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("..", "batch", "target"))) {
      return files
          .filter(p -> p.getFileName().toString().endsWith("-job.jar"))
          .findFirst()
          .orElseThrow(
              () ->
                  new AssertionError(
                      "No batch/target/*-job.jar: the batch module's"
                          + " package phase builds it"));
    }
  }

  @Test
  void holdsTheJobAndDeltaButNotWhatTheClusterProvides() throws Exception {
    try (JarFile jar = new JarFile(jobJar().toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("io.ubi.batch.NightlyMain");
      assertThat(jar.getEntry("io/ubi/batch/NightlyMain.class")).isNotNull();
      assertThat(jar.getEntry("io/ubi/model/Json.class")).isNotNull();
      assertThat(jar.getEntry("org/apache/spark/sql/delta/sources/DeltaDataSource.class"))
          .isNotNull();
      String sources =
          new String(
              jar.getInputStream(
                      jar.getEntry(
                          "META-INF/services/org.apache.spark.sql.sources.DataSourceRegister"))
                  .readAllBytes(),
              StandardCharsets.UTF_8);
      assertThat(sources).contains("org.apache.spark.sql.delta.sources.DeltaDataSource");
      assertThat(jar.stream().map(e -> e.getName()))
          .noneMatch(
              n ->
                  n.startsWith("scala/")
                      || n.startsWith("org/apache/hadoop/")
                      || n.startsWith("com/fasterxml/jackson/databind/")
                      || n.equals("org/apache/spark/sql/SparkSession.class")
                      || n.startsWith("org/slf4j/"));
    }
  }

  @Test
  void runsTheNightlyJobOnAClasspathOfSparkAlone() throws Exception {
    String sparkOnly =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(
                e ->
                    !e.contains("/io/delta/")
                        && !e.contains("/io/ubi/")
                        && !e.contains(File.separator + "target" + File.separator))
            .collect(Collectors.joining(File.pathSeparator));
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect"))
        .forEach(command::add);
    command.addAll(
        List.of(
            "-Xmx1g",
            "-Dspark.master=local[1]",
            "-Dspark.ui.enabled=false",
            "-cp",
            jobJar().toAbsolutePath() + File.pathSeparator + sparkOnly,
            "io.ubi.batch.NightlyMain",
            "--lake",
            dir.resolve("lake").toString(),
            "--date",
            "2026-11-01"));
    Path log = dir.resolve("job.log");
    Process job =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertThat(job.waitFor(5, TimeUnit.MINUTES)).as("the job finished").isTrue();
    } finally {
      // A job that hangs, or a test interrupted while waiting, must not leave a JVM behind.
      job.destroyForcibly().waitFor();
    }
    String output = Files.readString(log);
    assertThat(job.exitValue()).as(output).isZero();
    assertThat(output).contains("nightly 2026-11-01..2026-11-01: 0 feature rows");
    assertThat(dir.resolve("lake/gold/behavioural_signals/_delta_log")).isDirectory();
  }
}
