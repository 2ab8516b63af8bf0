package io.ubi.serving.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.ubi.model.Json;
import io.ubi.model.UbiException;
import io.ubi.model.config.ConfigVersion;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.privacy.Pseudonymizer;
import io.ubi.serving.ApiException;
import io.ubi.serving.auth.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The configuration API (PRD 11.4): a tenant's settings, read whole and changed by version.
 *
 * <ul>
 *   <li>{@code GET /v1/ubi/config/{tenant_id}} ({@code ubi:read:tenant}): the configuration in
 *       force, every setting with its value (defaults included), its version and who set it, when
 *       and why; {@code ?version=N} reads an earlier version back.
 *   <li>{@code GET /v1/ubi/config/{tenant_id}/history}: every version, newest first, without the
 *       settings.
 *   <li>{@code PUT /v1/ubi/config/{tenant_id}} ({@code ubi:write:config}): the settings to change,
 *       in the form of a tenant file; what the body leaves out keeps its value. Answered with the
 *       new version, the whole configuration and the change's receipt id; 400 naming every invalid
 *       field, 409 when {@code If-Match} names a version that is no longer current (or another
 *       change was stored first). {@code X-Change-Reason} says why (stored with the version).
 * </ul>
 *
 * <p>Who changed a version is stored as a keyed token of the token's subject, never the subject.
 */
public final class ConfigHandler {
  private static final int MAX_REASON = 500;

  private final ConfigRepository repository;
  private final ConfigReceipts receipts;
  private final Pseudonymizer pseudonymizer;
  private final Clock clock;

  public ConfigHandler(
      ConfigRepository repository,
      ConfigReceipts receipts,
      Pseudonymizer pseudonymizer,
      Clock clock) {
    this.repository = repository;
    this.receipts = receipts;
    this.pseudonymizer = pseudonymizer;
    this.clock = clock;
  }

  public void get(Context ctx, Principal principal) {
    principal.require(Principal.READ_TENANT);
    String tenant = principal.tenantFor(ctx.pathParam("tenant_id"));
    String requested = ctx.queryParam("version");
    TenantConfigs current = repository.current();
    int now = current.forTenant(tenant).version();
    if (requested == null || requested.equals(String.valueOf(now))) {
      Optional<ConfigVersion> stored = version(tenant, now);
      ctx.header("ETag", "\"" + now + "\"");
      ctx.json(answer(tenant, now, current.document(tenant), stored.orElse(null)));
      return;
    }
    int n = versionNumber(requested);
    ConfigVersion stored =
        version(tenant, n)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "Tenant " + tenant + " has no stored config version " + n + "."));
    ctx.json(
        answer(tenant, n, TenantConfigs.document(tenant, Json.parse(stored.settings())), stored));
  }

  public void history(Context ctx, Principal principal) {
    principal.require(Principal.READ_TENANT);
    String tenant = principal.tenantFor(ctx.pathParam("tenant_id"));
    List<ConfigVersion> versions = repository.history(tenant);
    ObjectNode out = Json.MAPPER.createObjectNode().put("tenant_id", tenant);
    out.put("current_version", repository.current().forTenant(tenant).version());
    ArrayNode list = out.putArray("versions");
    for (int i = versions.size() - 1; i >= 0; i--) {
      list.add(meta(versions.get(i)));
    }
    ctx.json(out);
  }

  public void put(Context ctx, Principal principal) {
    principal.require(Principal.WRITE_CONFIG);
    String tenant = principal.tenantFor(ctx.pathParam("tenant_id"));
    JsonNode body;
    try {
      body = Json.parse(ctx.body());
    } catch (UbiException e) {
      throw new ApiException(400, "malformed_json", e.getMessage());
    }
    if (!body.isObject()) {
      throw ApiException.badRequest("The body must be a JSON object of settings to change.");
    }
    int current = repository.current().forTenant(tenant).version();
    String ifMatch = ctx.header("If-Match");
    if (ifMatch != null && !ifMatch.replace("\"", "").trim().equals(String.valueOf(current))) {
      throw new ApiException(
          409,
          "config_conflict",
          "If-Match names version "
              + ifMatch
              + " but version "
              + current
              + " is current: read it and apply the change to it.");
    }
    String reason = Optional.ofNullable(ctx.header("X-Change-Reason")).orElse("").strip();
    if (reason.length() > MAX_REASON) {
      throw ApiException.badRequest(
          "X-Change-Reason: at most " + MAX_REASON + " characters, got " + reason.length());
    }
    ConfigVersion stored;
    try {
      stored =
          repository.store(
              tenant,
              (ObjectNode) body,
              pseudonymizer.token(tenant, "caller", principal.subject()),
              reason.isEmpty() ? "changed through the config API" : reason,
              clock.instant());
    } catch (UbiException e) {
      int status = e.code().equals("config_conflict") ? 409 : 400;
      throw new ApiException(status, e.code(), e.getMessage());
    }
    ObjectNode out =
        answer(tenant, stored.version(), repository.current().document(tenant), stored);
    out.put("receipt_id", receipts.issue(stored));
    ctx.header("ETag", "\"" + stored.version() + "\"");
    ctx.json(out);
  }

  private Optional<ConfigVersion> version(String tenant, int n) {
    return repository.history(tenant).stream().filter(v -> v.version() == n).findFirst();
  }

  private static int versionNumber(String text) {
    try {
      int n = Integer.parseInt(text);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest("version: must be a positive whole number, got '" + text + "'");
  }

  /** A version's settings in full, with who set them; a file's version has no stored change. */
  private static ObjectNode answer(
      String tenant, int version, ObjectNode document, ConfigVersion stored) {
    ObjectNode out =
        Json.MAPPER.createObjectNode().put("tenant_id", tenant).put("version", version);
    if (stored != null) {
      out.setAll(meta(stored));
    } else {
      out.put("changed_by", "tenant file").putNull("changed_at");
      out.put("reason", "seeded from the tenant's file or the embedded defaults");
    }
    document.remove("version");
    out.set("config", document);
    return out;
  }

  private static ObjectNode meta(ConfigVersion v) {
    return Json.MAPPER
        .createObjectNode()
        .put("version", v.version())
        .put("changed_by", v.changedBy())
        .put("changed_at", v.changedAt().toString())
        .put("reason", v.reason());
  }
}
