package io.ubi.serving.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 standing in for a neighbouring service (a key server, IAM, Data
 * Governance): it answers each request with what {@link #answer} says now, and records every
 * request it gets.
 */
public final class LoopbackServer implements AutoCloseable {
  /** What the server answers: status, content type (null for none), body, delay before it. */
  public record Reply(int status, String contentType, String body, long delayMillis) {
    public static Reply json(int status, String body) {
      return new Reply(status, "application/json", body, 0);
    }
  }

  /** A request the server got. */
  public record Request(String method, String path, String contentType, String body) {}

  /** Decides the reply to a request. */
  @FunctionalInterface
  public interface Responder {
    Reply reply(Request request);
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> perPath = new ConcurrentHashMap<>();
  public volatile Responder answer = r -> Reply.json(404, "{}");

  public LoopbackServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  public static LoopbackServer answering(Responder responder) throws IOException {
    LoopbackServer s = new LoopbackServer();
    s.answer = responder;
    return s;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public int count() {
    return requests.size();
  }

  public int count(String path) {
    AtomicInteger n = perPath.get(path);
    return n == null ? 0 : n.get();
  }

  /** A loopback URL on which nothing listens (connections are refused). */
  public static String closedPortUrl(String path) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    return "http://127.0.0.1:" + port + path;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Request request =
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath()
                  + (exchange.getRequestURI().getRawQuery() == null
                      ? ""
                      : "?" + exchange.getRequestURI().getRawQuery()),
              exchange.getRequestHeaders().getFirst("Content-Type"),
              body);
      requests.add(request);
      perPath.computeIfAbsent(request.path(), p -> new AtomicInteger()).incrementAndGet();
      Reply reply = answer.reply(request);
      if (reply.delayMillis() > 0) {
        Thread.sleep(reply.delayMillis());
      }
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      if (reply.contentType() != null) {
        exchange.getResponseHeaders().add("Content-Type", reply.contentType());
      }
      if (reply.status() / 100 == 3) {
        exchange.getResponseHeaders().add("Location", url("/moved"));
      }
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The client gave up (a timeout test); nothing to answer.
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
