package io.ubi.it;

import static io.ubi.it.Envelopes.envelope;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.lakehouse.Tables;
import io.ubi.launcher.LocalKeys;
import io.ubi.launcher.UbiRuntime;
import io.ubi.serving.auth.Principal;
import io.ubi.transforms.Lake;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ubi serve} stopped as Ctrl-C or a container stop does, while events stream in, judged as a
 * user would judge it: the exit code of a SIGTERM, the stop's steps in order, no output but UBI's
 * own lines, and every event the API accepted in bronze once UBI runs again, exactly once.
 */
@ExtendWith(UbiExtension.class)
class ShutdownTest {
  private static final String TENANT = "it-shutdown";

  /** The stop's steps, in the order that loses nothing (see {@code UbiRuntime.close}). */
  private static final List<String> STOP_STEPS =
      List.of(
          "[ubi] stopping",
          "[ubi] API stopped",
          "[ubi] speed layer stopped",
          "[ubi] Spark stopped",
          "[ubi] event bus stopped",
          "[ubi] stopped");

  /** 128 + SIGTERM's 15: what a shell and a container runtime expect of a terminated process. */
  private static final int TERMINATED = 143;

  private static final Pattern DEMO_DLQ_WARNING =
      Pattern.compile(
          "\\d\\d:\\d\\d:\\d\\d WARN  MicroBatchProcessor: Batch \\d+: 3 record\\(s\\) rejected to .*");
  private static final Pattern OWN_LOG = Pattern.compile("\\d\\d:\\d\\d:\\d\\d INFO  \\w+: .*");

  private final UbiRuntime ubi;
  @TempDir Path dir;

  ShutdownTest(UbiRuntime ubi) {
    this.ubi = ubi;
  }

  @Test
  void stoppedWhileEventsStreamInItStopsInOrderSilentlyAndLosesNoAcceptedEvent() throws Exception {
    Path data = dir.resolve("data");
    Set<String> sent = ConcurrentHashMap.newKeySet();
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    String firstRun;
    try (UbiProcess serve = UbiProcess.serve(data, dir.resolve("first.log"))) {
      Api api =
          new Api(
              serve.baseUrl(),
              new LocalKeys(data.resolve("keys"))
                  .mint(
                      ubi.config().issuer(),
                      "it-pm3",
                      TENANT,
                      List.of(Principal.INGEST),
                      Duration.ofMinutes(15)));
      AtomicBoolean sending = new AtomicBoolean(true);
      Thread sender =
          new Thread(
              () -> {
                while (sending.get()) {
                  post(api, sent, accepted);
                }
              },
              "it-sender");
      sender.start();
      // Stop while micro-batches are writing: once the stream has taken some of the traffic.
      while (accepted.size() < 400 && sender.isAlive()) {
        Thread.sleep(20);
      }
      int exit = serve.terminate();
      sending.set(false);
      sender.join(TimeUnit.MINUTES.toMillis(1));
      firstRun = serve.output();
      assertThat(exit).as("exit code after SIGTERM").isEqualTo(TERMINATED);
    }
    assertStoppedCleanly(firstRun);
    assertThat(accepted).hasSizeGreaterThanOrEqualTo(400);

    // The same data directory again: the stream resumes from its checkpoint.
    try (UbiProcess serve = UbiProcess.serve(data, dir.resolve("second.log"))) {
      Lake lake = new Lake(ubi.lake().spark(), data.resolve("lake"));
      List<String> bronze = bronzeIds(lake);
      // Bounded only so that a lost event fails the test instead of hanging it.
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (!new HashSet<>(bronze).containsAll(accepted) && System.nanoTime() < deadline) {
        Thread.sleep(200);
        bronze = bronzeIds(lake);
      }
      assertThat(new HashSet<>(bronze)).as("every accepted event in bronze").containsAll(accepted);
      assertThat(bronze).as("each event once").doesNotHaveDuplicates();
      assertThat(sent).as("nothing in bronze that was not sent").containsAll(bronze);
      assertThat(serve.terminate()).isEqualTo(TERMINATED);
      assertStoppedCleanly(serve.output());
    }
  }

  /**
   * {@code ubi demo} stopped in its nightly run, whose Spark jobs are cancelled under the command:
   * the command ends quietly, the runtime reports its stop.
   */
  @Test
  void theDemoStoppedInItsNightlyRunPrintsOnlyItsOwnLines() throws Exception {
    try (UbiProcess demo =
        UbiProcess.start(
            List.of(
                "demo",
                "--days",
                "3",
                "--set",
                "data.dir=" + dir.resolve("demo"),
                "--set",
                "kafka.port=0",
                "--set",
                "api.port=0"),
            dir.resolve("demo.log"),
            "[ubi] Running the nightly job")) {
      assertThat(demo.terminate()).isEqualTo(TERMINATED);
      assertStoppedCleanly(demo.output());
    }
  }

  /**
   * Only UBI's own lines, with the stop's steps in order: its progress and its INFO log (libraries
   * log only warnings and errors), no warning, error or stack trace. (The demo's one warning is its
   * own too: the broken records it sends on purpose, rejected to the DLQ.)
   */
  private static void assertStoppedCleanly(String output) {
    List<String> lines = output.lines().toList();
    assertThat(lines)
        .as("output of ubi serve:%n%s", output)
        .allMatch(
            l ->
                l.startsWith("[ubi] ")
                    || l.startsWith("        ")
                    || l.isEmpty()
                    || OWN_LOG.matcher(l).matches()
                    || DEMO_DLQ_WARNING.matcher(l).matches());
    assertThat(lines.stream().filter(STOP_STEPS::contains).toList())
        .as("stop steps")
        .isEqualTo(STOP_STEPS);
    assertThat(lines.get(lines.size() - 1)).isEqualTo("[ubi] stopped");
  }

  private static void post(Api api, Set<String> sent, Set<String> accepted) {
    List<ObjectNode> batch = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ObjectNode e = envelope(TENANT, "dev-" + (i % 7), "file_edited", Instant.now());
      sent.add(e.get("signal_id").asText());
      batch.add(e);
    }
    try {
      Api.Response r = api.post("/v1/signals/ingest", Envelopes.batch(batch));
      if (r.status() == 200) {
        for (JsonNode item : r.body().get("results")) {
          if ("accepted".equals(item.path("status").asText())) {
            accepted.add(item.get("signal_id").asText());
          }
        }
      }
    } catch (IllegalStateException e) {
      // The API stopped under the request: nothing in this batch was acknowledged to us.
    }
  }

  private static List<String> bronzeIds(Lake lake) {
    return lake
        .read(Tables.BEHAVIOURAL_EVENTS)
        .where(col("tenant_id").equalTo(TENANT))
        .select("event_id")
        .collectAsList()
        .stream()
        .map(r -> r.getString(0))
        .toList();
  }
}
