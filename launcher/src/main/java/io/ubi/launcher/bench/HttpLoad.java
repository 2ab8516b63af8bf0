package io.ubi.launcher.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * An open-loop HTTP load generator with a bound: request {@code i} is due at {@code start + i /
 * rate} whatever earlier answers did, and its latency runs from when it was due to when its answer
 * arrived, so a slow server shows in the figures instead of slowing the load (no coordinated
 * omission). At most {@code concurrency} requests are in flight; a request due while all are taken
 * waits for one, and that wait counts in its latency.
 */
final class HttpLoad implements AutoCloseable {
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .executor(executor)
          .build();

  /** What a run measured. */
  record Result(
      String name,
      int sent,
      int ok,
      Map<Integer, Integer> failures,
      String firstFailure,
      double seconds,
      long[] latenciesNanos) {
    double throughput() {
      return ok / seconds;
    }

    double percentileMillis(double p) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(p / 100 * latenciesNanos.length) - 1;
      return latenciesNanos[Math.max(0, Math.min(i, latenciesNanos.length - 1))] / 1e6;
    }

    String row() {
      return String.format(
          Locale.ROOT,
          "| %s | %d | %.0f/s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %s |",
          name,
          sent,
          throughput(),
          percentileMillis(50),
          percentileMillis(95),
          percentileMillis(99),
          percentileMillis(100),
          failures.isEmpty() ? "none" : failures + " e.g. " + firstFailure);
    }
  }

  /**
   * Sends {@code rate} requests per second for {@code duration}; {@code request} builds the {@code
   * i}-th. Answers other than 200 count as failures by status (0 for no answer).
   */
  Result run(
      String name, int rate, Duration duration, int concurrency, LongFunction<HttpRequest> request)
      throws InterruptedException {
    int total = (int) (rate * duration.toMillis() / 1000);
    long[] latencies = new long[total];
    AtomicInteger ok = new AtomicInteger();
    Map<Integer, Integer> failures = new ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicReference<String> firstFailure =
        new java.util.concurrent.atomic.AtomicReference<>();
    Semaphore inFlight = new Semaphore(concurrency);
    CountDownLatch done = new CountDownLatch(total);
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long due = start + (long) i * 1_000_000_000L / rate;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      inFlight.acquire();
      int index = i;
      http.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofByteArray())
          .whenComplete(
              (response, error) -> {
                latencies[index] = System.nanoTime() - due;
                int status = error != null ? 0 : response.statusCode();
                if (status == 200) {
                  ok.incrementAndGet();
                } else {
                  failures.merge(status, 1, Integer::sum);
                  firstFailure.compareAndSet(
                      null,
                      error != null
                          ? error.toString()
                          : new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
                }
                inFlight.release();
                done.countDown();
              });
    }
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(latencies);
    return new Result(
        name, total, ok.get(), new TreeMap<>(failures), firstFailure.get(), seconds, latencies);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
