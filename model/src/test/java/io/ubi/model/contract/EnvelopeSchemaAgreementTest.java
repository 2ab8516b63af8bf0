package io.ubi.model.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.ubi.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Holds {@code signal-envelope.schema.json} and {@link EnvelopeValidator} together: every envelope
 * in the table gets the same verdict from both, and that verdict is the one the table expects. The
 * rules the schema documents as validator-only (supported major version, clock skew, 29 February in
 * non-leap years) are listed separately: the schema accepts those envelopes and the validator
 * rejects them with the expected message.
 */
class EnvelopeSchemaAgreementTest {
  static final String SCHEMA_RESOURCE = "/io/ubi/model/contract/signal-envelope.schema.json";

  private static JsonNode schemaDocument;
  private static JsonSchema schema;
  private final EnvelopeValidator validator = new EnvelopeValidator(Envelopes.CLOCK);

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in = EnvelopeSchemaAgreementTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      assertThat(in).as("schema on the classpath at " + SCHEMA_RESOURCE).isNotNull();
      schemaDocument = Json.MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaDocument);
  }

  private static Arguments row(String name, boolean valid, Consumer<ObjectNode> change) {
    ObjectNode e = Envelopes.valid();
    change.accept(e);
    return Arguments.of(name, valid, e);
  }

  static Stream<Arguments> envelopes() {
    String longId = "x".repeat(EnvelopeValidator.MAX_ID_LENGTH);
    return Stream.of(
        row("the reference envelope", true, e -> {}),
        row(
            "only the required fields",
            true,
            e -> {
              e.remove(List.of("trace_id", "span_id", "correlation_id", "resource", "payload"));
            }),
        row(
            "optional fields explicitly null",
            true,
            e -> {
              e.putNull("trace_id");
              e.putNull("resource");
              e.putNull("payload");
            }),
        row(
            "unknown extra properties (additive minor version)",
            true,
            e -> {
              e.put("producer_id", "GitHub-App");
              e.putObject("x_routing").put("class", "realtime_detection");
            }),
        row(
            "ids of exactly 256 characters",
            true,
            e -> {
              e.put("signal_id", longId);
              e.put("actor_id", longId);
            }),
        row(
            "timestamps with lower-case t/z, offsets and nanoseconds",
            true,
            e -> {
              e.put("occurred_at", "2026-03-02t10:15:00.123456789z");
              e.put("ingested_at", "2026-03-02T15:45:00+05:30");
            }),
        row(
            "privacy tags as booleans in resource and payload",
            true,
            e -> {
              ((ObjectNode) e.get("resource")).putObject("privacy_tags").put("contains_PI", false);
              ((ObjectNode) e.get("payload"))
                  .putObject("privacy_tags")
                  .put("contains_code_snippet", true);
            }),
        row(
            "payload with nested content",
            true,
            e -> {
              ((ObjectNode) e.get("payload"))
                  .putObject("diff_stats")
                  .putArray("files")
                  .add("a.java");
            }),
        row("missing tenant_id", false, e -> e.remove("tenant_id")),
        row("no actor_id (if applicable, PRD FR-1)", true, e -> e.remove("actor_id")),
        row("null actor_id", true, e -> e.putNull("actor_id")),
        row("numeric actor_id", false, e -> e.put("actor_id", 42)),
        row("null signal_id", false, e -> e.putNull("signal_id")),
        row("blank actor_id", false, e -> e.put("actor_id", " \t ")),
        row("signal_id of 257 characters", false, e -> e.put("signal_id", longId + "x")),
        row("occurred_at as a number", false, e -> e.put("occurred_at", 1772446500000L)),
        row(
            "occurred_at without an offset",
            false,
            e -> e.put("occurred_at", "2026-03-02T10:15:00")),
        row("ingested_at on 30 February", false, e -> e.put("ingested_at", "2026-02-30T10:15:00Z")),
        row(
            "ingested_at with a 19 hour offset",
            false,
            e -> e.put("ingested_at", "2026-03-02T10:15:00+19:00")),
        row("unknown signal_kind", false, e -> e.put("signal_kind", "span")),
        row("signal_type with capitals and a dash", false, e -> e.put("signal_type", "PR-Opened")),
        row("tenant_id with a space", false, e -> e.put("tenant_id", "acme corp")),
        row("tenant_id of 65 characters", false, e -> e.put("tenant_id", "a".repeat(65))),
        row("tenant_id with a trailing newline", false, e -> e.put("tenant_id", "acme\n")),
        row("schema_version with four parts", false, e -> e.put("schema_version", "1.0.0.0")),
        row("schema_version with a prefix", false, e -> e.put("schema_version", "v1")),
        row("schema_version as a number", false, e -> e.put("schema_version", 1.0)),
        row("trace_id as a number", false, e -> e.put("trace_id", 42)),
        row("resource as an array", false, e -> e.putArray("resource").add("svc")),
        row(
            "resource with a nested object",
            false,
            e -> ((ObjectNode) e.get("resource")).putObject("git").put("sha", "abc")),
        row(
            "resource privacy tag that is not a boolean",
            false,
            e ->
                ((ObjectNode) e.get("resource"))
                    .putObject("privacy_tags")
                    .put("contains_PI", "no")),
        row(
            "payload privacy_tags null",
            false,
            e -> ((ObjectNode) e.get("payload")).putNull("privacy_tags")),
        row("payload as a string", false, e -> e.put("payload", "{\"pr\": 42}")));
  }

  @ParameterizedTest(name = "{0} -> valid={1}")
  @MethodSource("envelopes")
  void schemaAndValidatorAgree(String name, boolean expectedValid, ObjectNode envelope) {
    Set<ValidationMessage> schemaErrors = schema.validate(envelope);
    List<String> validatorErrors = validator.validate(envelope);
    assertThat(schemaErrors.isEmpty())
        .as("schema verdict, errors: %s", schemaErrors)
        .isEqualTo(expectedValid);
    assertThat(validatorErrors.isEmpty())
        .as("validator verdict, errors: %s", validatorErrors)
        .isEqualTo(expectedValid);
  }

  @Test
  void bothRejectADocumentThatIsNotAnObject() {
    JsonNode array = Json.parse("[{\"signal_id\": \"s1\"}]");
    assertThat(schema.validate(array)).isNotEmpty();
    assertThat(validator.validate(array))
        .containsExactly("envelope: must be a JSON object, got an array");
  }

  /** The rules the schema's description names as the validator's alone. */
  static Stream<Arguments> semanticOnly() {
    return Stream.of(
        Arguments.of(
            "unsupported major schema_version 9.0",
            with(e -> e.put("schema_version", "9.0")),
            "schema_version: '9.0' is not supported; this UBI accepts 1.x"),
        Arguments.of(
            "occurred_at two hours ahead of the clock",
            with(e -> e.put("occurred_at", Envelopes.NOW.plusSeconds(2 * 3600).toString())),
            "occurred_at: is more than 1h in the future"),
        Arguments.of(
            "29 February in a non-leap year",
            with(e -> e.put("ingested_at", "2026-02-29T10:15:00Z")),
            "ingested_at: must be an ISO 8601 timestamp"),
        Arguments.of(
            "a 200 KB string in the payload",
            with(e -> e.with("payload").put("body", "x".repeat(200 * 1024))),
            "payload.body: a string of 204800 characters; at most 8192"),
        Arguments.of(
            "900 levels of nesting",
            with(e -> e.set("payload", EnvelopeLimitsTest.nested(900))),
            "payload.n.n.n.n.n.n.n.n.n: nests deeper than 10 levels"),
        Arguments.of(
            "600 fields in the payload",
            with(e -> EnvelopeLimitsTest.fields(e.with("payload"), 600)),
            "envelope: holds"),
        Arguments.of(
            "80 KB of strings each within bounds",
            with(
                e -> {
                  for (int i = 0; i < 10; i++) {
                    e.with("payload").put("part" + i, "y".repeat(8000));
                  }
                }),
            "envelope: is 8"));
  }

  private static ObjectNode with(Consumer<ObjectNode> change) {
    ObjectNode e = Envelopes.valid();
    change.accept(e);
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("semanticOnly")
  void validatorOnlyRulesAreExcludedFromTheSchemaAndEnforcedByTheValidator(
      String name, ObjectNode envelope, String expectedError) {
    assertThat(schema.validate(envelope))
        .as("the schema leaves this rule to the validator")
        .isEmpty();
    assertThat(validator.validate(envelope)).singleElement().asString().startsWith(expectedError);
  }

  @Test
  void theSupportedMajorIsAcceptedInAllThreeForms() {
    for (String v : List.of("1", "1.7", "1.7.3")) {
      ObjectNode e = with(n -> n.put("schema_version", v));
      assertThat(schema.validate(e)).as(v).isEmpty();
      assertThat(validator.validate(e)).as(v).isEmpty();
    }
  }

  /** The timestamp pattern against the JDK parser the validator uses, form by form. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-23T09:15:00Z",
        "2026-11-23T09:15Z",
        "2026-11-23t09:15:00z",
        "2026-11-23T09:15:00.123456789Z",
        "2026-11-23T09:15:00.1234567891Z",
        "2026-11-23T09:15:00.Z",
        "2026-11-23T09:15:00+01:00",
        "2026-11-23T09:15:00+0100",
        "2026-11-23T09:15:00+01",
        "2026-11-23T09:15:00+01:00:30",
        "2026-11-23T09:15:00+010030",
        "2026-11-23T09:15:00+1:00",
        "2026-11-23T09:15:00-00:00",
        "2026-11-23T09:15:00-00",
        "2026-11-23T09:15:00+18:00",
        "2026-11-23T09:15:00-18:00:00",
        "2026-11-23T09:15:00+18:00:01",
        "2026-11-23T09:15:00+19:00",
        "2026-11-23T09:15:00+17:59:59",
        "2026-11-23T09:15:00+01:60",
        "2026-11-23T09:15:00+01:00:60",
        "2026-11-23T09:15:00+01:0",
        "2026-11-23T09:15:00+01:00:",
        "2026-11-23T09:15:00+0",
        "+12026-11-23T09:15:00Z",
        "12026-11-23T09:15:00Z",
        "+2026-11-23T09:15:00Z",
        "+02026-11-23T09:15:00Z",
        "-2026-11-23T09:15:00Z",
        "-0001-11-23T09:15:00Z",
        "-0000-11-23T09:15:00Z",
        "0000-11-23T09:15:00Z",
        "+999999999-01-01T00:00:00Z",
        "+0999999999-01-01T00:00:00Z",
        "+9999999999-01-01T00:00:00Z",
        "-1000000000-01-01T00:00:00Z",
        "2028-02-29T09:15:00Z",
        "2026-11-31T09:15:00Z",
        "2026-12-31T23:59:59Z",
        "2026-00-10T09:15:00Z",
        "2026-11-23T24:00:00Z",
        "2026-11-23T23:59:60Z",
        "2026-11-23T23:60:00Z",
        "2026-11-23 09:15:00Z",
        "2026-11-23T09:15:00",
        "2026-11-23T9:15:00Z",
        "2026-1-23T09:15:00Z",
        "2026-11-23T09:15:00,5Z",
        "2026-11-23T09:15:00Z[UTC]",
        "2026-11-23T09:15:00UTC",
        "2026-11-23T09:15.5Z",
        "2026-11-23T09:15:00 Z",
        "2026-11-23T09:15:00Z\n",
        " 2026-11-23T09:15:00Z",
        "\uff12\uff10\uff12\uff16-11-23T09:15:00Z",
        ""
      })
  void timestampPatternAcceptsExactlyWhatTheValidatorParses(String timestamp) {
    ObjectNode e = with(n -> n.put("ingested_at", timestamp));
    boolean parses = EnvelopeValidator.parseTimestamp(timestamp) != null;
    assertThat(schema.validate(e).isEmpty()).as("schema verdict").isEqualTo(parses);
    assertThat(validator.validate(e).isEmpty()).as("validator verdict").isEqualTo(parses);
  }

  /**
   * The non-blank rule, character by character, against String.isBlank (Character.isWhitespace).
   */
  @Test
  void identifierNonBlankPatternMatchesJavaIsBlankForEveryCharacter() {
    String regex = schemaDocument.at("/$defs/identifier/pattern").asText();
    Pattern nonBlank = Pattern.compile(regex);
    List<String> disagreements = new java.util.ArrayList<>();
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      if (Character.isSurrogate((char) c)) {
        continue;
      }
      String s = String.valueOf((char) c);
      if (nonBlank.matcher(s).find() == s.isBlank()) {
        disagreements.add(String.format("U+%04X", c));
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(nonBlank.matcher(" \t\u2003x ").find()).isTrue();
    assertThat(nonBlank.matcher(" \t\u2003 ").find()).isFalse();
  }

  @Test
  void signalKindsOfTheSchemaAreTheValidatorsOnes() {
    List<String> kinds =
        Json.MAPPER.convertValue(
            schemaDocument.at("/properties/signal_kind/enum"),
            Json.MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
    assertThat(kinds).containsExactlyInAnyOrderElementsOf(EnvelopeValidator.SIGNAL_KINDS);
  }

  @Test
  void schemaIsAValidDraft202012Schema() {
    JsonSchema meta =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    assertThat(meta.validate(schemaDocument)).isEmpty();
    assertThat(schemaDocument.path("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
  }

  @Test
  void schemaRequiresExactlyTheFieldsTheValidatorRequires() {
    ObjectNode empty = Json.MAPPER.createObjectNode();
    List<String> required =
        validator.validate(empty).stream()
            .filter(m -> m.endsWith(": is required"))
            .map(m -> m.substring(0, m.indexOf(':')))
            .toList();
    List<String> schemaRequired =
        Json.MAPPER.convertValue(
            schemaDocument.path("required"),
            Json.MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
    assertThat(schemaRequired).containsExactlyInAnyOrderElementsOf(required);
    assertThat(required).hasSize(7);
  }
}
