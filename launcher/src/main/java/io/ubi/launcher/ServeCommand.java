package io.ubi.launcher;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the speed layer and the serving API until stopped (the nightly job is scheduled apart). */
@Command(name = "serve", description = "Run the speed layer and the serving API until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
  @Mixin Ubi.ConfigOptions options;

  @Override
  public Integer call() throws InterruptedException {
    UbiConfig config = options.resolve();
    UbiRuntime runtime = UbiRuntime.start(config, m -> System.out.println("[ubi] " + m));
    CountDownLatch stopped = runtime.closeOnShutdown();
    System.out.println("[ubi] running; Ctrl-C stops");
    stopped.await();
    return 0;
  }
}
