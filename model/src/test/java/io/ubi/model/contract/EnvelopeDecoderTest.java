package io.ubi.model.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.privacy.Pseudonymizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeDecoderTest {
  private static final String KEY = "test-pseudonym-key-0123456789abcdef";
  private static final Pseudonymizer PSEUDONYMIZER = new Pseudonymizer(KEY);

  /** acme has its own mapping rules (v3) and allow list (config v2); globex has no file. */
  private static EnvelopeDecoder decoder;

  @BeforeAll
  static void tenants(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("acme.json"),
        """
        {
          "version": 2,
          "enabled_event_categories": ["pr_created", "pr_reviewed", "build_failed", "commit_created"],
          "event_mapping": {
            "version": 3,
            "aliases": {"pr_opened": "pr_created", "mr_opened": "pr_created", "ci_red": "build_failed"}
          }
        }
        """);
    decoder =
        new EnvelopeDecoder(
            TenantConfigs.load(dir), PSEUDONYMIZER, new EnvelopeValidator(Envelopes.CLOCK));
  }

  private static MappingOutcome decode(ObjectNode envelope) {
    return decoder.decode(Json.write(envelope));
  }

  private static BehaviouralEvent mapped(ObjectNode envelope) {
    MappingOutcome outcome = decode(envelope);
    assertThat(outcome).isInstanceOf(MappingOutcome.Mapped.class);
    return ((MappingOutcome.Mapped) outcome).event();
  }

  private static MappingOutcome.Rejected rejected(MappingOutcome outcome) {
    assertThat(outcome).isInstanceOf(MappingOutcome.Rejected.class);
    return (MappingOutcome.Rejected) outcome;
  }

  // --- mapping rules ---------------------------------------------------------------------------

  @Test
  void aliasIsMappedByTheTenantsRulesAndTheirVersionIsRecorded() {
    BehaviouralEvent event = mapped(Envelopes.valid().put("signal_type", "mr_opened"));
    assertThat(event.eventType()).isEqualTo("pr_created");
    assertThat(event.signalType()).isEqualTo("mr_opened");
    assertThat(event.mappingVersion()).isEqualTo(3);
  }

  @Test
  void tenantWithoutAFileUsesTheDefaultRulesVersion1() {
    BehaviouralEvent event =
        mapped(Envelopes.valid().put("tenant_id", "globex").put("signal_type", "editor_switch"));
    assertThat(event.eventType()).isEqualTo("context_switch");
    assertThat(event.mappingVersion()).isEqualTo(1);
    assertThat(event.tenantId()).isEqualTo("globex");
  }

  @Test
  void canonicalSignalTypeMapsToItself() {
    BehaviouralEvent event = mapped(Envelopes.valid().put("signal_type", "build_failed"));
    assertThat(event.eventType()).isEqualTo("build_failed");
    assertThat(event.mappingVersion()).isEqualTo(3);
  }

  @Test
  void tenantAliasesReplaceTheDefaultAliasesInsteadOfMergingWithThem() {
    // "commit" is a default alias, but acme's own alias table does not contain it.
    MappingOutcome.Rejected r = rejected(decode(Envelopes.valid().put("signal_type", "commit")));
    assertThat(r.reason()).contains("'commit'", "rules v3");
    assertThat(
            mapped(Envelopes.valid().put("tenant_id", "globex").put("signal_type", "commit"))
                .eventType())
        .isEqualTo("commit_created");
  }

  @Test
  void unknownSignalTypeIsRejectedNamingTheTypeAndTheRulesVersion() {
    MappingOutcome.Rejected r =
        rejected(decode(Envelopes.valid().put("signal_type", "build_metric")));
    assertThat(r.tenantId()).isEqualTo("acme");
    assertThat(r.eventId()).isEqualTo("sig-0001");
    assertThat(r.reason())
        .isEqualTo(
            "signal_type: 'build_metric' has no mapping to a canonical"
                + " event type in tenant mapping rules v3; add an alias or send a canonical type");
  }

  @Test
  void anEnvelopeWithoutAnActorIsDroppedWithTheReasonNotRejected() {
    ObjectNode noActor = Envelopes.valid();
    noActor.remove("actor_id");
    MappingOutcome outcome = decode(noActor);
    assertThat(outcome).isInstanceOf(MappingOutcome.Dropped.class);
    assertThat(((MappingOutcome.Dropped) outcome).reason()).startsWith("no actor_id");
  }

  @Test
  void eventTypeNotEnabledForTheTenantIsDroppedWithTheReason() {
    MappingOutcome outcome = decode(Envelopes.valid().put("signal_type", "llm_request_submitted"));
    assertThat(outcome)
        .isEqualTo(
            new MappingOutcome.Dropped(
                "acme",
                "sig-0001",
                "llm_request_submitted",
                2,
                "event type 'llm_request_submitted' is not enabled for tenant 'acme' (config v2)"));
  }

  @Test
  void theDefaultsEnableEveryCanonicalType() {
    for (String type : EventTypes.canonical()) {
      assertThat(decode(Envelopes.valid().put("tenant_id", "globex").put("signal_type", type)))
          .as(type)
          .isInstanceOf(MappingOutcome.Mapped.class);
    }
  }

  // --- actor type ------------------------------------------------------------------------------

  @Test
  void actorTypeDefaultsToHuman() {
    assertThat(mapped(Envelopes.valid()).actorType()).isEqualTo(ActorType.HUMAN);
  }

  @Test
  void actorTypeIsReadFromResource() {
    ObjectNode e = Envelopes.valid();
    ((ObjectNode) e.get("resource")).put("actor_type", "ai_agent");
    assertThat(mapped(e).actorType()).isEqualTo(ActorType.AI_AGENT);
  }

  @Test
  void actorTypeIsReadFromPayloadIgnoringCase() {
    ObjectNode e = Envelopes.valid();
    ((ObjectNode) e.get("payload")).put("actor_type", "SERVICE");
    assertThat(mapped(e).actorType()).isEqualTo(ActorType.SERVICE);
  }

  @Test
  void resourceActorTypeWinsOverPayload() {
    ObjectNode e = Envelopes.valid();
    ((ObjectNode) e.get("resource")).put("actor_type", "service");
    ((ObjectNode) e.get("payload")).put("actor_type", "ai_agent");
    assertThat(mapped(e).actorType()).isEqualTo(ActorType.SERVICE);
  }

  @Test
  void actorTypeIsInferredFromAgentAndServiceHints() {
    assertThat(mapped(Envelopes.valid().put("actor_id", "agent:copilot-7")).actorType())
        .isEqualTo(ActorType.AI_AGENT);
    assertThat(mapped(Envelopes.valid().put("actor_id", "svc:release-bot")).actorType())
        .isEqualTo(ActorType.SERVICE);
    ObjectNode e = Envelopes.valid();
    ((ObjectNode) e.get("payload")).put("agent_name", "reviewer");
    assertThat(mapped(e).actorType()).isEqualTo(ActorType.AI_AGENT);
  }

  @Test
  void undeclaredActorTypeIsRejected() {
    ObjectNode e = Envelopes.valid();
    ((ObjectNode) e.get("resource")).put("actor_type", "robot");
    assertThat(rejected(decode(e)).reason())
        .isEqualTo("actor_type: must be one of human, ai_agent, service, got 'robot'");
  }

  // --- the mapped event ------------------------------------------------------------------------

  @Test
  void mappedEventCarriesTheEnvelopeFieldsAndAPseudonym() {
    ObjectNode e = Envelopes.valid();
    ((ObjectNode) e.get("resource")).put("team_id", "platform");
    BehaviouralEvent event = mapped(e);
    assertThat(event.eventId()).isEqualTo("sig-0001");
    assertThat(event.actorId()).isEqualTo("alice@example.com");
    assertThat(event.actorPseudonym())
        .isEqualTo(PSEUDONYMIZER.pseudonymise("acme", "alice@example.com"))
        .startsWith("ps_")
        .doesNotContain("alice");
    assertThat(event.teamId()).isEqualTo("platform");
    assertThat(event.sourceSystem()).isEqualTo("github");
    assertThat(event.signalKind()).isEqualTo("event");
    assertThat(event.timestampUtc()).isEqualTo(Instant.parse("2026-03-02T10:15:00Z"));
    assertThat(event.ingestedAt()).isEqualTo(Instant.parse("2026-03-02T10:15:02.250Z"));
    assertThat(event.dt()).hasToString("2026-03-02");
    // Minimised by the pr_created defaults (docs/privacy.md): the title length is not kept.
    assertThat(Json.parse(event.propertiesJson())).isEqualTo(Json.parse("{\"pr_number\": 42}"));
    assertThat(event.minimised())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "properties.title_length", "dropped:not_allowed",
                "resource.branch", "dropped:not_allowed"));
    assertThat(event.schemaVersion()).isEqualTo("1.0");
    assertThat(event.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(event.spanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(event.correlationId()).isEqualTo("corr-7");
    assertThat(event.resource())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("service_name", "GitHub", "repo", "ubi", "team_id", "platform"));
    assertThat(event.privacyTags())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "contains_PI",
                "false",
                "contains_code_snippet",
                "false",
                "contains_secret",
                "false",
                "classified_by",
                "ubi_rules_v1"));
  }

  @Test
  void occurredAtWithAnOffsetBecomesUtc() {
    BehaviouralEvent event =
        mapped(Envelopes.valid().put("occurred_at", "2026-03-02T00:30:00+02:00"));
    assertThat(event.timestampUtc()).isEqualTo(Instant.parse("2026-03-01T22:30:00Z"));
    assertThat(event.dt()).hasToString("2026-03-01");
  }

  @Test
  void sourceSystemPrefersProducerIdAndFallsBackToTheEventTypesSource() {
    assertThat(mapped(Envelopes.valid().put("producer_id", "Gitlab-CI")).sourceSystem())
        .isEqualTo("gitlab-ci");
    ObjectNode bare = Envelopes.valid();
    bare.remove("resource");
    assertThat(mapped(bare).sourceSystem()).isEqualTo("code_review");
  }

  @Test
  void privacyTagsFromPm3WinAndAreNotKeptInProperties() {
    ObjectNode e = Envelopes.valid();
    ((ObjectNode) e.get("payload"))
        .put("email", "alice@example.com")
        .putObject("privacy_tags")
        .put("contains_PI", true)
        .put("contains_code_snippet", false);
    BehaviouralEvent event = mapped(e);
    assertThat(event.privacyTags())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "contains_PI", "true", "contains_code_snippet", "false", "classified_by", "pm3"));
    assertThat(Json.parse(event.propertiesJson()).has("privacy_tags")).isFalse();
  }

  @Test
  void privacyTagsAreClassifiedByUbiRulesWhenPm3SendsNone() {
    ObjectNode e = Envelopes.valid();
    ((ObjectNode) e.get("payload")).put("Email", "x").put("diff", "+a");
    assertThat(mapped(e).privacyTags())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "contains_PI",
                "true",
                "contains_code_snippet",
                "true",
                "contains_secret",
                "false",
                "classified_by",
                "ubi_rules_v1"));
  }

  @Test
  void classificationAndMessagesAreTheSameWhateverTheDefaultLocale() {
    ObjectNode e = Envelopes.valid();
    ((ObjectNode) e.get("payload")).put("IP", "10.0.0.1");
    Locale before = Locale.getDefault();
    // There "IP".toLowerCase() is "\u0131p", with a dotless i, and "BINARY" becomes "b\u0131nary".
    Locale.setDefault(Locale.forLanguageTag("tr"));
    try {
      assertThat(mapped(e).privacyTags()).containsEntry("contains_PI", "true");
      assertThat(EnvelopeValidator.kind(BinaryNode.valueOf(new byte[] {1}))).isEqualTo("binary");
    } finally {
      Locale.setDefault(before);
    }
  }

  // --- rejections ------------------------------------------------------------------------------

  @Test
  void missingTenantIdIsRejected() {
    ObjectNode e = Envelopes.valid();
    e.remove("tenant_id");
    MappingOutcome.Rejected r = rejected(decode(e));
    assertThat(r.tenantId()).isNull();
    assertThat(r.eventId()).isEqualTo("sig-0001");
    assertThat(r.reason()).isEqualTo("tenant_id: is required");
  }

  @Test
  void occurredAtAsANumberIsRejected() {
    assertThat(rejected(decode(Envelopes.valid().put("occurred_at", 1772446500000L))).reason())
        .isEqualTo("occurred_at: must be a string, got a number");
  }

  @Test
  void unknownSchemaMajorIsRejected() {
    assertThat(rejected(decode(Envelopes.valid().put("schema_version", "9.0"))).reason())
        .isEqualTo("schema_version: '9.0' is not supported; this UBI accepts 1.x");
  }

  @Test
  void occurredAtMoreThanAnHourInTheFutureIsRejected() {
    assertThat(
            rejected(decode(Envelopes.valid().put("occurred_at", "2026-03-02T13:00:01Z"))).reason())
        .startsWith("occurred_at: is more than 1h in the future");
    assertThat(decode(Envelopes.valid().put("occurred_at", "2026-03-02T13:00:00Z")))
        .isInstanceOf(MappingOutcome.Mapped.class);
  }

  @Test
  void everyViolationIsListed() {
    ObjectNode e = Envelopes.valid();
    e.remove("tenant_id");
    e.put("occurred_at", 1772446500000L).put("schema_version", "9.0").put("signal_kind", "span");
    ((ObjectNode) e.get("resource")).putArray("labels");
    // joined in the validator's field order
    assertThat(rejected(decode(e)).reason())
        .isEqualTo(
            String.join(
                "; ",
                "tenant_id: is required",
                "signal_kind: must be one of event, metric, log, trace, got 'span'",
                "occurred_at: must be a string, got a number",
                "schema_version: '9.0' is not supported; this UBI accepts 1.x",
                "resource.labels: must be a string, number or boolean, got an array"));
  }

  @Test
  void malformedJsonTextIsRejectedNotThrown() {
    MappingOutcome.Rejected r = rejected(decoder.decode("{\"signal_id\": \"s1\", \"tenant_id\": "));
    assertThat(r.tenantId()).isNull();
    assertThat(r.eventId()).isNull();
    assertThat(r.reason()).startsWith("Malformed JSON: ");
  }

  @Test
  void recordsThatAreNotEnvelopesAreRejected() {
    assertThat(rejected(decoder.decode((String) null)).reason())
        .isEqualTo("envelope: the record has no value");
    assertThat(rejected(decoder.decode("[1, 2]")).reason())
        .isEqualTo("envelope: must be a JSON object, got an array");
    assertThat(rejected(decoder.decode("null")).reason())
        .isEqualTo("envelope: must be a JSON object, got null");
    assertThat(rejected(decoder.decode("")).reason()).startsWith("envelope: must be a JSON object");
  }

  @Test
  void anEnvelopePastTheBoundsIsRejectedWithTheReasonTheApiGives() {
    ObjectNode deep = Envelopes.valid();
    deep.set("payload", EnvelopeLimitsTest.nested(900));
    assertThat(decode(deep))
        .isInstanceOfSatisfying(
            MappingOutcome.Rejected.class,
            r -> assertThat(r.reason()).contains("nests deeper than 10 levels"));
  }
}
