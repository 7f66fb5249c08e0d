package io.github.smimekit.core.internal.chain;

import io.github.smimekit.core.FetchAttempt;
import io.github.smimekit.core.FetchAttempt.Outcome;
import io.github.smimekit.core.FetchOptions;
import io.github.smimekit.core.SmimeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Fetches the answers of caIssuers URLs with the bounds of {@link FetchOptions}: only {@code http}
 * and {@code https}, no user information in URLs, redirects followed by hand (at most {@code
 * maxRedirects}, never to another scheme nor from https to http, never in a loop), an answer larger
 * than {@code maxResponseBytes} refused before it is read whole, each request bounded by the read
 * timeout and all of one resolution by the total timeout. The JDK's {@link HttpClient} is used
 * without cookie handler and without authenticator, so neither cookies nor credentials are ever
 * sent. Successful answers are remembered (bounded) for the life of the fetcher, and written to and
 * read from the cache directory when one is set. Thread-safe; one {@link Session} per resolution.
 */
public final class AiaFetcher {
  private static final int MEMORY_LIMIT = 256;

  private final FetchOptions options;
  private final @Nullable HttpClient client;
  private final @Nullable FetchCache cache;
  private final ConcurrentHashMap<String, byte[]> memory = new ConcurrentHashMap<>();

  /**
   * A fetcher with these options.
   *
   * @param options the bounds, cache and mode
   */
  public AiaFetcher(FetchOptions options) {
    this(options, null);
  }

  /**
   * A fetcher with these options whose {@code https} requests use {@code tls} (a test's trust in
   * its loopback server; certificates and host names are verified all the same).
   *
   * @param options the bounds, cache and mode
   * @param tls the TLS context; null for the JDK's default
   */
  public AiaFetcher(FetchOptions options, @Nullable SSLContext tls) {
    this.options = options;
    if (options.offline()) {
      this.client = null;
    } else {
      HttpClient.Builder b =
          HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(options.connectTimeout());
      if (tls != null) {
        b.sslContext(tls);
      }
      this.client = b.build();
    }
    Optional<Path> dir = options.cacheDirectory();
    this.cache = dir.isPresent() ? new FetchCache(dir.get(), options.maxResponseBytes()) : null;
  }

  /** The options. */
  public FetchOptions options() {
    return options;
  }

  /** A new session: the fetch count and the deadline of one resolution. */
  public Session session() {
    return new Session();
  }

  /** The fetches of one resolution. Not thread-safe. */
  public final class Session {
    private final long deadline = System.nanoTime() + options.totalTimeout().toNanos();
    private final Set<String> tried = new HashSet<>();
    private final List<FetchAttempt> attempts = new ArrayList<>();
    private int fetches;

    private Session() {}

    /** Every attempt so far, in order. */
    public List<FetchAttempt> attempts() {
      return List.copyOf(attempts);
    }

    /** Whether {@code url} was tried already in this session. */
    public boolean tried(String url) {
      return tried.contains(url);
    }

    /**
     * Fetches one URL (once per session) and records the attempt.
     *
     * @param url a caIssuers URL
     * @return the certificates of its answer; empty on any failure
     */
    public List<X509Certificate> fetch(String url) {
      if (!tried.add(url)) {
        return List.of();
      }
      URI uri;
      try {
        uri = checkUri(url, null);
      } catch (Refused e) {
        attempts.add(new FetchAttempt(url, Outcome.SKIPPED, 0, 0, e.reason()));
        return List.of();
      }
      if (fetches >= options.maxFetches()) {
        attempts.add(
            new FetchAttempt(
                url,
                Outcome.SKIPPED,
                0,
                0,
                "not fetched: the limit of " + options.maxFetches() + " fetches was reached"));
        return List.of();
      }
      fetches++;
      byte[] remembered = memory.get(url);
      if (remembered != null) {
        return decode(url, remembered, Outcome.CACHED, 0, "remembered by this resolver");
      }
      FetchCache c = cache;
      if (c != null) {
        try {
          Optional<byte[]> hit = c.get(url);
          if (hit.isPresent()) {
            return decode(url, hit.get(), Outcome.CACHED, 0, "from the cache directory");
          }
        } catch (IOException e) {
          // an unreadable cache entry is a miss
        }
      }
      if (options.offline()) {
        attempts.add(
            new FetchAttempt(
                url, Outcome.SKIPPED, 0, 0, "offline, and not in the cache directory"));
        return List.of();
      }
      return fetchOverNetwork(url, uri);
    }

    private List<X509Certificate> fetchOverNetwork(String url, URI first) {
      HttpClient http = Objects.requireNonNull(client);
      URI uri = first;
      Set<URI> visited = new LinkedHashSet<>();
      visited.add(uri);
      int status = 0;
      for (int hop = 0; ; hop++) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          return failed(
              url,
              status,
              "not completed within the total fetch time of " + seconds(options.totalTimeout()));
        }
        long wait = Math.min(remaining, options.readTimeout().toNanos());
        HttpRequest request =
            HttpRequest.newBuilder(uri)
                .GET()
                .timeout(Duration.ofNanos(wait))
                .header(
                    "Accept",
                    "application/pkix-cert, application/pkcs7-mime, application/x-pem-file, */*")
                .build();
        CompletableFuture<HttpResponse<byte[]>> future =
            http.sendAsync(request, info -> body(info, options.maxResponseBytes()));
        HttpResponse<byte[]> response;
        try {
          response = future.get(wait, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          future.cancel(true);
          return failed(url, status, timeoutText(wait, remaining) + at(uri, first));
        } catch (InterruptedException e) {
          future.cancel(true);
          Thread.currentThread().interrupt();
          return failed(url, status, "interrupted" + at(uri, first));
        } catch (ExecutionException e) {
          return failed(url, status, describe(e.getCause(), wait, remaining) + at(uri, first));
        }
        status = response.statusCode();
        if (isRedirect(status)) {
          Optional<String> location = response.headers().firstValue("Location");
          if (location.isEmpty()) {
            return failed(url, status, "HTTP " + status + " without a Location header");
          }
          if (hop >= options.maxRedirects()) {
            return failed(
                url,
                status,
                "more than "
                    + options.maxRedirects()
                    + " redirects (the last to "
                    + location.get()
                    + ")");
          }
          URI next;
          try {
            next = checkUri(location.get(), uri);
          } catch (Refused e) {
            return failed(url, status, "redirected to " + location.get() + ", " + e.reason());
          }
          if (!visited.add(next)) {
            return failed(url, status, "redirect loop: redirected back to " + next);
          }
          uri = next;
          continue;
        }
        if (status != 200) {
          return failed(url, status, "HTTP " + status + at(uri, first));
        }
        byte[] data = response.body();
        List<X509Certificate> certs = decode(url, data, Outcome.FETCHED, status, "fetched");
        if (!certs.isEmpty()) {
          if (memory.size() < MEMORY_LIMIT) {
            memory.put(url, data);
          }
          FetchCache c = cache;
          if (c != null) {
            try {
              c.put(url, data);
            } catch (IOException e) {
              // the answer is used; only the cache missed it
            }
          }
        }
        return certs;
      }
    }

    private List<X509Certificate> decode(
        String url, byte[] data, Outcome outcome, int status, String how) {
      List<X509Certificate> certs;
      try {
        certs = AiaAnswers.parse(data, options.maxResponseBytes());
      } catch (SmimeException e) {
        return failed(
            url,
            status,
            "the answer (" + data.length + " bytes) is not a certificate: " + e.getMessage());
      }
      attempts.add(
          new FetchAttempt(
              url,
              outcome,
              status,
              certs.size(),
              how
                  + ": "
                  + certs.size()
                  + (certs.size() == 1 ? " certificate" : " certificates")
                  + " ("
                  + data.length
                  + " bytes)"));
      return certs;
    }

    private List<X509Certificate> failed(String url, int status, String detail) {
      attempts.add(new FetchAttempt(url, Outcome.FAILED, status, 0, detail));
      return List.of();
    }

    private String timeoutText(long wait, long remaining) {
      return wait < remaining
          ? "no complete answer within the read timeout of " + seconds(options.readTimeout())
          : "not completed within the total fetch time of " + seconds(options.totalTimeout());
    }

    private String describe(@Nullable Throwable t, long wait, long remaining) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        if (c instanceof TooLarge) {
          return "the answer is larger than the limit of " + options.maxResponseBytes() + " bytes";
        }
        if (c instanceof HttpConnectTimeoutException) {
          return "could not connect within " + seconds(options.connectTimeout());
        }
        if (c instanceof HttpTimeoutException) {
          return timeoutText(wait, remaining);
        }
        if (c instanceof ConnectException) {
          return "the connection was refused";
        }
        if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
          return "the host name cannot be resolved";
        }
        if (c instanceof SSLException) {
          return "the TLS handshake failed";
        }
      }
      return "the connection failed";
    }
  }

  private static String at(URI uri, URI first) {
    return uri.equals(first) ? "" : " (at " + uri + ")";
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** The URI of {@code url}, resolved against {@code base} when a redirect gives it. */
  static URI checkUri(String url, @Nullable URI base) throws Refused {
    URI uri;
    try {
      uri = new URI(url.trim());
      if (base != null) {
        uri = base.resolve(uri);
      }
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new Refused("not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new Refused(
          "not fetched: scheme '" + scheme + "' is not fetched (only http and https are)");
    }
    if (base != null && "https".equalsIgnoreCase(base.getScheme()) && scheme.equals("http")) {
      throw new Refused("not followed: a redirect from https to http");
    }
    if (uri.getRawUserInfo() != null) {
      throw new Refused("not fetched: the URL carries user information (credentials)");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new Refused("not fetched: the URL has no host");
    }
    return uri;
  }

  /** A URL this fetcher does not fetch; the message says why. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;

    Refused(String reason) {
      super(reason, null, false, false);
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }

  /** The answer exceeded the size limit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("too large");
    }
  }

  /** The body of a 200 answer, at most {@code max} bytes; other answers' bodies are dropped. */
  private static HttpResponse.BodySubscriber<byte[]> body(HttpResponse.ResponseInfo info, int max) {
    if (info.statusCode() != 200) {
      return new Limited(0, true);
    }
    long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (declared > max) {
      return new Limited(max, false).refuse();
    }
    return new Limited(max, false);
  }

  /** Collects at most {@code max} bytes, failing with {@link TooLarge} beyond. */
  private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {
    private final int max;
    private final boolean discard;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private boolean refused;
    private Flow.@Nullable Subscription subscription;

    Limited(int max, boolean discard) {
      this.max = max;
      this.discard = discard;
    }

    Limited refuse() {
      refused = true;
      return this;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (refused) {
        s.cancel();
        result.completeExceptionally(new TooLarge());
      } else if (discard) {
        s.cancel();
        result.complete(new byte[0]);
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        if ((long) out.size() + b.remaining() > max) {
          Flow.Subscription s = subscription;
          if (s != null) {
            s.cancel();
          }
          result.completeExceptionally(new TooLarge());
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }
}
