package io.ubi.launcher;

import io.ubi.launcher.demo.DemoCommand;
import io.ubi.launcher.eval.EvalCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.util.ShutdownHookManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code ubi} command. */
@Command(
    name = "ubi",
    mixinStandardHelpOptions = true,
    version = "ubi 0.1.0",
    description = "User Behaviour Intelligence: behavioural analytics for engineering teams.",
    subcommands = {
      DemoCommand.class,
      ServeCommand.class,
      BatchCommand.class,
      TokenCommand.class,
      TablesCommand.class,
      FeaturesCommand.class,
      EventsCommand.class,
      PrivacyCommand.class,
      BenchCommand.class,
      EvalCommand.class
    })
public final class Ubi {
  /** Options every command shares: configuration overrides. */
  public static final class ConfigOptions {
    @Option(names = "--config", description = "properties file with settings (see README)")
    String configFile;

    @Option(names = "--set", description = "a setting, key=value; repeatable, wins over all else")
    Map<String, String> settings = new LinkedHashMap<>();

    public UbiConfig resolve() {
      return resolve(Map.of());
    }

    /**
     * Resolves with {@code base} under the command line's own settings, e.g. a command's defaults.
     */
    public UbiConfig resolve(Map<String, String> base) {
      Map<String, String> cli = new LinkedHashMap<>(base);
      cli.putAll(settings);
      if (configFile != null) {
        cli.put("config", configFile);
      }
      return UbiConfig.resolve(cli, System.getenv());
    }
  }

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new Ubi());
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (ShutdownHookManager.get().isShutdownInProgress()) {
            // Ctrl-C or SIGTERM stopped the work under the command; the runtime reports its own
            // stop.
            return 130;
          }
          StringBuilder message = new StringBuilder("ubi: ").append(e.getMessage());
          for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            message.append("\n  caused by: ").append(c.getMessage());
          }
          cmd.getErr().println(message);
          if (System.getenv("UBI_DEBUG") != null) {
            e.printStackTrace(cmd.getErr());
          }
          return 1;
        });
    System.exit(cli.execute(args));
  }
}
