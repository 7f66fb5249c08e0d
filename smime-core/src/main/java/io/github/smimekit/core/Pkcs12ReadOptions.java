package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Options for reading a PKCS#12 file: which identity to take when the file holds several, and the
 * limits that bound the work a hostile file can cause. Immutable.
 *
 * <p>Limits (checked before the work they bound): {@link #maxFileSize()} (default 16 MiB), {@link
 * #maxBags()} (default 1,000 safe bags and safes together), {@link #maxIterations()} (default
 * 10,000,000 per key derivation; in total a call derives with at most 8 times that many
 * iterations).
 */
public final class Pkcs12ReadOptions {
  /** Default {@link #maxFileSize()}: 16 MiB. */
  public static final long DEFAULT_MAX_FILE_SIZE = 16L * 1024 * 1024;

  /** Default {@link #maxBags()}. */
  public static final int DEFAULT_MAX_BAGS = 1_000;

  /** Default {@link #maxIterations()}. */
  public static final int DEFAULT_MAX_ITERATIONS = 10_000_000;

  private static final Pkcs12ReadOptions DEFAULTS = new Builder().build();

  private final @Nullable String alias;
  private final @Nullable Thumbprint thumbprint;
  private final long maxFileSize;
  private final int maxBags;
  private final int maxIterations;

  private Pkcs12ReadOptions(Builder b) {
    this.alias = b.alias;
    this.thumbprint = b.thumbprint;
    this.maxFileSize = b.maxFileSize;
    this.maxBags = b.maxBags;
    this.maxIterations = b.maxIterations;
  }

  /** No selection, default limits. */
  public static Pkcs12ReadOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.alias = alias;
    b.thumbprint = thumbprint;
    b.maxFileSize = maxFileSize;
    b.maxBags = maxBags;
    b.maxIterations = maxIterations;
    return b;
  }

  /** Take the key whose friendly name (alias) is this (exact match first, then ignoring case). */
  public Optional<String> alias() {
    return Optional.ofNullable(alias);
  }

  /** Take the key whose certificate has this thumbprint. */
  public Optional<Thumbprint> thumbprint() {
    return Optional.ofNullable(thumbprint);
  }

  /** The largest input accepted, in bytes. */
  public long maxFileSize() {
    return maxFileSize;
  }

  /** The most safes plus safe bags accepted. */
  public int maxBags() {
    return maxBags;
  }

  /** The largest iteration count accepted for one key derivation. */
  public int maxIterations() {
    return maxIterations;
  }

  @Override
  public String toString() {
    return "Pkcs12ReadOptions[alias="
        + alias
        + ", thumbprint="
        + thumbprint
        + ", maxFileSize="
        + maxFileSize
        + ", maxBags="
        + maxBags
        + ", maxIterations="
        + maxIterations
        + "]";
  }

  /** Builds {@link Pkcs12ReadOptions}; every setter checks its argument. */
  public static final class Builder {
    private @Nullable String alias;
    private @Nullable Thumbprint thumbprint;
    private long maxFileSize = DEFAULT_MAX_FILE_SIZE;
    private int maxBags = DEFAULT_MAX_BAGS;
    private int maxIterations = DEFAULT_MAX_ITERATIONS;

    private Builder() {}

    /** Selects the key by friendly name (alias); clears a thumbprint selection. */
    public Builder alias(String alias) {
      this.alias = requireNonNull(alias, "alias");
      this.thumbprint = null;
      return this;
    }

    /**
     * Selects the key by the thumbprint of its certificate (SHA-1 as Windows shows it, or SHA-256;
     * see {@link Thumbprint#parse}); clears an alias selection.
     */
    public Builder thumbprint(Thumbprint thumbprint) {
      this.thumbprint = requireNonNull(thumbprint, "thumbprint");
      this.alias = null;
      return this;
    }

    /** The largest input accepted, in bytes (at least 1). */
    public Builder maxFileSize(long bytes) {
      if (bytes < 1 || bytes > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("maxFileSize out of range: " + bytes);
      }
      this.maxFileSize = bytes;
      return this;
    }

    /** The most safes plus safe bags accepted (at least 1). */
    public Builder maxBags(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("maxBags < 1: " + count);
      }
      this.maxBags = count;
      return this;
    }

    /** The largest iteration count accepted for one key derivation (at least 1). */
    public Builder maxIterations(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("maxIterations < 1: " + count);
      }
      this.maxIterations = count;
      return this;
    }

    /** The options. */
    public Pkcs12ReadOptions build() {
      return new Pkcs12ReadOptions(this);
    }
  }
}
