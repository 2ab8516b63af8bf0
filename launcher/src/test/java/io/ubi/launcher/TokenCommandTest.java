package io.ubi.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ubi token} mints with the local key, and only where the API trusts it. */
class TokenCommandTest {
  @Test
  void mintsALocalTokenOnTheEmbeddedDefaultsAndRefusesWithAnExternalJwks(@TempDir Path dir) {
    String data = "data.dir=" + dir;
    Run local = run("token", "--tenant", "acme", "--set", data);
    assertThat(local.exit()).isZero();
    assertThat(local.out().strip()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");

    Run external =
        run(
            "token",
            "--tenant",
            "acme",
            "--set",
            data,
            "--set",
            "jwks=https://idp.example.com/.well-known/jwks.json");
    assertThat(external.exit()).isEqualTo(2);
    assertThat(external.out()).isEmpty();
    assertThat(external.err()).contains("external JWKS", "would refuse a locally signed one");
  }

  @Test
  void refusesToMintWhenIamVerifiesTokens(@TempDir Path dir) {
    Run iam =
        run(
            "token",
            "--tenant",
            "acme",
            "--set",
            "data.dir=" + dir,
            "--set",
            "iam.url=https://iam.example.com");
    assertThat(iam.exit()).isEqualTo(2);
    assertThat(iam.out()).isEmpty();
    assertThat(iam.err())
        .contains("delegates token verification to IAM", "iam.url=https://iam.example.com")
        .contains("unset iam.url");
    assertThat(dir.resolve("keys").resolve("signing-key.jwk.json")).doesNotExist();
  }

  @Test
  void aPerTenantJwksTemplateIsAnExternalJwksTooAndIamBesideAJwksIsRefused(@TempDir Path dir) {
    Run template =
        run(
            "token",
            "--tenant",
            "acme",
            "--set",
            "data.dir=" + dir,
            "--set",
            "jwks=https://iam.example.com/spaces/{tenant_id}/jwks.json");
    assertThat(template.exit()).isEqualTo(2);
    assertThat(template.err()).contains("external JWKS");

    Run both =
        run(
            "token",
            "--tenant",
            "acme",
            "--set",
            "data.dir=" + dir,
            "--set",
            "jwks=https://iam.example.com/jwks.json",
            "--set",
            "iam.url=http://iam.example.com");
    assertThat(both.exit()).isNotZero();
    assertThat(both.out()).isEmpty();
    assertThat(both.err())
        .contains("iam.url: set either iam.url", "not both")
        .contains("iam.url: Refusing the identity service (IAM)", "use https");
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int exit = new CommandLine(new Ubi()).execute(args);
      return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
