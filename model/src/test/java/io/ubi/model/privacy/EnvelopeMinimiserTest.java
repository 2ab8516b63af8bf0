package io.ubi.model.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;
import io.ubi.model.privacy.PrivacyPolicy.Treatment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Data minimisation of one envelope: what is kept, dropped, hashed or redacted, and the audit. */
class EnvelopeMinimiserTest {
  private static final Pseudonymizer KEYS =
      new Pseudonymizer("minimiser-test-key-0123456789abcdef");

  private static ObjectNode envelope() {
    ObjectNode e =
        Json.MAPPER
            .createObjectNode()
            .put("signal_id", "s-1")
            .put("tenant_id", "acme")
            .put("actor_id", "alice@example.com")
            .put("signal_kind", "event")
            .put("signal_type", "pr_opened")
            .put("occurred_at", "2026-03-02T10:15:00Z")
            .put("ingested_at", "2026-03-02T10:15:02Z")
            .put("schema_version", "1.0")
            .put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
            .put("producer_id", "GitHub-App");
    e.putObject("resource")
        .put("service_name", "GitHub")
        .put("repo", "ubi")
        .put("branch", "alice/fix")
        .put("team_id", "core");
    e.putObject("payload")
        .put("pr_number", 42)
        .put("pr_author", "bob@example.com")
        .put("secret_key", "sensitive")
        .put("pii_email", "user@example.com")
        .put("title", "Fix the build");
    return e;
  }

  private static PrivacyPolicy policy(List<String> allowed, Treatment personal) {
    return new PrivacyPolicy(allowed, personal, Treatment.DROP, Treatment.REDACT);
  }

  @Test
  void theDefaultsKeepWhatUbiReadsAndDropTheRestNamingEachField() {
    EnvelopeMinimiser.Minimised m =
        EnvelopeMinimiser.apply(envelope(), "pr_created", PrivacyPolicy.DEFAULT, "acme", KEYS);
    ObjectNode kept = m.envelope();
    assertThat(kept.get("actor_id").asText()).isEqualTo("alice@example.com");
    assertThat(kept.get("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(kept.get("producer_id").asText()).isEqualTo("GitHub-App");
    assertThat(names(kept.get("resource"))).containsExactly("service_name", "repo", "team_id");
    // pr_author is the counterpart attribute's source: kept raw here, pseudonymised at decode.
    assertThat(names(kept.get("payload"))).containsExactly("pr_number", "pr_author");
    assertThat(m.actions())
        .containsEntry("resource.branch", "dropped:not_allowed")
        .containsEntry("properties.secret_key", "dropped:not_allowed")
        .containsEntry("properties.pii_email", "dropped:not_allowed")
        .containsEntry("properties.title", "dropped:not_allowed")
        .hasSize(4);
    assertThat(m.actions().toString()).doesNotContain("sensitive", "user@example.com", "alice/fix");
  }

  @Test
  void onlyTheAllowedFieldsAreKeptAsPrUbi01Configures() {
    EnvelopeMinimiser.Minimised m =
        EnvelopeMinimiser.apply(
            envelope(),
            "pr_created",
            policy(List.of("event_type", "timestamp_utc", "actor_id"), Treatment.DROP),
            "acme",
            KEYS);
    ObjectNode kept = m.envelope();
    assertThat(names(kept))
        .containsExactly(
            "signal_id",
            "tenant_id",
            "actor_id",
            "signal_kind",
            "signal_type",
            "occurred_at",
            "ingested_at",
            "schema_version",
            "resource",
            "payload");
    assertThat(kept.get("resource").isEmpty()).isTrue();
    assertThat(kept.get("payload").isEmpty()).isTrue();
    assertThat(m.actions())
        .containsKeys(
            "trace_id",
            "producer_id",
            "resource.repo",
            "properties.secret_key",
            "properties.pii_email");
  }

  @Test
  void keptFieldsWithPersonalSecretOrCodeContentAreTreatedAsThePolicySays() {
    ObjectNode e = envelope();
    e.with("payload").put("note", "ping alice@example.com");
    e.with("payload").put("config", "password=hunter22");
    e.with("payload").put("snippet", "x = 1;\ny = 2;");
    List<String> allowed =
        List.of(
            "properties.note", "properties.config", "properties.snippet", "properties.pr_author");
    EnvelopeMinimiser.Minimised m =
        EnvelopeMinimiser.apply(e, "pr_created", policy(allowed, Treatment.HASH), "acme", KEYS);
    ObjectNode payload = (ObjectNode) m.envelope().get("payload");
    assertThat(payload.get("note").asText())
        .isEqualTo(KEYS.token("acme", "field:properties.note", "ping alice@example.com"));
    assertThat(payload.has("config")).isFalse();
    assertThat(payload.get("snippet").asText()).isEqualTo("[redacted:code]");
    // An attribute source identifies a person and is pseudonymised at decode: never hashed here.
    assertThat(payload.get("pr_author").asText()).isEqualTo("bob@example.com");
    assertThat(m.actions())
        .containsEntry("properties.note", "hashed:personal")
        .containsEntry("properties.config", "dropped:secret")
        .containsEntry("properties.snippet", "redacted:code");
  }

  @Test
  void pm3TagsMakeEveryKeptFreeTextFieldOfThePayloadPersonal() {
    ObjectNode e = envelope();
    e.with("resource").putObject("privacy_tags").put("contains_PI", true);
    e.with("payload").put("summary", "harmless words");
    EnvelopeMinimiser.Minimised m =
        EnvelopeMinimiser.apply(
            e,
            "pr_created",
            policy(List.of("properties.summary", "properties.pr_number"), Treatment.REDACT),
            "acme",
            KEYS);
    assertThat(m.envelope().at("/payload/summary").asText()).isEqualTo("[redacted:pm3_personal]");
    assertThat(m.envelope().at("/payload/pr_number").asInt()).isEqualTo(42);
    assertThat(m.envelope().at("/resource/privacy_tags/contains_PI").asBoolean()).isTrue();
  }

  @Test
  void applyingItAgainChangesNothingAndTheAuditTravelsWithTheEnvelope() {
    EnvelopeMinimiser.Minimised first =
        EnvelopeMinimiser.apply(envelope(), "pr_created", PrivacyPolicy.DEFAULT, "acme", KEYS);
    ObjectNode sent = MinimisationAudit.withAudit(first);
    assertThat(MinimisationAudit.earlierActions(sent)).isEqualTo(first.actions());
    EnvelopeMinimiser.Minimised again =
        EnvelopeMinimiser.apply(sent, "pr_created", PrivacyPolicy.DEFAULT, "acme", KEYS);
    assertThat(again.actions()).isEmpty();
    assertThat(again.envelope()).isEqualTo(first.envelope());
  }

  @Test
  void anAuditEntryThatIsNotAFieldAndAnActionIsIgnored() {
    ObjectNode e = envelope();
    e.putObject(MinimisationAudit.FIELD)
        .put("properties.ok", "dropped:not_allowed")
        .put("properties.leak", "dropped:alice@example.com")
        .put("Not A Field!", "dropped:not_allowed")
        .put("signal_id", "dropped:not_allowed");
    assertThat(MinimisationAudit.earlierActions(e)).containsOnlyKeys("properties.ok");
  }

  @Test
  void nestedPathsKeepTheirSubtreeAndDropTheirSiblings() {
    ObjectNode e = envelope();
    e.with("payload").putObject("stats").put("added", 3).put("author_email", "a@b.io");
    e.with("payload").with("stats").putObject("files").put("count", 2);
    EnvelopeMinimiser.Minimised m =
        EnvelopeMinimiser.apply(
            e,
            "pr_created",
            policy(List.of("properties.stats.files", "properties.stats.added"), Treatment.DROP),
            "acme",
            KEYS);
    assertThat(m.envelope().at("/payload/stats/added").asInt()).isEqualTo(3);
    assertThat(m.envelope().at("/payload/stats/files/count").asInt()).isEqualTo(2);
    assertThat(m.envelope().at("/payload/stats").has("author_email")).isFalse();
    assertThat(m.actions()).containsEntry("properties.stats.author_email", "dropped:not_allowed");
  }

  private static List<String> names(com.fasterxml.jackson.databind.JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
