package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code Set-SmimeConfig} with the Outlook on the web S/MIME settings other than the issuing-CA
 * store ({@link SetIssuingCa}): booleans, UInt32 values with range checks, the algorithm lists and
 * the sender-certificate attributes to display. Only the settings given are sent; parameters render
 * in the order of their enums.
 *
 * @param flags the boolean settings
 * @param numbers the UInt32 settings, each within its range
 * @param encryptionAlgorithms {@code -OWAEncryptionAlgorithms}, empty to leave unchanged
 * @param signingAlgorithms {@code -OWASigningAlgorithms}, empty to leave unchanged
 * @param senderCertificateAttributesToDisplay OIDs for {@code
 *     -OWASenderCertificateAttributesToDisplay}, empty to leave unchanged
 */
public record SetSmimeConfig(
    Map<SmimeFlag, Boolean> flags,
    Map<SmimeNumber, Long> numbers,
    List<EncryptionAlgorithm> encryptionAlgorithms,
    List<SigningAlgorithm> signingAlgorithms,
    List<String> senderCertificateAttributesToDisplay)
    implements ExchangeOperation {
  private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]{0,9}))+");

  /**
   * Validates the settings.
   *
   * @throws ExchangeException if a number is out of range, an OID is malformed, a list holds
   *     duplicates or nothing is set
   */
  public SetSmimeConfig {
    flags = Collections.unmodifiableMap(new EnumMap<>(enumMap(flags, SmimeFlag.class)));
    Map<SmimeNumber, Long> n = enumMap(numbers, SmimeNumber.class);
    n.forEach(
        (k, v) -> {
          requireNonNull(v, "number");
          if (v < k.min() || v > k.max()) {
            throw new ExchangeException(
                "Set-SmimeConfig -"
                    + k.parameter()
                    + " "
                    + v
                    + " is out of range "
                    + k.min()
                    + ".."
                    + k.max());
          }
        });
    numbers = Collections.unmodifiableMap(n);
    encryptionAlgorithms = noDuplicates(encryptionAlgorithms, "OWAEncryptionAlgorithms");
    signingAlgorithms = noDuplicates(signingAlgorithms, "OWASigningAlgorithms");
    senderCertificateAttributesToDisplay =
        noDuplicates(
            senderCertificateAttributesToDisplay, "OWASenderCertificateAttributesToDisplay");
    for (String oid : senderCertificateAttributesToDisplay) {
      if (!OID.matcher(oid).matches()) {
        throw new ExchangeException(
            "Set-SmimeConfig -OWASenderCertificateAttributesToDisplay: not an OID: '"
                + RecipientIdentity.printable(oid)
                + "'");
      }
    }
    if (flags.isEmpty()
        && numbers.isEmpty()
        && encryptionAlgorithms.isEmpty()
        && signingAlgorithms.isEmpty()
        && senderCertificateAttributesToDisplay.isEmpty()) {
      throw new ExchangeException("Set-SmimeConfig with no setting");
    }
  }

  private static <K extends Enum<K>, V> EnumMap<K, V> enumMap(Map<K, V> map, Class<K> type) {
    EnumMap<K, V> copy = new EnumMap<>(type);
    requireNonNull(map, "map").forEach((k, v) -> copy.put(requireNonNull(k), requireNonNull(v)));
    return copy;
  }

  private static <T> List<T> noDuplicates(List<T> list, String parameter) {
    List<T> copy = List.copyOf(list);
    if (copy.stream().distinct().count() != copy.size()) {
      throw new ExchangeException("Set-SmimeConfig -" + parameter + " lists a value twice");
    }
    return copy;
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CmdletCall toCmdletCall() {
    CmdletCall.Builder b = CmdletCall.builder("Set-SmimeConfig");
    flags.forEach((k, v) -> b.put(k.parameter(), ParameterValue.bool(v)));
    numbers.forEach((k, v) -> b.put(k.parameter(), ParameterValue.uint32(v)));
    if (!encryptionAlgorithms.isEmpty()) {
      b.put(
          "OWAEncryptionAlgorithms",
          ParameterValue.text(
              String.join(";", encryptionAlgorithms.stream().map(a -> a.code()).toList())));
    }
    if (!signingAlgorithms.isEmpty()) {
      b.put(
          "OWASigningAlgorithms",
          ParameterValue.text(
              String.join(";", signingAlgorithms.stream().map(a -> a.code()).toList())));
    }
    if (!senderCertificateAttributesToDisplay.isEmpty()) {
      b.put(
          "OWASenderCertificateAttributesToDisplay",
          ParameterValue.text(String.join(",", senderCertificateAttributesToDisplay)));
    }
    return b.build();
  }

  @Override
  public Optional<RecipientIdentity> recipient() {
    return Optional.empty();
  }

  /** Builds a {@link SetSmimeConfig}; each setter checks its value at once. */
  public static final class Builder {
    private final EnumMap<SmimeFlag, Boolean> flags = new EnumMap<>(SmimeFlag.class);
    private final EnumMap<SmimeNumber, Long> numbers = new EnumMap<>(SmimeNumber.class);
    private final List<EncryptionAlgorithm> encryption = new ArrayList<>();
    private final List<SigningAlgorithm> signing = new ArrayList<>();
    private final List<String> attributes = new ArrayList<>();

    private Builder() {}

    /** Sets a boolean setting. */
    public Builder set(SmimeFlag flag, boolean value) {
      flags.put(requireNonNull(flag, "flag"), value);
      return this;
    }

    /**
     * Sets a UInt32 setting.
     *
     * @throws ExchangeException if {@code value} is out of the setting's range
     */
    public Builder set(SmimeNumber number, long value) {
      requireNonNull(number, "number");
      if (value < number.min() || value > number.max()) {
        throw new ExchangeException(
            "Set-SmimeConfig -"
                + number.parameter()
                + " "
                + value
                + " is out of range "
                + number.min()
                + ".."
                + number.max());
      }
      numbers.put(number, value);
      return this;
    }

    /** Sets {@code -OWAEncryptionAlgorithms}, preferred first. */
    public Builder encryptionAlgorithms(EncryptionAlgorithm... algorithms) {
      encryption.clear();
      encryption.addAll(List.of(algorithms));
      return this;
    }

    /** Sets {@code -OWASigningAlgorithms}, preferred first. */
    public Builder signingAlgorithms(SigningAlgorithm... algorithms) {
      signing.clear();
      signing.addAll(List.of(algorithms));
      return this;
    }

    /** Sets {@code -OWASenderCertificateAttributesToDisplay} (OIDs). */
    public Builder senderCertificateAttributesToDisplay(String... oids) {
      attributes.clear();
      attributes.addAll(List.of(oids));
      return this;
    }

    /**
     * The operation.
     *
     * @throws ExchangeException if nothing is set or a list holds duplicates
     */
    public SetSmimeConfig build() {
      return new SetSmimeConfig(flags, numbers, encryption, signing, attributes);
    }
  }
}
