package io.github.smimekit.sst;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.ReadLimits;

/**
 * How to read a serialized store: strict or lenient, and the limits checked before anything is
 * allocated. Immutable; {@link #defaults()} is strict with the default limits.
 *
 * <p>Default limits: input and certificate count as smime-core's {@link ReadLimits#defaults()} (64
 * MiB, 100,000 certificate entries), one element {@value #DEFAULT_MAX_ELEMENT_BYTES} bytes, {@value
 * #DEFAULT_MAX_ELEMENTS} elements. The largest real Windows root store seen is under 1 MB with
 * about 4,000 elements.
 */
public final class SstReadOptions {
  /** Default maximum size of one element value: 16 MiB. */
  public static final int DEFAULT_MAX_ELEMENT_BYTES = 16 * 1024 * 1024;

  /** Default maximum number of elements (properties and contexts): 500,000. */
  public static final int DEFAULT_MAX_ELEMENTS = 500_000;

  private static final SstReadOptions DEFAULTS = builder().build();

  private final boolean lenient;
  private final boolean allowHeaderlessElements;
  private final ReadLimits limits;
  private final int maxElementBytes;
  private final int maxElements;

  private SstReadOptions(Builder b) {
    this.lenient = b.lenient;
    this.allowHeaderlessElements = b.allowHeaderlessElements;
    this.limits = b.limits;
    this.maxElementBytes = b.maxElementBytes;
    this.maxElements = b.maxElements;
  }

  /** Strict reading with the default limits. */
  public static SstReadOptions defaults() {
    return DEFAULTS;
  }

  /** Strict reading with the default limits (same as {@link #defaults()}). */
  public static SstReadOptions strict() {
    return DEFAULTS;
  }

  /** Lenient reading with the default limits. */
  public static SstReadOptions lenient() {
    return builder().lenient(true).build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.lenient = lenient;
    b.allowHeaderlessElements = allowHeaderlessElements;
    b.limits = limits;
    b.maxElementBytes = maxElementBytes;
    b.maxElements = maxElements;
    return b;
  }

  /**
   * Whether the deviations marked lenient in {@link SstProblem} become {@link SstWarning}s instead
   * of errors.
   */
  public boolean isLenient() {
    return lenient;
  }

  /**
   * Whether {@link StoreSniffer} accepts a bare element stream without the store header ({@code
   * CertSerializeCertificateStoreElement} output, .NET {@code X509ContentType.SerializedCert}). Off
   * by default: such bytes are not an {@code .sst}.
   */
  public boolean allowsHeaderlessElements() {
    return allowHeaderlessElements;
  }

  /**
   * The input size and certificate count limits, as smime-core's other readers take them: {@link
   * ReadLimits#maxInputBytes()} bounds the input (checked before it is read), {@link
   * ReadLimits#maxCertificates()} the number of certificate entries (and the certificates of a
   * PKCS#7 or certificate file opened by content).
   */
  public ReadLimits limits() {
    return limits;
  }

  /** The largest element value accepted, in bytes. */
  public int maxElementBytes() {
    return maxElementBytes;
  }

  /** The largest number of elements accepted. */
  public int maxElements() {
    return maxElements;
  }

  @Override
  public String toString() {
    return "SstReadOptions[lenient="
        + lenient
        + ", allowHeaderlessElements="
        + allowHeaderlessElements
        + ", maxInputBytes="
        + limits.maxInputBytes()
        + ", maxCertificates="
        + limits.maxCertificates()
        + ", maxElementBytes="
        + maxElementBytes
        + ", maxElements="
        + maxElements
        + "]";
  }

  /** Builds {@link SstReadOptions}. */
  public static final class Builder {
    private boolean lenient;
    private boolean allowHeaderlessElements;
    private ReadLimits limits = ReadLimits.defaults();
    private int maxElementBytes = DEFAULT_MAX_ELEMENT_BYTES;
    private int maxElements = DEFAULT_MAX_ELEMENTS;

    private Builder() {}

    /** Lenient ({@code true}) or strict ({@code false}, the default) reading. */
    public Builder lenient(boolean lenient) {
      this.lenient = lenient;
      return this;
    }

    /** Whether content sniffing accepts a header-less element stream (default false). */
    public Builder allowHeaderlessElements(boolean allow) {
      this.allowHeaderlessElements = allow;
      return this;
    }

    /** The input size and certificate count limits (default {@link ReadLimits#defaults()}). */
    public Builder limits(ReadLimits limits) {
      this.limits = requireNonNull(limits, "limits");
      return this;
    }

    /** The largest element value accepted, in bytes (at least 1). */
    public Builder maxElementBytes(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxElementBytes < 1: " + max);
      }
      this.maxElementBytes = max;
      return this;
    }

    /** The largest number of elements accepted (at least 1). */
    public Builder maxElements(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxElements < 1: " + max);
      }
      this.maxElements = max;
      return this;
    }

    /** The options. */
    public SstReadOptions build() {
      return new SstReadOptions(this);
    }
  }
}
