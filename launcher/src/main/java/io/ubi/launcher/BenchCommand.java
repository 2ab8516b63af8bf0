package io.ubi.launcher;

import io.ubi.launcher.bench.NightlyBench;
import io.ubi.launcher.bench.StreamBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Benchmarks; see docs/benchmarks.md. */
@Command(
    name = "bench",
    description = "Benchmarks (see docs/benchmarks.md).",
    subcommands = {StreamBench.class, NightlyBench.class})
final class BenchCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println("ubi bench stream --help    the speed layer: produce to bronze commit");
    System.out.println("ubi bench nightly --help   the nightly job: backfill, one-day increment");
    return 0;
  }
}
