package io.ubi.serving;

import io.ubi.model.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The errors the HTTP server answers before a request reaches the API (an undecodable or ambiguous
 * path, a malformed request line, headers too large), in the API's one error shape instead of
 * Jetty's HTML page, so a client parses every refusal the same way.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateAcceptableResponse(
      Request baseRequest,
      HttpServletRequest request,
      HttpServletResponse response,
      int code,
      String message)
      throws IOException {
    baseRequest.setHandled(true);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(body(code, message));
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(body(status, reason));
  }

  private static byte[] body(int code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code == 400 ? "bad_request" : "http_" + code);
    body.put(
        "message",
        "The request was refused before routing"
            + (message == null || message.isBlank() ? "" : ": " + message)
            + ".");
    body.put("request_id", UUID.randomUUID().toString());
    return Json.write(body).getBytes(StandardCharsets.UTF_8);
  }
}
