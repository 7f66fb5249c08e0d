package io.github.smimekit.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A loopback HTTP or HTTPS server (the JDK's {@code HttpServer}) serving issuer certificates at the
 * caIssuers URLs baked into test certificates ({@link TestPki.CertificateBuilder#caIssuers}), and
 * misbehaving on demand; it counts every request. A path nothing is served at answers 404.
 *
 * <pre>{@code
 * try (AiaServer server = AiaServer.http()) {
 *   TestCertificate ca = pki.intermediateCa("Issuing CA", root).build();
 *   server.serveBytes("/ca.cer", "application/pkix-cert", ca.der());
 *   TestCertificate leaf = pki.leaf(ca).caIssuers(server.url("/ca.cer")).build();
 *   ...
 * }
 * }</pre>
 */
public final class AiaServer implements AutoCloseable {
  /** What one path answers. */
  @FunctionalInterface
  public interface Answer {
    /**
     * Answers one request.
     *
     * @param exchange the request and its answer
     * @throws IOException when the answer cannot be sent
     */
    void handle(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final String scheme;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();

  private AiaServer(HttpServer server, String scheme) {
    this.server = server;
    this.scheme = scheme;
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

  /**
   * A plain HTTP server on 127.0.0.1 and a free port, started.
   *
   * @return the server
   */
  public static AiaServer http() {
    try {
      return new AiaServer(
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), "http");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a loopback port", e);
    }
  }

  /**
   * An HTTPS server on 127.0.0.1 and a free port, started, whose TLS identity is {@code tls} (for
   * example a key manager holding a {@link TestPki} server certificate with the IP address
   * 127.0.0.1 in its subjectAltName).
   *
   * @param tls the server's TLS context
   * @return the server
   */
  public static AiaServer https(SSLContext tls) {
    Objects.requireNonNull(tls, "tls");
    try {
      HttpsServer s =
          HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      s.setHttpsConfigurator(new HttpsConfigurator(tls));
      return new AiaServer(s, "https");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a loopback port", e);
    }
  }

  /**
   * The URL of {@code path} on this server.
   *
   * @param path an absolute path, such as {@code /ca.cer}
   * @return {@code http://127.0.0.1:PORT/path} (or {@code https://})
   */
  public String url(String path) {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /**
   * Answers requests to {@code path} with {@code answer}.
   *
   * @param path the path
   * @param answer what to do
   * @return this server
   */
  public AiaServer serve(String path, Answer answer) {
    answers.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(answer, "answer"));
    return this;
  }

  /**
   * Answers requests to {@code path} with status 200 and these bytes.
   *
   * @param path the path
   * @param contentType the Content-Type header
   * @param body the answer's body
   * @return this server
   */
  public AiaServer serveBytes(String path, String contentType, byte[] body) {
    byte[] copy = body.clone();
    return serve(path, ex -> send(ex, 200, contentType, copy));
  }

  /**
   * Answers requests to {@code path} with a 302 redirect to {@code location}.
   *
   * @param path the path
   * @param location the Location header, absolute or relative
   * @return this server
   */
  public AiaServer redirect(String path, String location) {
    return serve(
        path,
        ex -> {
          ex.getResponseHeaders().add("Location", location);
          ex.sendResponseHeaders(302, -1);
        });
  }

  /**
   * Sends an answer.
   *
   * @param ex the exchange
   * @param status the HTTP status
   * @param contentType the Content-Type header
   * @param body the body; empty for none
   * @throws IOException when the client hung up
   */
  public static void send(HttpExchange ex, int status, String contentType, byte[] body)
      throws IOException {
    ex.getResponseHeaders().add("Content-Type", contentType);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /**
   * Requests to {@code path} so far.
   *
   * @param path the path
   * @return how many
   */
  public int requests(String path) {
    AtomicInteger n = counts.get(path);
    return n == null ? 0 : n.get();
  }

  /**
   * Requests so far, all paths.
   *
   * @return how many
   */
  public int requests() {
    return total.get();
  }

  /** Stops the server and its threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
