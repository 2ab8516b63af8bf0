package io.ubi.model.privacy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * UBI's own classification of a field (PRD FR-1: when PM-3 sends no {@code privacy_tags}), by its
 * name and its content: secrets (cloud and forge keys, tokens, private keys, {@code password=...}),
 * personal data (e-mail and IP addresses, fields named for a person's name, e-mail or phone) and
 * source code. The rules are versioned ({@link #VERSION}): every audit entry names the version that
 * judged it. A secret outranks personal data, which outranks code.
 */
public final class ContentRules {
  /** Raise it with every change of a rule below. */
  public static final int VERSION = 1;

  /** What a field holds. */
  public enum Sensitivity {
    SECRET,
    PERSONAL,
    CODE
  }

  private record Rule(Sensitivity sensitivity, Pattern pattern) {}

  private static final List<Rule> BY_NAME =
      List.of(
          new Rule(
              Sensitivity.SECRET,
              Pattern.compile(
                  "(?i).*(secret|password|passwd|api[_-]?key|private[_-]?key|access[_-]?token"
                      + "|auth[_-]?token|credential|bearer).*")),
          new Rule(
              Sensitivity.PERSONAL,
              Pattern.compile(
                  "(?i)(e[_-]?mail|.*[_-]e[_-]?mail|pii[_-].*|(first|last|full|display|user|author"
                      + "|real)[_-]?name|name|username|phone.*|mobile|ip|ip[_-]?address|client[_-]?ip"
                      + "|address|home[_-]?address|birth.*|ssn)")),
          new Rule(
              Sensitivity.CODE,
              Pattern.compile(
                  "(?i)(code|snippet|source|source[_-]?code|diff|patch|prompt|completion"
                      + "|content|body)")));

  private static final List<Rule> BY_VALUE =
      List.of(
          new Rule(
              Sensitivity.SECRET,
              Pattern.compile(
                  "AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}"
                      + "|-----BEGIN [A-Z ]*PRIVATE KEY-----|sk-[A-Za-z0-9_-]{20,}"
                      + "|eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"
                      + "|(?i)(password|passwd|pwd|secret|api[_-]?key|token)\\s*[:=]\\s*\\S{4,}")),
          new Rule(
              Sensitivity.PERSONAL,
              Pattern.compile(
                  "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"
                      + "|\\b(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}\\b"
                      + "|\\b([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}\\b"
                      + "|\\b([0-9a-fA-F]{1,4}:){1,6}:([0-9a-fA-F]{1,4}:?){1,6}\\b")),
          new Rule(
              Sensitivity.CODE,
              Pattern.compile(
                  "(?s)(?=.*\\n).*(\\b(def|class|function|import|return|public|private|const|let"
                      + "|var|func|package)\\b|[;{}]\\s*\\n).*")));

  private ContentRules() {}

  /** What the field {@code name} holding {@code value} (null for a number or flag) is, if any. */
  public static Optional<Sensitivity> classify(String name, String value) {
    Optional<Sensitivity> byName = first(BY_NAME, name.toLowerCase(Locale.ROOT), true);
    Optional<Sensitivity> byValue =
        value == null ? Optional.empty() : first(BY_VALUE, value, false);
    if (byName.isEmpty()) {
      return byValue;
    }
    if (byValue.isEmpty()) {
      return byName;
    }
    return Optional.of(
        byName.get().ordinal() <= byValue.get().ordinal() ? byName.get() : byValue.get());
  }

  /**
   * {@code text} with every secret and every piece of personal data the value rules find replaced
   * by a marker: for text that is not a JSON document, such as a malformed record kept for the DLQ.
   */
  public static String redactAll(String text) {
    String out = text;
    for (Rule r : BY_VALUE) {
      if (r.sensitivity() != Sensitivity.CODE) {
        out =
            r.pattern()
                .matcher(out)
                .replaceAll("[redacted:" + r.sensitivity().name().toLowerCase(Locale.ROOT) + "]");
      }
    }
    return out;
  }

  private static Optional<Sensitivity> first(List<Rule> rules, String text, boolean whole) {
    for (Rule r : rules) {
      if (whole ? r.pattern().matcher(text).matches() : r.pattern().matcher(text).find()) {
        return Optional.of(r.sensitivity());
      }
    }
    return Optional.empty();
  }
}
