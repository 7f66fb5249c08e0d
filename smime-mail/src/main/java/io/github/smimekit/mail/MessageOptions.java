package io.github.smimekit.mail;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.Pkcs12Identity;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a test message is built from: the sender's identity, the recipients, the CA store Outlook on
 * the web trusts, the organisation's algorithms, clear-signed or opaque, and the clock. Immutable;
 * made by {@link #builder()}.
 *
 * <p>{@code toString()} never shows the sender's private key.
 */
public final class MessageOptions {
  /** The default subject line. */
  public static final String DEFAULT_SUBJECT = "S/MIME test message";

  /** The default body text. */
  public static final String DEFAULT_TEXT =
      "This message was signed and encrypted by smimekit the way Outlook on the web does.\r\n"
          + "If you can read it, your S/MIME set-up works for this sender and recipient.\r\n";

  private final Pkcs12Identity sender;
  private final String senderAddress;
  private final List<Recipient> recipients;
  private final TrustStore trustStore;
  private final AlgorithmSettings algorithms;
  private final boolean opaque;
  private final boolean useSecondaryProxies;
  private final UserSMimeCertificates userSMimeCertificates;
  private final Clock clock;
  private final String subject;
  private final String text;

  private MessageOptions(
      Builder b, Pkcs12Identity sender, String senderAddress, TrustStore store, Clock clock) {
    this.sender = sender;
    this.senderAddress = senderAddress;
    this.recipients = List.copyOf(b.recipients);
    this.trustStore = store;
    this.algorithms = b.algorithms;
    this.opaque = b.opaque;
    this.useSecondaryProxies = b.useSecondaryProxies;
    this.userSMimeCertificates = b.userSMimeCertificates;
    this.clock = clock;
    this.subject = b.subject;
    this.text = b.text;
  }

  /** A builder with the defaults: clear-signed, AES-256 and SHA-1, secondary proxies allowed. */
  public static Builder builder() {
    return new Builder();
  }

  /** The sender's identity (private key and signing certificate). */
  public Pkcs12Identity sender() {
    return sender;
  }

  /** The sender's address (the {@code From} header). */
  public String senderAddress() {
    return senderAddress;
  }

  /** The recipients, in {@code To} order (the sender's copy is added by the build). */
  public List<Recipient> recipients() {
    return recipients;
  }

  /** The CA store trusted exclusively. */
  public TrustStore trustStore() {
    return trustStore;
  }

  /** The organisation's algorithms. */
  public AlgorithmSettings algorithms() {
    return algorithms;
  }

  /** True for an opaque-signed message ({@code OWAClearSign $false}). */
  public boolean opaque() {
    return opaque;
  }

  /**
   * True when a certificate may match any proxy address ({@code
   * OWAUseSecondaryProxiesWhenFindingCertificates}, default true).
   */
  public boolean useSecondaryProxies() {
    return useSecondaryProxies;
  }

  /** How {@code UserSMimeCertificate} candidates weigh against {@code UserCertificate} ones. */
  public UserSMimeCertificates userSMimeCertificates() {
    return userSMimeCertificates;
  }

  /** The clock: the message's date and the validation time of every certificate. */
  public Clock clock() {
    return clock;
  }

  /** The subject line. */
  public String subject() {
    return subject;
  }

  /** The body text. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return "MessageOptions[from="
        + senderAddress
        + ", to="
        + recipients.stream().map(Recipient::primarySmtpAddress).toList()
        + ", algorithms="
        + algorithms
        + ", opaque="
        + opaque
        + "]";
  }

  /** Builds {@link MessageOptions}. */
  public static final class Builder {
    private @Nullable Pkcs12Identity sender;
    private @Nullable String senderAddress;
    private final List<Recipient> recipients = new ArrayList<>();
    private @Nullable TrustStore trustStore;
    private AlgorithmSettings algorithms = AlgorithmSettings.defaults();
    private boolean opaque;
    private boolean useSecondaryProxies = true;
    private UserSMimeCertificates userSMimeCertificates = UserSMimeCertificates.UNION;
    private @Nullable Clock clock;
    private String subject = DEFAULT_SUBJECT;
    private String text = DEFAULT_TEXT;

    private Builder() {}

    /**
     * The sender's identity, as {@code Pkcs12.read} returns it.
     *
     * @param identity the identity
     * @return this builder
     */
    public Builder sender(Pkcs12Identity identity) {
      this.sender = requireNonNull(identity, "identity");
      return this;
    }

    /**
     * The {@code From} address; by default the sender certificate's first e-mail address.
     *
     * @param address the address
     * @return this builder
     */
    public Builder senderAddress(String address) {
      requireNonNull(address, "address");
      if (address.indexOf('@') < 1 || address.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
        throw new IllegalArgumentException("not an SMTP address: '" + address + "'");
      }
      this.senderAddress = address;
      return this;
    }

    /**
     * Adds a recipient.
     *
     * @param recipient the recipient and its candidate certificates
     * @return this builder
     */
    public Builder recipient(Recipient recipient) {
      recipients.add(requireNonNull(recipient, "recipient"));
      return this;
    }

    /**
     * Adds recipients.
     *
     * @param list the recipients
     * @return this builder
     */
    public Builder recipients(Collection<Recipient> list) {
      for (Recipient r : requireNonNull(list, "list")) {
        recipient(r);
      }
      return this;
    }

    /**
     * Adds the recipients a source resolves for these addresses (the directory form).
     *
     * @param source the source, for example one over the Exchange Online Admin API
     * @param addresses the addresses of the To line
     * @return this builder
     * @throws IOException if the source cannot be reached
     */
    public Builder recipients(RecipientSource source, List<String> addresses) throws IOException {
      requireNonNull(source, "source");
      for (String a : requireNonNull(addresses, "addresses")) {
        recipient(
            requireNonNull(source.resolve(requireNonNull(a, "address")), "resolved recipient"));
      }
      return this;
    }

    /**
     * The CA store Outlook on the web trusts (the uploaded {@code .sst}).
     *
     * @param store the store
     * @return this builder
     */
    public Builder trustStore(TrustStore store) {
      this.trustStore = requireNonNull(store, "store");
      return this;
    }

    /**
     * The organisation's algorithms (default: {@link AlgorithmSettings#defaults()}).
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder algorithms(AlgorithmSettings settings) {
      this.algorithms = requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Opaque signing ({@code OWAClearSign $false}) instead of clear-signed {@code
     * multipart/signed}.
     *
     * @param opaque true for opaque
     * @return this builder
     */
    public Builder opaque(boolean opaque) {
      this.opaque = opaque;
      return this;
    }

    /**
     * Whether a certificate may match a proxy address rather than the primary one (default true, as
     * {@code OWAUseSecondaryProxiesWhenFindingCertificates}).
     *
     * @param allow true to allow
     * @return this builder
     */
    public Builder useSecondaryProxies(boolean allow) {
      this.useSecondaryProxies = allow;
      return this;
    }

    /**
     * How a recipient's {@code UserSMimeCertificate} certificates weigh against its {@code
     * UserCertificate} ones (default {@link UserSMimeCertificates#UNION}, as Outlook on the web's
     * code does; unverified against a live tenant).
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder userSMimeCertificates(UserSMimeCertificates rule) {
      this.userSMimeCertificates = requireNonNull(rule, "rule");
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
     * The subject line (printable text, at most 200 characters).
     *
     * @param subject the subject
     * @return this builder
     */
    public Builder subject(String subject) {
      requireNonNull(subject, "subject");
      if (subject.length() > 200 || subject.chars().anyMatch(c -> c < 0x20)) {
        throw new IllegalArgumentException("subject must be printable and at most 200 chars");
      }
      this.subject = subject;
      return this;
    }

    /**
     * The body text.
     *
     * @param text the text
     * @return this builder
     */
    public Builder text(String text) {
      this.text = requireNonNull(text, "text");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws IllegalStateException if the sender, trust store or clock is missing, or the sender
     *     has no address
     */
    public MessageOptions build() {
      if (sender == null) {
        throw new IllegalStateException("no sender identity");
      }
      if (trustStore == null) {
        throw new IllegalStateException("no trust store");
      }
      if (clock == null) {
        throw new IllegalStateException("no clock");
      }
      String address = senderAddress;
      if (address == null) {
        Optional<String> e = Certificates.primaryEmail(sender.certificate());
        if (e.isEmpty()) {
          throw new IllegalStateException(
              "the sender certificate has no e-mail address: give senderAddress");
        }
        address = e.get();
      }
      return new MessageOptions(this, sender, address, trustStore, clock);
    }
  }
}
