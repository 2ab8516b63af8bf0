package io.ubi.launcher;

import io.ubi.launcher.bench.ApiBench;
import io.ubi.launcher.bench.NightlyBench;
import io.ubi.launcher.bench.StreamBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Benchmarks; see docs/benchmarks.md. */
@Command(
    name = "bench",
    description = "Benchmarks (see docs/benchmarks.md).",
    subcommands = {StreamBench.class, NightlyBench.class, ApiBench.class})
final class BenchCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println("ubi bench stream --help    the speed layer: produce to bronze commit");
    System.out.println("ubi bench nightly --help   the nightly job: backfill, one-day increment");
    System.out.println("ubi bench api --help       the serving API: profiles and signal queries");
    return 0;
  }
}
