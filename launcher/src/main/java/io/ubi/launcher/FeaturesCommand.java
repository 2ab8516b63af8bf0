package io.ubi.launcher;

import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.feature.FeatureDocs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the feature catalogue, as the docs page or as the catalogue document itself. */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = "Print the feature catalogue (Markdown, or the JSON document with --json).")
final class FeaturesCommand implements Callable<Integer> {
  @Option(names = "--json", description = "print the catalogue document UBI reads")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (json) {
      try (InputStream in = FeatureCatalog.class.getResourceAsStream(FeatureCatalog.RESOURCE)) {
        System.out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } else {
      System.out.print(FeatureDocs.markdown(FeatureCatalog.catalogue()));
    }
    return 0;
  }
}
