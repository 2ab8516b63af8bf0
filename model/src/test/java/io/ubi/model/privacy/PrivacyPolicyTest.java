package io.ubi.model.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ubi.model.Json;
import io.ubi.model.contract.EventTypes;
import io.ubi.model.privacy.PrivacyPolicy.Treatment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tenant's privacy section, and the documented defaults it falls back to. */
class PrivacyPolicyTest {
  @Test
  void aValidSectionReadsAsWritten() {
    List<String> problems = new ArrayList<>();
    PrivacyPolicy p =
        PrivacyPolicy.parse(
            Json.parse(
                "{\"allowed_fields\": [\"event_type\", \"properties.a.b\", \"resource.repo\","
                    + " \"team_id\"], \"personal\": \"hash\", \"secret\": \"redact\"}"),
            problems);
    assertThat(problems).isEmpty();
    assertThat(p.allowedFields())
        .containsExactly("event_type", "properties.a.b", "resource.repo", "team_id");
    assertThat(p.personal()).isEqualTo(Treatment.HASH);
    assertThat(p.secret()).isEqualTo(Treatment.REDACT);
    assertThat(p.code()).isEqualTo(Treatment.DROP);
  }

  @Test
  void everyProblemIsNamed() {
    List<String> problems = new ArrayList<>();
    PrivacyPolicy.parse(
        Json.parse(
            "{\"allowed_fields\": [\"payload.x\", \"properties.\", 7], \"secret\": \"hash\","
                + " \"personal\": \"keep\", \"retain\": 1}"),
        problems);
    assertThat(problems)
        .anySatisfy(
            p -> assertThat(p).startsWith("privacy.allowed_fields[0]: unknown field 'payload.x'"))
        .anySatisfy(
            p -> assertThat(p).startsWith("privacy.allowed_fields[1]: 'properties.' is not a path"))
        .anySatisfy(p -> assertThat(p).startsWith("privacy.allowed_fields[2]"))
        .anySatisfy(p -> assertThat(p).startsWith("privacy.secret: must be one of [drop, redact]"))
        .anySatisfy(p -> assertThat(p).startsWith("privacy.personal: must be one of"))
        .anySatisfy(p -> assertThat(p).startsWith("privacy.retain: unknown field"))
        .hasSize(6);
  }

  @Test
  void absentOrNullMeansTheDocumentedDefaults() {
    List<String> problems = new ArrayList<>();
    assertThat(PrivacyPolicy.parse(Json.parse("{\"allowed_fields\": null}"), problems))
        .isEqualTo(PrivacyPolicy.DEFAULT);
    assertThat(PrivacyPolicy.parse(null, problems)).isEqualTo(PrivacyPolicy.DEFAULT);
    assertThat(problems).isEmpty();
  }

  @Test
  void theDocumentedDefaultsNameCanonicalTypesAndValidFieldsWithAReasonEach() {
    FieldPolicy f = FieldPolicy.get();
    assertThat(f.byEventType().keySet())
        .allSatisfy(t -> assertThat(EventTypes.isCanonical(t)).as(t).isTrue());
    List<FieldPolicy.Entry> all = new ArrayList<>(f.common());
    f.byEventType().values().forEach(all::addAll);
    all.add(f.structural());
    for (FieldPolicy.Entry e : all) {
      assertThat(e.why()).isNotBlank();
      e.fields().forEach(field -> assertThat(FieldPolicy.problemWith(field)).as(field).isNull());
    }
    assertThat(f.defaultsFor("pr_created"))
        .contains("properties.pr_number", "properties.pr_author");
    assertThat(f.defaultsFor("file_edited")).doesNotContain("properties.pr_number");
  }

  @Test
  void theDocsPageIsTheGeneratedOne() throws java.io.IOException {
    assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "privacy.md")))
        .as("docs/privacy.md is stale: regenerate it with ./ubi privacy > docs/privacy.md")
        .isEqualTo(PrivacyDocs.markdown(FieldPolicy.get()));
  }
}
