package io.ubi.launcher;

import io.ubi.lakehouse.TableCatalogue;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the table catalogue, or the Trino statements that attach the tables. */
@Command(name = "tables", description = "Print the table catalogue (Markdown) or Trino DDL.")
final class TablesCommand implements Callable<Integer> {
  @Option(names = "--trino-catalog", description = "print Trino register_table calls instead")
  String trinoCatalog;

  @Option(
      names = "--lake-uri",
      defaultValue = "local:///lake",
      description = "table location prefix as Trino sees it (default: %DEFAULT-VALUE%)")
  String lakeUri;

  @Override
  public Integer call() {
    if (trinoCatalog != null) {
      TableCatalogue.trinoRegistrations(trinoCatalog, lakeUri)
          .forEach(s -> System.out.println(s + ";"));
    } else {
      System.out.print(TableCatalogue.catalogueMarkdown());
    }
    return 0;
  }
}
