package io.ubi.model.privacy;

import io.ubi.model.contract.EventTypes;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code docs/privacy.md}, generated from {@code field-policy.json} and the taxonomy so the page
 * cannot drift from what UBI keeps ({@code ./ubi privacy > docs/privacy.md}).
 */
public final class PrivacyDocs {
  private PrivacyDocs() {}

  public static String markdown(FieldPolicy policy) {
    StringBuilder s = new StringBuilder();
    s.append("# What UBI keeps of an event\n\n")
        .append("<!-- Generated from model/src/main/resources/io/ubi/model/privacy/")
        .append("field-policy.json by `./ubi privacy`; do not edit by hand. -->\n\n")
        .append("Field policy version ")
        .append(policy.version())
        .append(", classification rules version ")
        .append(ContentRules.VERSION)
        .append(".\n\n")
        .append(
            "Data minimisation (PRD FR-8, PR-UBI-01) runs before an envelope is stored anywhere:"
                + " the ingest API applies it before Kafka, and the speed layer again for envelopes"
                + " that reach the topic another way. A tenant lists the fields it allows in its"
                + " settings (`privacy.allowed_fields`, through `PUT /v1/ubi/config/{tenant_id}`);"
                + " without a list, each event keeps the defaults below. Every field dropped,"
                + " hashed or redacted is recorded by name and reason, never with its value: in the"
                + " ingest answer (`minimised`) and in bronze's `minimised` column.\n\n")
        .append(
            "Names are UBI's: `properties.<path>` is a path into the PM-3 payload (a path keeps"
                + " everything below it), `resource.<key>` a key of its resource metadata,"
                + " `team_id`, `actor_type` and `source_system` stand for every place an envelope"
                + " can carry them.\n\n")
        .append("## Always kept\n\n")
        .append(list(policy.structural().fields()))
        .append(": ")
        .append(policy.structural().why())
        .append(". PM-3's `privacy_tags` are kept as well: they say how to treat the rest.\n\n")
        .append("## Kept by default for every event type\n\n| fields | why |\n|---|---|\n");
    for (FieldPolicy.Entry e : policy.common()) {
      s.append("| ").append(list(e.fields())).append(" | ").append(e.why()).append(" |\n");
    }
    s.append("| ")
        .append(list(FieldPolicy.attributeSources()))
        .append(
            " | the sources of the taxonomy's attributes (docs/events.md), the only part of the")
        .append(" payload features read; they leave bronze only pseudonymised or tokenised |\n\n")
        .append("## Kept by default for some event types\n\n| event type | fields | why |\n")
        .append("|---|---|---|\n");
    policy
        .byEventType()
        .forEach(
            (type, entries) ->
                entries.forEach(
                    e ->
                        s.append("| `")
                            .append(type)
                            .append("` | ")
                            .append(list(e.fields()))
                            .append(" | ")
                            .append(e.why())
                            .append(" |\n")));
    s.append("\nEvery other event type keeps the common fields only (")
        .append(EventTypes.taxonomy().types().size())
        .append(" canonical types in all).\n\n")
        .append("## Content of kept fields\n\n")
        .append(
            "A kept field is judged by its name and content unless it is structural, a named"
                + " field or an attribute source: a secret (cloud or forge keys, tokens, private"
                + " keys, `password=...`, fields named for secrets), personal data (e-mail and IP"
                + " addresses, fields named for a person's name, e-mail or phone) or code (multi-line"
                + " source, fields named code, snippet, diff, prompt...). When PM-3's tags say the"
                + " payload holds personal data (`contains_PI`) or code (`contains_code_snippet`),"
                + " every kept free-text field of the payload is taken for it. With a Data"
                + " Governance service configured (`governance.url`), the ingest API also asks it"
                + " about the kept text fields (`POST /privacy/v1/classification`); the stricter"
                + " verdict wins, and an answer it cannot use leaves these rules in force. The"
                + " tenant's"
                + " `privacy.personal` (drop, hash or redact), `privacy.secret` and `privacy.code`"
                + " (drop or redact) say what becomes of each; all default to drop. A hash is keyed"
                + " per tenant (`tk_…`): equal values stay equal, none can be read back.\n");
    return s.toString();
  }

  private static String list(List<String> fields) {
    return fields.stream().map(f -> "`" + f + "`").collect(Collectors.joining(", "));
  }
}
