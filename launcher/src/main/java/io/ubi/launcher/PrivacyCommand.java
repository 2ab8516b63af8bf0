package io.ubi.launcher;

import io.ubi.model.privacy.FieldPolicy;
import io.ubi.model.privacy.PrivacyDocs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Prints what UBI keeps of an event by default, and how it treats sensitive content. */
@Command(
    name = "privacy",
    mixinStandardHelpOptions = true,
    description = "Print the data-minimisation defaults and classification rules (Markdown).")
final class PrivacyCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.print(PrivacyDocs.markdown(FieldPolicy.get()));
    return 0;
  }
}
