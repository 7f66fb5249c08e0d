package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Options for reading a PKCS#12 file: which identity to take when the file holds several, whether
 * to refuse what is otherwise read with a warning, and the limits that bound the work a hostile
 * file can cause. Immutable.
 *
 * <p>Limits (checked before the work they bound): {@link #limits()} for the input size (default 16
 * MiB; the one size limit type of this library, {@link ReadLimits}), {@link #maxBags()} (default
 * 1,000 safe bags and safes together), {@link #maxIterations()} (default 10,000,000 per PBKDF2 or
 * PKCS#12 key derivation; in total a call derives with at most 8 times that many iterations) and
 * {@link #maxScryptMemory()} (default 64 MiB: scrypt's cost 128 &middot; N &middot; r &middot; p
 * bytes, checked for each scrypt derivation before it runs).
 */
public final class Pkcs12ReadOptions {
  /** Default input size limit of {@link #limits()}: 16 MiB. */
  public static final long DEFAULT_MAX_INPUT_BYTES = 16L * 1024 * 1024;

  /** Default {@link #limits()}: {@link ReadLimits#defaults()} with a 16 MiB input limit. */
  public static final ReadLimits DEFAULT_LIMITS =
      ReadLimits.defaults().withMaxInputBytes(DEFAULT_MAX_INPUT_BYTES);

  /** Default {@link #maxScryptMemory()}: 64 MiB. */
  public static final long DEFAULT_MAX_SCRYPT_MEMORY = 64L * 1024 * 1024;

  /** Default {@link #maxBags()}. */
  public static final int DEFAULT_MAX_BAGS = 1_000;

  /** Default {@link #maxIterations()}. */
  public static final int DEFAULT_MAX_ITERATIONS = 10_000_000;

  private static final Pkcs12ReadOptions DEFAULTS = new Builder().build();

  private final @Nullable String alias;
  private final @Nullable Thumbprint thumbprint;
  private final ReadLimits limits;
  private final int maxBags;
  private final int maxIterations;
  private final long maxScryptMemory;
  private final boolean strict;

  private Pkcs12ReadOptions(Builder b) {
    this.alias = b.alias;
    this.thumbprint = b.thumbprint;
    this.limits = b.limits;
    this.maxBags = b.maxBags;
    this.maxIterations = b.maxIterations;
    this.maxScryptMemory = b.maxScryptMemory;
    this.strict = b.strict;
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
    b.limits = limits;
    b.maxBags = maxBags;
    b.maxIterations = maxIterations;
    b.maxScryptMemory = maxScryptMemory;
    b.strict = strict;
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

  /**
   * The input limits: {@link ReadLimits#maxInputBytes()} bounds the file (checked while it is read,
   * so also for a FIFO or {@code /dev/zero}); {@link ReadLimits#maxCertificates()} the certificate
   * bags.
   */
  public ReadLimits limits() {
    return limits;
  }

  /**
   * The most memory one scrypt key derivation may use, 128 &middot; N &middot; r &middot; p bytes.
   */
  public long maxScryptMemory() {
    return maxScryptMemory;
  }

  /**
   * Whether what is otherwise read with a warning (bytes after the end of the PFX structure, as
   * Windows and .NET write them) is refused as malformed instead.
   */
  public boolean strict() {
    return strict;
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
        + ", limits="
        + limits
        + ", maxBags="
        + maxBags
        + ", maxIterations="
        + maxIterations
        + ", maxScryptMemory="
        + maxScryptMemory
        + ", strict="
        + strict
        + "]";
  }

  /** Builds {@link Pkcs12ReadOptions}; every setter checks its argument. */
  public static final class Builder {
    private @Nullable String alias;
    private @Nullable Thumbprint thumbprint;
    private ReadLimits limits = DEFAULT_LIMITS;
    private int maxBags = DEFAULT_MAX_BAGS;
    private int maxIterations = DEFAULT_MAX_ITERATIONS;
    private long maxScryptMemory = DEFAULT_MAX_SCRYPT_MEMORY;
    private boolean strict;

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

    /** The input size and certificate count limits (default {@link #DEFAULT_LIMITS}). */
    public Builder limits(ReadLimits limits) {
      this.limits = requireNonNull(limits, "limits");
      return this;
    }

    /** The most memory one scrypt derivation may use, in bytes (at least 1,024). */
    public Builder maxScryptMemory(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxScryptMemory < 1024: " + bytes);
      }
      this.maxScryptMemory = bytes;
      return this;
    }

    /** Refuse bytes after the PFX structure instead of reading with a warning (default false). */
    public Builder strict(boolean strict) {
      this.strict = strict;
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
