package io.ubi.launcher.eval;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Quality evaluations against synthetic ground truth; see docs/quality.md. */
@Command(
    name = "eval",
    description = "Quality evaluations against synthetic ground truth (see docs/quality.md).",
    subcommands = {SignalsEvalCommand.class})
public final class EvalCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println("ubi eval signals --help   precision and recall of each signal rule");
    return 0;
  }
}
