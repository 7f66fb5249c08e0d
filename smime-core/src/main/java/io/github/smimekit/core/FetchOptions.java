package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link ChainResolver} fetches missing issuer certificates from the caIssuers URLs of a
 * certificate's authority information access extension (RFC 5280 section 4.2.2.1), when no
 * certificate on offer has the issuer's name.
 *
 * <p>Only {@code http} and {@code https} URLs are fetched (others, such as {@code ldap}, are named
 * in the diagnosis); answers may be a DER certificate, PEM certificates or a PKCS#7 certs-only
 * bundle. Every fetched certificate is an untrusted pool candidate: it passes every check the
 * chain's other certificates pass. Fetching is bounded (answer size, number of fetches, total time,
 * redirects, connect and answer timeouts); no cookies and no credentials are ever sent, a redirect
 * never leaves {@code http}/{@code https} nor goes from {@code https} down to {@code http}, and a
 * URL carrying user information is refused. Failures become part of the result ({@link
 * ChainResult#fetches()}) and of its diagnosis, never an exception.
 *
 * <pre>{@code
 * ChainResolver resolver = ChainResolver.builder()
 *     .trustAnchors(PlatformTrustStores.jdk())
 *     .fetch(FetchOptions.builder().cacheDirectory(Path.of("aia-cache")).build())
 *     .build();
 * }</pre>
 *
 * <p>With a {@linkplain Builder#cacheDirectory cache directory}, each answer is stored once under
 * its SHA-256 and found again by its URL, so bulk runs fetch each CA certificate once; {@linkplain
 * Builder#offline offline} mode reads the cache only. Immutable.
 */
public final class FetchOptions {
  /** Default largest answer accepted, in bytes. */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;

  /** Default most URLs fetched (network or cache) in one resolution. */
  public static final int DEFAULT_MAX_FETCHES = 16;

  /** Default most redirects followed for one URL. */
  public static final int DEFAULT_MAX_REDIRECTS = 3;

  private final int maxResponseBytes;
  private final int maxFetches;
  private final int maxRedirects;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration totalTimeout;
  private final @Nullable Path cacheDirectory;
  private final boolean offline;

  private FetchOptions(Builder b) {
    this.maxResponseBytes = b.maxResponseBytes;
    this.maxFetches = b.maxFetches;
    this.maxRedirects = b.maxRedirects;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.totalTimeout = b.totalTimeout;
    this.cacheDirectory = b.cacheDirectory;
    this.offline = b.offline;
  }

  /** The default options: network fetching, no cache directory. */
  public static FetchOptions defaults() {
    return builder().build();
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxResponseBytes = maxResponseBytes;
    b.maxFetches = maxFetches;
    b.maxRedirects = maxRedirects;
    b.connectTimeout = connectTimeout;
    b.readTimeout = readTimeout;
    b.totalTimeout = totalTimeout;
    b.cacheDirectory = cacheDirectory;
    b.offline = offline;
    return b;
  }

  /** The largest answer accepted, in bytes; a longer one is refused unread. */
  public int maxResponseBytes() {
    return maxResponseBytes;
  }

  /** The most URLs fetched (from the network or the cache) in one resolution. */
  public int maxFetches() {
    return maxFetches;
  }

  /** The most redirects followed for one URL. */
  public int maxRedirects() {
    return maxRedirects;
  }

  /** How long a connection may take to open. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long one request may take, from sending it to the last byte of the answer. */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** How long all the fetches of one resolution may take together. */
  public Duration totalTimeout() {
    return totalTimeout;
  }

  /** The cache directory, when answers are cached. */
  public Optional<Path> cacheDirectory() {
    return Optional.ofNullable(cacheDirectory);
  }

  /** Whether only the cache is read and no request is made. */
  public boolean offline() {
    return offline;
  }

  /** Equal when every setting is. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FetchOptions f
        && f.maxResponseBytes == maxResponseBytes
        && f.maxFetches == maxFetches
        && f.maxRedirects == maxRedirects
        && f.connectTimeout.equals(connectTimeout)
        && f.readTimeout.equals(readTimeout)
        && f.totalTimeout.equals(totalTimeout)
        && java.util.Objects.equals(f.cacheDirectory, cacheDirectory)
        && f.offline == offline;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        maxResponseBytes,
        maxFetches,
        maxRedirects,
        connectTimeout,
        readTimeout,
        totalTimeout,
        cacheDirectory,
        offline);
  }

  @Override
  public String toString() {
    return "FetchOptions[maxResponseBytes="
        + maxResponseBytes
        + ", maxFetches="
        + maxFetches
        + ", maxRedirects="
        + maxRedirects
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", totalTimeout="
        + totalTimeout
        + ", cacheDirectory="
        + cacheDirectory
        + ", offline="
        + offline
        + "]";
  }

  /** Builds {@link FetchOptions}; every setter checks its argument at once. */
  public static final class Builder {
    private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private int maxFetches = DEFAULT_MAX_FETCHES;
    private int maxRedirects = DEFAULT_MAX_REDIRECTS;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(10);
    private Duration totalTimeout = Duration.ofSeconds(30);
    private @Nullable Path cacheDirectory;
    private boolean offline;

    private Builder() {}

    /**
     * The largest answer accepted.
     *
     * @param bytes at least 1; default {@value FetchOptions#DEFAULT_MAX_RESPONSE_BYTES}
     * @return this builder
     */
    public Builder maxResponseBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxResponseBytes < 1: " + bytes);
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /**
     * The most URLs fetched in one resolution.
     *
     * @param fetches at least 1; default {@value FetchOptions#DEFAULT_MAX_FETCHES}
     * @return this builder
     */
    public Builder maxFetches(int fetches) {
      if (fetches < 1) {
        throw new IllegalArgumentException("maxFetches < 1: " + fetches);
      }
      this.maxFetches = fetches;
      return this;
    }

    /**
     * The most redirects followed for one URL.
     *
     * @param redirects at least 0; default {@value FetchOptions#DEFAULT_MAX_REDIRECTS}
     * @return this builder
     */
    public Builder maxRedirects(int redirects) {
      if (redirects < 0) {
        throw new IllegalArgumentException("maxRedirects < 0: " + redirects);
      }
      this.maxRedirects = redirects;
      return this;
    }

    /**
     * How long a connection may take to open.
     *
     * @param timeout positive; default 5 seconds
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * How long one request may take, to the last byte of its answer.
     *
     * @param timeout positive; default 10 seconds
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    /**
     * How long all fetches of one resolution may take together.
     *
     * @param timeout positive; default 30 seconds
     * @return this builder
     */
    public Builder totalTimeout(Duration timeout) {
      this.totalTimeout = positive(timeout, "totalTimeout");
      return this;
    }

    /**
     * Caches answers in this directory (created when missing): {@code urls/} maps the SHA-256 of
     * each URL to the SHA-256 of its answer, {@code objects/} holds each answer once under its
     * SHA-256. Only answers that held certificates are cached.
     *
     * @param directory the cache directory
     * @return this builder
     */
    public Builder cacheDirectory(Path directory) {
      this.cacheDirectory = requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Whether only the cache is read: no request is made, and a URL missing from the cache is a
     * fetch failure in the diagnosis. Default false.
     *
     * @param offline whether to stay off the network
     * @return this builder
     */
    public Builder offline(boolean offline) {
      this.offline = offline;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws IllegalStateException if offline without a cache directory
     */
    public FetchOptions build() {
      if (offline && cacheDirectory == null) {
        throw new IllegalStateException("offline fetching needs a cache directory");
      }
      return new FetchOptions(this);
    }

    private static Duration positive(Duration d, String name) {
      requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " is not positive: " + d);
      }
      return d;
    }
  }
}
