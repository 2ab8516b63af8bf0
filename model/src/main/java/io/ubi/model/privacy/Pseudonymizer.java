package io.ubi.model.privacy;

import io.ubi.model.UbiErrors;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms for actors (PRD FR-8). Bronze keeps the actor id PM-3 sent; everything after
 * bronze (silver, gold, the signal stream, the API) knows an actor only as {@code HMAC-SHA256(key,
 * tenant_id + 0x00 + actor_id)}, truncated to 96 bits and prefixed {@code ps_}. The same actor in
 * two tenants gets unrelated pseudonyms, and without the key a pseudonym cannot be turned back into
 * an identity: re-identification stays with IAM.
 */
public final class Pseudonymizer implements Serializable {
  public static final String PREFIX = "ps_";
  private static final int MIN_KEY_LENGTH = 32;

  private final byte[] key;
  private transient ThreadLocal<Mac> mac;

  public Pseudonymizer(String key) {
    if (key == null || key.length() < MIN_KEY_LENGTH) {
      throw UbiErrors.missingPseudonymKey();
    }
    this.key = key.getBytes(StandardCharsets.UTF_8);
  }

  public String pseudonymise(String tenantId, String actorId) {
    Mac m = mac().get();
    m.update(tenantId.getBytes(StandardCharsets.UTF_8));
    m.update((byte) 0);
    byte[] digest = m.doFinal(actorId.getBytes(StandardCharsets.UTF_8));
    return PREFIX + HexFormat.of().formatHex(digest, 0, 12);
  }

  /**
   * A keyed token for an identifier that is not a person's (a work item, say): the same value gives
   * the same token within a tenant, so features can count distinct ones, but the value itself never
   * leaves bronze. The kind keeps tokens of different kinds apart.
   */
  public String token(String tenantId, String kind, String value) {
    Mac m = mac().get();
    m.update(tenantId.getBytes(StandardCharsets.UTF_8));
    m.update((byte) 0);
    m.update(kind.getBytes(StandardCharsets.UTF_8));
    m.update((byte) 0);
    byte[] digest = m.doFinal(value.getBytes(StandardCharsets.UTF_8));
    return "tk_" + HexFormat.of().formatHex(digest, 0, 12);
  }

  /** True for values this class produces, so the API can accept either form of an actor id. */
  public static boolean isPseudonym(String value) {
    return value.startsWith(PREFIX) && value.length() == PREFIX.length() + 24;
  }

  private ThreadLocal<Mac> mac() {
    if (mac == null) {
      mac =
          ThreadLocal.withInitial(
              () -> {
                try {
                  Mac m = Mac.getInstance("HmacSHA256");
                  m.init(new SecretKeySpec(key, "HmacSHA256"));
                  return m;
                } catch (GeneralSecurityException e) {
                  throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
                }
              });
    }
    return mac;
  }
}
