package io.ubi.model.contract;

import io.ubi.model.config.MappingRules;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code docs/events.md}, generated from the taxonomy and the default mapping rules so the page
 * cannot drift from what UBI accepts ({@code ./ubi events > docs/events.md}).
 */
public final class TaxonomyDocs {
  private static final Map<EventTaxonomy.AttributeKind, String> LEAVES_BRONZE_AS =
      Map.of(
          EventTaxonomy.AttributeKind.TOKEN, "keyed token (`tk_…`), per tenant",
          EventTaxonomy.AttributeKind.ACTOR, "actor pseudonym (`ps_…`)",
          EventTaxonomy.AttributeKind.TEXT, "lower case, at most 64 characters",
          EventTaxonomy.AttributeKind.NUMBER, "number",
          EventTaxonomy.AttributeKind.BOOLEAN, "`true` / `false`",
          EventTaxonomy.AttributeKind.ZONE, "time-zone id",
          EventTaxonomy.AttributeKind.DERIVED, "derived by UBI");

  private TaxonomyDocs() {}

  public static String markdown(EventTaxonomy taxonomy, MappingRules defaults) {
    StringBuilder s = new StringBuilder();
    s.append("# Event taxonomy\n\n")
        .append("<!-- Generated from model/src/main/resources")
        .append(EventTaxonomy.RESOURCE)
        .append(" by `./ubi events`; do not edit by hand. -->\n\n")
        .append(taxonomy.description())
        .append("\n\nTaxonomy version ")
        .append(taxonomy.version())
        .append(". A tenant enables the types it wants")
        .append(" (`enabled_event_categories`) and maps its own signal types onto them")
        .append(" (`event_mapping.aliases`); the default aliases are listed with each type.\n\n")
        .append("## Canonical event types\n\n")
        .append("| type | source | what happened | default aliases |\n|---|---|---|---|\n");
    for (EventTaxonomy.EventType t : taxonomy.types().values()) {
      s.append("| `")
          .append(t.name())
          .append("` | ")
          .append(t.source())
          .append(" | ")
          .append(t.description())
          .append(
              t.mirroredAs() == null
                  ? ""
                  : "; also counted as `" + t.mirroredAs() + "` for its counterpart")
          .append(" | ")
          .append(aliases(defaults, t.name()))
          .append(" |\n");
    }
    s.append("\n## Derived event types\n\n")
        .append("Never ingested (a tenant cannot send them); features may read them.\n\n")
        .append("| type | from | meaning |\n|---|---|---|\n");
    for (EventTaxonomy.DerivedType d : taxonomy.derived().values()) {
      s.append("| `")
          .append(d.name())
          .append("` | `")
          .append(d.mirrorOf())
          .append("` | ")
          .append(d.description())
          .append(" |\n");
    }
    s.append("\n## Attributes\n\n")
        .append("What features may read of an event besides its type and time. Each is taken")
        .append(" from the first of its sources the envelope has, and stored in bronze's")
        .append(" `attributes` column only in the form below; the payload itself stays in")
        .append(" bronze. A value that cannot be read (an unknown time zone, a flag that is")
        .append(" not a boolean) is left out, never guessed.\n\n")
        .append("| attribute | leaves bronze as | read from | meaning |\n|---|---|---|---|\n");
    for (EventTaxonomy.AttributeDefinition a : taxonomy.attributes().values()) {
      s.append("| `")
          .append(a.name())
          .append("` | ")
          .append(LEAVES_BRONZE_AS.get(a.kind()))
          .append(" | ")
          .append(
              a.from().isEmpty()
                  ? "—"
                  : a.from().stream().map(f -> "`" + f + "`").collect(Collectors.joining(", ")))
          .append(" | ")
          .append(a.description())
          .append(" |\n");
    }
    return s.toString();
  }

  private static String aliases(MappingRules rules, String type) {
    List<String> names =
        new TreeSet<>(
                rules.aliases().entrySet().stream()
                    .filter(e -> e.getValue().equals(type))
                    .map(Map.Entry::getKey)
                    .toList())
            .stream().map(n -> "`" + n + "`").toList();
    return names.isEmpty() ? "" : String.join(", ", names);
  }
}
