package io.ubi.model.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ubi.model.UbiException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {
  private static final String KEY_A = "key-a-0123456789abcdef0123456789abcdef";
  private static final String KEY_B = "key-b-0123456789abcdef0123456789abcdef";
  private final Pseudonymizer a = new Pseudonymizer(KEY_A);

  @Test
  void sameKeyTenantAndActorAlwaysGiveTheSamePseudonym() {
    assertThat(a.pseudonymise("acme", "alice@example.com"))
        .isEqualTo(a.pseudonymise("acme", "alice@example.com"))
        .isEqualTo(new Pseudonymizer(KEY_A).pseudonymise("acme", "alice@example.com"));
  }

  @Test
  void differentKeysGiveDifferentPseudonyms() {
    assertThat(new Pseudonymizer(KEY_B).pseudonymise("acme", "alice@example.com"))
        .isNotEqualTo(a.pseudonymise("acme", "alice@example.com"));
  }

  @Test
  void differentActorsAndTenantsGiveDifferentPseudonyms() {
    String alice = a.pseudonymise("acme", "alice");
    assertThat(a.pseudonymise("acme", "bob")).isNotEqualTo(alice);
    assertThat(a.pseudonymise("globex", "alice")).isNotEqualTo(alice);
    // the 0x00 separator keeps ("ac", "mealice") apart from ("acme", "alice")
    assertThat(a.pseudonymise("ac", "mealice")).isNotEqualTo(alice);
  }

  @Test
  void pseudonymIsPrefixedTruncatedAndNeverContainsTheRawId() {
    String actor = "alice@example.com";
    String p = a.pseudonymise("acme", actor);
    assertThat(p)
        .startsWith("ps_")
        .hasSize(3 + 24)
        .matches("ps_[0-9a-f]{24}")
        .doesNotContain(actor)
        .doesNotContain("alice")
        .doesNotContain("acme");
    assertThat(Pseudonymizer.isPseudonym(p)).isTrue();
    assertThat(Pseudonymizer.isPseudonym(actor)).isFalse();
  }

  @Test
  void pseudonymIsTheDocumentedHmacOfTenantNulActor() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY_A.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] digest = mac.doFinal("acme\u0000alice@example.com".getBytes(StandardCharsets.UTF_8));
    assertThat(a.pseudonymise("acme", "alice@example.com"))
        .isEqualTo("ps_" + HexFormat.of().formatHex(digest, 0, 12));
  }

  @Test
  void survivesJavaSerialisationLikeASparkClosure() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.pseudonymise("acme", "warm-up"); // the transient Mac exists before serialisation
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(a);
    }
    Pseudonymizer copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (Pseudonymizer) in.readObject();
    }
    assertThat(copy.pseudonymise("acme", "alice")).isEqualTo(a.pseudonymise("acme", "alice"));
  }

  @Test
  void aMissingOrShortKeyIsRefusedWithAnActionableError() {
    assertThatThrownBy(() -> new Pseudonymizer(null))
        .isInstanceOf(UbiException.class)
        .hasMessageContaining("UBI_PSEUDONYM_KEY")
        .satisfies(e -> assertThat(((UbiException) e).code()).isEqualTo("missing_pseudonym_key"));
    assertThatThrownBy(() -> new Pseudonymizer("x".repeat(31))).isInstanceOf(UbiException.class);
    assertThat(new Pseudonymizer("x".repeat(32)).pseudonymise("t", "a")).startsWith("ps_");
  }
}
