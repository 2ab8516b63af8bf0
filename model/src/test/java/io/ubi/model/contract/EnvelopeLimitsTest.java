package io.ubi.model.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ubi.model.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The envelope bounds: each is enforced at its edge (the largest legal envelope passes, one more
 * fails), messages never carry the offending value, and a document past several bounds yields a
 * short list of reasons rather than one per offending node.
 */
class EnvelopeLimitsTest {
  private final EnvelopeValidator validator = new EnvelopeValidator(Envelopes.CLOCK);

  /** {@code {"n": {"n": ... {}}}}, {@code levels} objects deep. */
  static ObjectNode nested(int levels) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode at = root;
    for (int i = 1; i < levels; i++) {
      at = at.putObject("n");
    }
    return root;
  }

  static void fields(ObjectNode node, int count) {
    for (int i = 0; i < count; i++) {
      node.put("f" + i, i);
    }
  }

  @Test
  void stringsAreBoundedAtTheirEdgeAndNeverEchoed() {
    ObjectNode atLimit = Envelopes.valid();
    atLimit.with("payload").put("title", "a".repeat(EnvelopeLimits.MAX_STRING_LENGTH));
    assertThat(validator.validate(atLimit)).isEmpty();

    ObjectNode over = Envelopes.valid();
    over.with("payload").put("title", "a".repeat(EnvelopeLimits.MAX_STRING_LENGTH + 1));
    List<String> errors = validator.validate(over);
    assertThat(errors).singleElement().asString().startsWith("payload.title: a string of 8193");
    assertThat(errors.get(0)).doesNotContain("aaaa");
  }

  @Test
  void longFieldNamesAreRefusedAndShownCut() {
    ObjectNode over = Envelopes.valid();
    over.with("payload").put("k".repeat(EnvelopeLimits.MAX_STRING_LENGTH + 1), 1);
    assertThat(validator.validate(over))
        .singleElement()
        .asString()
        .startsWith("payload: has a field name of 8193 characters")
        .hasSizeLessThan(200);
  }

  @Test
  void depthIsBoundedWithTheEnvelopeAsLevelOne() {
    ObjectNode atLimit = Envelopes.valid();
    atLimit.set("payload", nested(EnvelopeLimits.MAX_DEPTH - 1));
    assertThat(validator.validate(atLimit)).isEmpty();

    ObjectNode over = Envelopes.valid();
    over.set("payload", nested(EnvelopeLimits.MAX_DEPTH));
    assertThat(validator.validate(over))
        .singleElement()
        .asString()
        .contains("nests deeper than 10 levels");
  }

  @Test
  void arraysCountAsLevelsAndTheirElementsAsFields() {
    ObjectNode e = Envelopes.valid();
    var array = e.with("payload").putArray("files");
    for (int i = 0; i < EnvelopeLimits.MAX_FIELDS; i++) {
      array.add(i);
    }
    assertThat(validator.validate(e)).singleElement().asString().startsWith("envelope: holds");
  }

  @Test
  void fieldCountIsBoundedAtItsEdge() {
    ObjectNode probe = Envelopes.valid();
    int used = countFields(probe);
    ObjectNode atLimit = Envelopes.valid();
    fields(atLimit.with("payload"), EnvelopeLimits.MAX_FIELDS - used);
    assertThat(validator.validate(atLimit)).isEmpty();
    fields(atLimit.with("payload"), EnvelopeLimits.MAX_FIELDS - used + 1);
    assertThat(validator.validate(atLimit))
        .singleElement()
        .asString()
        .isEqualTo("envelope: holds 513 fields and array elements; at most 512 are accepted");
  }

  @Test
  void manyViolationsAreReportedAsAShortList() {
    ObjectNode e = Envelopes.valid();
    for (int i = 0; i < 1000; i++) {
      e.with("payload").put("p" + i, "z".repeat(EnvelopeLimits.MAX_STRING_LENGTH + 1));
    }
    assertThat(validator.validate(e)).hasSize(EnvelopeLimits.MAX_REPORTED);
  }

  private static int countFields(com.fasterxml.jackson.databind.JsonNode node) {
    int n = node.isContainerNode() ? node.size() : 0;
    for (var child : node) {
      n += countFields(child);
    }
    return n;
  }
}
