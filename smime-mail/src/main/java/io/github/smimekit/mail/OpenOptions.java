package io.github.smimekit.mail;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Pkcs12Identity;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a message is opened with: its bytes, the recipient's identity, the CA store trusted
 * exclusively, the clock, optionally the organisation's algorithms, and limits. Immutable; made by
 * {@link #builder()}. {@code toString()} never shows the private key.
 */
public final class OpenOptions {
  private final Bytes message;
  private final Pkcs12Identity identity;
  private final TrustStore trustStore;
  private final Clock clock;
  private final @Nullable AlgorithmSettings algorithms;
  private final MessageLimits limits;

  private OpenOptions(
      Bytes message,
      Pkcs12Identity identity,
      TrustStore trustStore,
      Clock clock,
      @Nullable AlgorithmSettings algorithms,
      MessageLimits limits) {
    this.message = message;
    this.identity = identity;
    this.trustStore = trustStore;
    this.clock = clock;
    this.algorithms = algorithms;
    this.limits = limits;
  }

  /** A builder with the default limits and no algorithm restriction. */
  public static Builder builder() {
    return new Builder();
  }

  /** The {@code .eml} bytes (untrusted). */
  public Bytes message() {
    return message;
  }

  /** The recipient's identity, whose key decrypts. */
  public Pkcs12Identity identity() {
    return identity;
  }

  /** The CA store trusted exclusively for the signer's chain. */
  public TrustStore trustStore() {
    return trustStore;
  }

  /** The clock: the validation time of the signer's chain. */
  public Clock clock() {
    return clock;
  }

  /**
   * The organisation's algorithms: when present, a message using another content-encryption or
   * digest algorithm fails the {@link Step#ALGORITHMS} step.
   */
  public Optional<AlgorithmSettings> algorithms() {
    return Optional.ofNullable(algorithms);
  }

  /** The limits on the untrusted message. */
  public MessageLimits limits() {
    return limits;
  }

  @Override
  public String toString() {
    return "OpenOptions[message="
        + message.size()
        + " bytes, as="
        + identity.certificate().getSubjectX500Principal().getName()
        + "]";
  }

  /** Builds {@link OpenOptions}. */
  public static final class Builder {
    private @Nullable Bytes message;
    private @Nullable Pkcs12Identity identity;
    private @Nullable TrustStore trustStore;
    private @Nullable Clock clock;
    private @Nullable AlgorithmSettings algorithms;
    private MessageLimits limits = MessageLimits.defaults();

    private Builder() {}

    /**
     * The message.
     *
     * @param eml the {@code .eml} bytes
     * @return this builder
     */
    public Builder message(Bytes eml) {
      this.message = requireNonNull(eml, "eml");
      return this;
    }

    /**
     * The recipient's identity.
     *
     * @param identity as {@code Pkcs12.read} returns it
     * @return this builder
     */
    public Builder identity(Pkcs12Identity identity) {
      this.identity = requireNonNull(identity, "identity");
      return this;
    }

    /**
     * The trust store.
     *
     * @param store the store
     * @return this builder
     */
    public Builder trustStore(TrustStore store) {
      this.trustStore = requireNonNull(store, "store");
      return this;
    }

    /**
     * The clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Restricts the algorithms to the organisation's.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder algorithms(AlgorithmSettings settings) {
      this.algorithms = requireNonNull(settings, "settings");
      return this;
    }

    /**
     * The limits.
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder limits(MessageLimits limits) {
      this.limits = requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws IllegalStateException if the message, identity, trust store or clock is missing
     */
    public OpenOptions build() {
      if (message == null) {
        throw new IllegalStateException("no message");
      }
      if (identity == null) {
        throw new IllegalStateException("no identity");
      }
      if (trustStore == null) {
        throw new IllegalStateException("no trust store");
      }
      if (clock == null) {
        throw new IllegalStateException("no clock");
      }
      return new OpenOptions(message, identity, trustStore, clock, algorithms, limits);
    }
  }
}
