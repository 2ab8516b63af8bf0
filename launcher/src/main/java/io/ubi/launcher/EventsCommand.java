package io.ubi.launcher;

import io.ubi.model.config.TenantConfigs;
import io.ubi.model.contract.EventTaxonomy;
import io.ubi.model.contract.EventTypes;
import io.ubi.model.contract.TaxonomyDocs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the event taxonomy, as the docs page or as the taxonomy document itself. */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description =
        "Print the event taxonomy: canonical and derived types, default aliases and"
            + " extracted attributes (Markdown, or the JSON document with --json).")
final class EventsCommand implements Callable<Integer> {
  @Option(names = "--json", description = "print the taxonomy document UBI reads")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (json) {
      try (InputStream in = EventTaxonomy.class.getResourceAsStream(EventTaxonomy.RESOURCE)) {
        System.out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } else {
      System.out.print(
          TaxonomyDocs.markdown(
              EventTypes.taxonomy(), TenantConfigs.defaults().forTenant("*").eventMapping()));
    }
    return 0;
  }
}
