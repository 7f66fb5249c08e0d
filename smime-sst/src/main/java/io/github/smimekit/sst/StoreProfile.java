package io.github.smimekit.sst;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.sst.internal.Der;
import io.github.smimekit.sst.internal.ProfileValues;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which properties a new store writes for each certificate added to it. This enum is the one place
 * that lists them.
 */
@SuppressWarnings("ImmutableEnumChecker") // the lists are List.of(...), immutable
public enum StoreProfile {
  /** No properties: only the certificates, which is all Exchange Online reads. */
  MINIMAL(List.of()),

  /**
   * The cached properties Windows keeps for a certificate in a system store and writes on export
   * (spec section 5, from a Windows registry blob; not yet checked against a real certmgr export):
   * SHA-256 (107), SHA-1 of the tbsCertificate (15), key identifier (20: the subject key identifier
   * extension if present, else SHA-1 of the public key bits), MD5 of the public key bits (25),
   * public key bit length (92, u32) and SHA-1 (3), in that order, all computed from the
   * certificate. A friendly name (11), when given, is written first, as the Windows root stores do.
   */
  WINDOWS_EXPORT(
      List.of(
          PropertyId.SHA256_HASH,
          PropertyId.SIGNATURE_HASH,
          PropertyId.KEY_IDENTIFIER,
          PropertyId.SUBJECT_PUBLIC_KEY_MD5_HASH,
          PropertyId.SUBJECT_PUB_KEY_BIT_LENGTH,
          PropertyId.SHA1_HASH));

  private final List<PropertyId> computed;

  StoreProfile(List<PropertyId> computed) {
    this.computed = computed;
  }

  /** The properties computed from each certificate, in the order they are written. */
  public List<PropertyId> computedProperties() {
    return computed;
  }

  /**
   * The entry this profile writes for {@code certificate}.
   *
   * @param friendlyName written as property 11 when not null
   */
  public StoreEntry entryFor(X509Certificate certificate, @Nullable String friendlyName) {
    requireNonNull(certificate, "certificate");
    Bytes der = StoreEntry.encode(certificate);
    List<StoreProperty> props = new ArrayList<>();
    if (friendlyName != null) {
      props.add(StoreProperty.friendlyName(friendlyName));
    }
    if (!computed.isEmpty()) {
      byte[] raw = der.toByteArray();
      Der.CertFields fields;
      try {
        fields = Der.certFields(raw);
      } catch (IllegalArgumentException e) {
        throw new SstFormatException(
            SstProblem.UNDECODABLE_CONTEXT,
            "certificate structure not readable for profile " + name(),
            -1,
            -1,
            e);
      }
      for (PropertyId id : computed) {
        props.add(StoreProperty.of(id, Bytes.copyOf(ProfileValues.value(id, fields, certificate))));
      }
    }
    // with properties, one array holding every element makes writing the entry one copy
    return props.isEmpty()
        ? StoreEntry.of(ContextType.CERTIFICATE, der, props)
        : StoreEntry.packed(ContextType.CERTIFICATE, der, props);
  }

  /** The entry this profile writes for {@code certificate}, without a friendly name. */
  public StoreEntry entryFor(X509Certificate certificate) {
    return entryFor(certificate, null);
  }
}
