package io.github.smimekit.core;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server (the JDK's {@code HttpServer}) serving issuer certificates at the
 * caIssuers URLs baked into test certificates, and misbehaving on demand; it counts every request.
 */
final class AiaServer implements AutoCloseable {
  /** What one path answers. */
  @FunctionalInterface
  interface Answer {
    void handle(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();

  AiaServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String path = exchange.getRequestURI().getPath();
            total.incrementAndGet();
            counts.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            Answer a = answers.get(path);
            if (a == null) {
              exchange.sendResponseHeaders(404, -1);
            } else {
              a.handle(exchange);
            }
          }
        });
    server.setExecutor(executor);
    server.start();
  }

  /** The URL of {@code path} on this server. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  AiaServer serve(String path, Answer answer) {
    answers.put(path, answer);
    return this;
  }

  AiaServer serveBytes(String path, String contentType, byte[] body) {
    return serve(path, ex -> send(ex, 200, contentType, body));
  }

  AiaServer redirect(String path, String location) {
    return serve(
        path,
        ex -> {
          ex.getResponseHeaders().add("Location", location);
          ex.sendResponseHeaders(302, -1);
        });
  }

  static void send(HttpExchange ex, int status, String contentType, byte[] body)
      throws IOException {
    ex.getResponseHeaders().add("Content-Type", contentType);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /** Requests to {@code path} so far. */
  int requests(String path) {
    AtomicInteger n = counts.get(path);
    return n == null ? 0 : n.get();
  }

  /** Requests so far, all paths. */
  int requests() {
    return total.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
