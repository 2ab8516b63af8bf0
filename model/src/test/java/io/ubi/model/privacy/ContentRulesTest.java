package io.ubi.model.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ubi.model.privacy.ContentRules.Sensitivity;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The classification rules, value by value and name by name, including what they must leave. */
class ContentRulesTest {
  @ParameterizedTest(name = "{0} = {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "none",
      value = {
        "note | deploy key AKIAIOSFODNN7EXAMPLE rotated | SECRET",
        "note | ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 | SECRET",
        "note | xoxb-123456789012-abcdefghijkl | SECRET",
        "note | -----BEGIN RSA PRIVATE KEY----- | SECRET",
        "note | eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXZhbHVl | SECRET",
        "note | password=hunter22 | SECRET",
        "secret_key | sensitive | SECRET",
        "api_key | 42 | SECRET",
        "note | mail alice@example.com today | PERSONAL",
        "note | from 192.168.10.20 | PERSONAL",
        "note | fe80:0:0:0:202:b3ff:fe1e:8329 | PERSONAL",
        "note | 2001:db8::ff00:42:8329 | PERSONAL",
        "pii_email | anything | PERSONAL",
        "author_name | Alice Doe | PERSONAL",
        "phone | 5550100 | PERSONAL",
        "email | alice@example.com | PERSONAL",
        "snippet | x | CODE",
        "note | 'def f(x):\n    return x' | CODE",
        "note | 'int a = 1;\nint b = 2;' | CODE",
        "repo | ubi | none",
        "branch | main | none",
        "title_length | 31 | none",
        "service_name | GitHub | none",
        "note | fixed the flaky test in two places | none",
        "commit | 4bf92f3577b34da6a3ce929d0e0e4736 | none",
        "when | 2026-03-02T10:15:00Z | none",
        "ratio | 999.1 | none"
      })
  void classifies(String name, String value, String expected) {
    assertThat(ContentRules.classify(name, value))
        .isEqualTo(Optional.ofNullable(expected).map(Sensitivity::valueOf));
  }

  @ParameterizedTest
  @CsvSource({"password, SECRET", "email, PERSONAL", "diff, CODE"})
  void aNumberOrFlagIsJudgedByItsNameAlone(String name, String expected) {
    assertThat(ContentRules.classify(name, null)).contains(Sensitivity.valueOf(expected));
  }
}
