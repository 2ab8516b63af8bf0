package io.ubi.streaming;

import java.time.Instant;

/**
 * Told after each micro-batch commits to bronze; the benchmark measures latency through it. It gets
 * no data, so listening costs the stream nothing: the batch's rows are those of bronze whose {@code
 * processed_at} equals {@code startedAt}.
 */
@FunctionalInterface
public interface BatchListener {
  void onCommitted(long batchId, Instant startedAt, Instant committedAt);
}
