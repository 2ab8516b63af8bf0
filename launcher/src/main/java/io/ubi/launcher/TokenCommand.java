package io.ubi.launcher;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Mints a short-lived token with the local signing key: the embedded defaults only. With an
 * external JWKS configured ({@code jwks}), the API trusts that issuer's keys and not the local one,
 * and with IAM configured ({@code iam.url}) IAM judges every token, so a local token would be
 * refused anyway; minting one is refused up front (exit code 2), with the reason.
 */
@Command(name = "token", description = "Print a short-lived ES256 token signed with the local key.")
final class TokenCommand implements Callable<Integer> {
  @Mixin Ubi.ConfigOptions options;

  @Option(names = "--tenant", required = true, description = "tenant_id claim")
  String tenant;

  @Option(
      names = "--roles",
      split = ",",
      defaultValue = "ubi:read:actor,ubi:read:team," + "ubi:read:tenant,ubi:ingest",
      description = "comma-separated roles (default: %DEFAULT-VALUE%)")
  List<String> roles;

  @Option(names = "--subject", defaultValue = "local-user", description = "sub claim")
  String subject;

  @Option(names = "--ttl-minutes", defaultValue = "60", description = "lifetime in minutes")
  long ttlMinutes;

  @Override
  public Integer call() {
    UbiConfig config = options.resolve();
    if (config.delegatesToIam()) {
      System.err.println(
          "ubi token: UBI delegates token verification to IAM (iam.url="
              + config.iamUrl()
              + "): tokens come from IAM, and IAM would not accept a locally signed one."
              + " Get a token from IAM, or unset iam.url to use the embedded local key.");
      return 2;
    }
    if (!config.jwks().isBlank()) {
      System.err.println(
          "ubi token: UBI is configured with an external JWKS ("
              + config.jwks()
              + "): tokens come from its issuer, and the API would refuse a locally signed one."
              + " Unset jwks to use the embedded local key.");
      return 2;
    }
    System.out.println(
        new LocalKeys(config.keysDir())
            .mint(config.issuer(), subject, tenant, roles, Duration.ofMinutes(ttlMinutes)));
    return 0;
  }
}
