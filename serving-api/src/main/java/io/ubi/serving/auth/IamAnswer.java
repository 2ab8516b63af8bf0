package io.ubi.serving.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.ubi.model.Json;
import io.ubi.serving.ApiException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * IAM's answer to {@code POST /iam/v1/verify}, read strictly (the contract is on {@link
 * IamAuthenticator}): the caller it names, or the {@link ApiException} the token's request fails
 * with. Nothing but a well-formed {@code "active": true} answer with a subject and a tenant lets a
 * request through.
 *
 * @param principal the caller
 * @param exp when the token expires, null if IAM did not say
 */
record IamAnswer(Principal principal, Instant exp) {
  /** Maps one HTTP answer of IAM; {@code now} is checked against {@code exp}. */
  static IamAnswer read(HttpResponse<byte[]> response, Instant now) {
    int status = response.statusCode();
    if (status == 400 || status == 401 || status == 403) {
      throw ApiException.unauthorized(
          "The bearer token was refused by the identity service (HTTP " + status + ").");
    }
    if (status != 200) {
      throw IamAuthenticator.unavailable("it answered HTTP " + status);
    }
    String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    if (!type.startsWith("application/json") && !type.matches("application/[^;]*\\+json.*")) {
      throw IamAuthenticator.unavailable(
          "it answered " + (type.isEmpty() ? "no" : type) + " content, not JSON");
    }
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw IamAuthenticator.unavailable("its answer is not JSON");
    }
    if (body == null || !body.isObject() || !body.path("active").isBoolean()) {
      throw IamAuthenticator.unavailable(
          "its answer is not a verification answer (no boolean active)");
    }
    if (!body.get("active").booleanValue()) {
      throw ApiException.unauthorized(
          "The bearer token was refused by the identity service: it is not active.");
    }
    String subject = text(body, "sub");
    String tenant = text(body, "tenant_id");
    if (!Principal.isTenantId(tenant)) {
      throw refused("its tenant_id is not a tenant id");
    }
    Instant exp = null;
    JsonNode expNode = body.get("exp");
    if (expNode != null && !expNode.isNull()) {
      if (!expNode.isIntegralNumber() || !expNode.canConvertToLong()) {
        throw refused("its exp is not a time in seconds");
      }
      exp = Instant.ofEpochSecond(expNode.longValue());
      if (!exp.isAfter(now)) {
        throw refused("the token has expired");
      }
    }
    return new IamAnswer(new Principal(subject, tenant, roles(body)), exp);
  }

  private static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || !node.isTextual() || node.textValue().isBlank()) {
      throw refused("its " + field + " is missing, empty or not a string");
    }
    return node.textValue();
  }

  private static Set<String> roles(JsonNode body) {
    JsonNode node = body.get("roles");
    if (node == null || node.isNull()) {
      return Set.of();
    }
    if (!node.isArray()) {
      throw refused("its roles are not a list of strings");
    }
    Set<String> roles = new HashSet<>();
    for (JsonNode role : node) {
      if (!role.isTextual()) {
        throw refused("its roles are not a list of strings");
      }
      roles.add(role.textValue());
    }
    return roles;
  }

  private static ApiException refused(String why) {
    return ApiException.unauthorized(
        "The bearer token was refused: the identity service's answer is unusable (" + why + ").");
  }
}
