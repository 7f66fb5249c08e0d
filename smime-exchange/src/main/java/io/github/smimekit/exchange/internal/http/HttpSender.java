package io.github.smimekit.exchange.internal.http;

import io.github.smimekit.exchange.RedirectPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * One POST with redirects followed by hand: the bearer token goes only to hosts the {@link
 * RedirectPolicy} allows, every hop must be {@code https} (or {@code http} to loopback), and the
 * body is read up to a limit. gzip is never asked for; a body is inflated only when it says so and
 * starts with the gzip magic bytes (spec {@code exchange-online.md} §2.0).
 */
public final class HttpSender {
  private final HttpClient http;
  private final RedirectPolicy redirects;
  private final Duration requestTimeout;
  private final long maxResponseBytes;

  public HttpSender(
      HttpClient http, RedirectPolicy redirects, Duration requestTimeout, long maxResponseBytes) {
    this.http = http;
    this.redirects = redirects;
    this.requestTimeout = requestTimeout;
    this.maxResponseBytes = maxResponseBytes;
  }

  /**
   * A response.
   *
   * @param status the HTTP status
   * @param headers the headers
   * @param body the (inflated) body
   * @param uri the URI that answered (after redirects)
   * @param hops the number of HTTP requests sent (1 + redirects)
   */
  @SuppressWarnings("ArrayRecordComponent") // internal: the body is read once, never shared
  public record Response(int status, HttpHeaders headers, byte[] body, URI uri, int hops) {
    /** The first value of header {@code name}. */
    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }
  }

  /** A redirect that is not followed. */
  public static final class RedirectRefused extends Exception {
    private static final long serialVersionUID = 1L;

    RedirectRefused(String message) {
      super(message);
    }
  }

  /** A response body over the limit. */
  public static final class TooLarge extends Exception {
    private static final long serialVersionUID = 1L;

    TooLarge(String message) {
      super(message);
    }
  }

  /**
   * POSTs {@code body} to {@code uri} with {@code headers}; {@code token} is asked for only when
   * the target may carry it.
   */
  public Response post(URI uri, byte[] body, Map<String, String> headers, Supplier<char[]> token)
      throws IOException, InterruptedException, RedirectRefused, TooLarge {
    URI target = uri;
    for (int hop = 1; ; hop++) {
      if (!RedirectPolicy.isAllowedTarget(target)) {
        throw new RedirectRefused(
            "refusing to send to " + safe(target) + ": https only (http for loopback)");
      }
      HttpRequest.Builder rb =
          HttpRequest.newBuilder(target)
              .timeout(requestTimeout)
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      headers.forEach(rb::header);
      if (redirects.mayCarryToken(target)) {
        char[] t = token.get();
        char[] header = new char[7 + t.length];
        "Bearer ".getChars(0, 7, header, 0);
        System.arraycopy(t, 0, header, 7, t.length);
        Arrays.fill(t, '\0');
        rb.header("Authorization", new String(header));
        Arrays.fill(header, '\0');
      }
      HttpResponse<InputStream> r =
          http.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
      int status = r.statusCode();
      if (isRedirect(status)) {
        Optional<String> location = r.headers().firstValue("Location");
        drain(r.body());
        if (location.isEmpty()) {
          throw new RedirectRefused(
              "HTTP " + status + " from " + safe(target) + " without Location");
        }
        if (hop > redirects.maxRedirects()) {
          throw new RedirectRefused(
              "more than " + redirects.maxRedirects() + " redirects, last to " + safe(target));
        }
        URI next;
        try {
          next = target.resolve(new URI(location.get()));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
          throw new RedirectRefused("HTTP " + status + " with a malformed Location header");
        }
        target = next;
        continue;
      }
      byte[] bytes = read(r.body(), r.headers());
      return new Response(status, r.headers(), bytes, target, hop);
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private byte[] read(InputStream in, HttpHeaders headers) throws IOException, TooLarge {
    byte[] raw;
    try (InputStream i = in) {
      raw = readBounded(i, "response body");
    }
    boolean saysGzip =
        headers
            .firstValue("Content-Encoding")
            .map(v -> v.toLowerCase(Locale.ROOT).contains("gzip"))
            .orElse(false);
    if (saysGzip && raw.length >= 2 && (raw[0] & 0xFF) == 0x1f && (raw[1] & 0xFF) == 0x8b) {
      try (InputStream g = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        return readBounded(g, "inflated response body");
      }
    }
    return raw;
  }

  private byte[] readBounded(InputStream in, String what) throws IOException, TooLarge {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[16384];
    long total = 0;
    for (int n; (n = in.read(buf)) >= 0; ) {
      total += n;
      if (total > maxResponseBytes) {
        throw new TooLarge(what + " larger than " + maxResponseBytes + " bytes");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static void drain(InputStream in) {
    try (InputStream i = in) {
      i.skip(1 << 16);
    } catch (IOException e) {
      // the body of a redirect is not needed
    }
  }

  /** The URI without query and user info, for messages. */
  public static String safe(URI uri) {
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
        + uri.getRawPath();
  }
}
