package io.ubi.model.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;
import io.ubi.model.UbiException;
import io.ubi.model.aggregate.EventView;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.privacy.Pseudonymizer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What of an envelope's payload leaves bronze as attributes, and in which form. */
class EventAttributesTest {
  private static final Pseudonymizer PSEUDONYMIZER =
      new Pseudonymizer("test-pseudonym-key-0123456789abcdef");

  private static Map<String, String> extract(String team, String resource, String payload) {
    return EventAttributes.extract(
        "acme", team, Json.parse(resource), Json.parse(payload), PSEUDONYMIZER);
  }

  @Test
  void identifiersLeaveOnlyAsPseudonymsOrTokens() {
    Map<String, String> a =
        extract(
            "payments",
            "{\"repo\": \"api\"}",
            """
        {"pr_author": "bob@example.com", "ticket_id": "PAY-42", "pr_author_team": "Platform",
         "title": "Fix the thing"}
        """);
    assertThat(a)
        .containsEntry("counterpart", PSEUDONYMIZER.pseudonymise("acme", "bob@example.com"));
    assertThat(a.get("work_item")).startsWith("tk_").doesNotContain("PAY");
    assertThat(a)
        .containsEntry("counterpart_team", "platform")
        .containsEntry("cross_team", "true")
        .doesNotContainKey("title");
    assertThat(String.join(" ", a.values())).doesNotContain("bob").doesNotContain("PAY-42");
  }

  @Test
  void theSameWorkItemGivesTheSameTokenWithinATenantAndAnotherAcrossTenants() {
    String here = PSEUDONYMIZER.token("acme", "work_item", "PAY-42");
    assertThat(PSEUDONYMIZER.token("acme", "work_item", "PAY-42")).isEqualTo(here);
    assertThat(PSEUDONYMIZER.token("globex", "work_item", "PAY-42")).isNotEqualTo(here);
    assertThat(PSEUDONYMIZER.token("acme", "tool", "PAY-42")).isNotEqualTo(here);
  }

  @Test
  void firstDeclaredSourceWinsAndResourceComesBeforePayloadWhereDeclaredSo() {
    Map<String, String> a =
        extract(
            null,
            "{\"work_item\": \"A-1\", \"ai_assisted\": \"yes\"}",
            "{\"work_item\": \"B-2\", \"ai_assisted\": false}");
    assertThat(a).containsEntry("work_item", PSEUDONYMIZER.token("acme", "work_item", "A-1"));
    // payload.ai_assisted is declared before resource.ai_assisted
    assertThat(a).containsEntry("ai_assisted", "false");
    // no team on the event: cross-team is unknown, not false
    assertThat(a).doesNotContainKey("cross_team");
  }

  @Test
  void unreadableValuesAreLeftOutNotGuessed() {
    Map<String, String> a =
        extract(
            "t",
            "{\"time_zone\": \"Mars/Olympus\"}",
            """
        {"retry": "perhaps", "duration_minutes": "long", "tool": "  ", "counterpart_team": "T",
         "tool_name": "%s"}
        """
                .formatted("x".repeat(100)));
    assertThat(a)
        .doesNotContainKeys("time_zone", "retry", "duration_minutes")
        .containsEntry("cross_team", "false")
        .containsEntry("tool", "x".repeat(EventAttributes.MAX_TEXT));
  }

  @Test
  void timeZonesAreNormalisedFromNamesAndOffsets() {
    assertThat(extract(null, "{\"utc_offset\": \"+05:30\"}", "{}"))
        .containsEntry("time_zone", "UTC+05:30");
    assertThat(extract(null, "{}", "{\"time_zone\": \"Europe/Berlin\"}"))
        .containsEntry("time_zone", "Europe/Berlin");
  }

  @Test
  void theDecoderStoresTheAttributesOnTheEvent() {
    ObjectNode e = Envelopes.valid();
    e.put("signal_type", "pr_reviewed");
    ((ObjectNode) e.get("payload")).put("pr_author", "bob").put("ticket_id", "PAY-1");
    EnvelopeDecoder decoder =
        new EnvelopeDecoder(
            TenantConfigs.defaults(), PSEUDONYMIZER, new EnvelopeValidator(Envelopes.CLOCK));
    BehaviouralEvent event = ((MappingOutcome.Mapped) decoder.decode(e)).event();
    assertThat(event.attributes())
        .containsEntry("counterpart", PSEUDONYMIZER.pseudonymise("acme", "bob"))
        .containsKey("work_item");
  }

  @Test
  void aReviewIsMirroredOntoItsAuthorWithTheReviewerAsCounterpart() {
    EventView review =
        new EventView(
            "pr_reviewed",
            1_000L,
            true,
            false,
            Map.of("counterpart", "ps_author", "cross_team", "true"));
    EventTypes.Mirrored m = EventTypes.mirror(review, "ps_reviewer").orElseThrow();
    assertThat(m.subject()).isEqualTo("ps_author");
    assertThat(m.view())
        .isEqualTo(
            new EventView(
                "pr_review_received",
                1_000L,
                true,
                false,
                Map.of("counterpart", "ps_reviewer", "cross_team", "true")));
    // no counterpart, a self-review, or a type that is not mirrored: nothing
    assertThat(EventTypes.mirror(new EventView("pr_reviewed", 1L, false, false, Map.of()), "a"))
        .isEmpty();
    assertThat(
            EventTypes.mirror(
                new EventView("pr_reviewed", 1L, false, false, Map.of("counterpart", "a")), "a"))
        .isEmpty();
    assertThat(
            EventTypes.mirror(
                new EventView("mention_made", 1L, false, false, Map.of("counterpart", "b")), "a"))
        .isEmpty();
  }

  @Test
  void theDocumentedTaxonomyIsTheEmbeddedOne() throws java.io.IOException {
    assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "events.md")))
        .as("docs/events.md is stale: regenerate it with ./ubi events > docs/events.md")
        .isEqualTo(
            TaxonomyDocs.markdown(
                EventTypes.taxonomy(), TenantConfigs.defaults().forTenant("*").eventMapping()));
  }

  @Test
  void aTaxonomyWithProblemsReportsEveryOneWithItsPath() {
    assertThatThrownBy(
            () ->
                EventTaxonomy.read(
                    Json.parse(
                        """
        {"version": 0,
         "event_types": [
           {"name": "Bad", "source": "ide", "description": "d"},
           {"name": "pr_reviewed", "source": "code_review", "description": "d"},
           {"name": "pr_reviewed", "source": "code_review", "description": ""},
           {"name": "file_created", "source": "ide", "description": "d", "mirrored_as": "nowhere"}],
         "derived_types": [{"name": "x", "mirror_of": "file_edited", "description": "d"}],
         "attributes": [
           {"name": "a", "kind": "colour", "from": ["payload.a"], "description": "d"},
           {"name": "b", "kind": "text", "from": ["header.b"], "description": "d", "extra": 1}]}
        """)))
        .isInstanceOf(UbiException.class)
        .hasMessageContaining("event_types[0].name: must be snake_case, got 'Bad'")
        .hasMessageContaining("event_types[2].name: 'pr_reviewed' is declared twice")
        .hasMessageContaining("event_types[2].description: must be a non-empty string")
        .hasMessageContaining("derived_types[0].mirror_of: must name a canonical type")
        .hasMessageContaining("'file_created'.mirrored_as: 'nowhere' is not a derived type")
        .hasMessageContaining("attributes[0].kind: must be one of")
        .hasMessageContaining("attributes[1].from: 'header.b' must be resource.<field>")
        .hasMessageContaining("attributes[1].extra: unknown field")
        .hasMessageContaining("version: must be a positive integer");
  }
}
