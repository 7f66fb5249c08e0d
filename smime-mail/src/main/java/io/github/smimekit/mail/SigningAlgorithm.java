package io.github.smimekit.mail;

import java.util.Locale;
import java.util.Optional;

/**
 * The message digest algorithms {@code OWASigningAlgorithms} can name, each with its CryptoAPI
 * {@code ALG_ID}. The signature algorithm follows from the digest and the signer's key type (RSA
 * PKCS#1 v1.5 or ECDSA).
 */
public enum SigningAlgorithm {
  /** MD5 ({@code 8003}); broken, listed because an organisation can configure it. */
  MD5(0x8003, "1.2.840.113549.2.5", "MD5", "md5"),
  /** SHA-1 ({@code 8004}), the default of {@code OWASigningAlgorithms}. */
  SHA1(0x8004, "1.3.14.3.2.26", "SHA1", "sha-1"),
  /** SHA-256 ({@code 800C}). */
  SHA256(0x800C, "2.16.840.1.101.3.4.2.1", "SHA256", "sha-256"),
  /** SHA-384 ({@code 800D}). */
  SHA384(0x800D, "2.16.840.1.101.3.4.2.2", "SHA384", "sha-384"),
  /** SHA-512 ({@code 800E}). */
  SHA512(0x800E, "2.16.840.1.101.3.4.2.3", "SHA512", "sha-512");

  private final int algId;
  private final String oid;
  private final String jcaName;
  private final String micalg;

  SigningAlgorithm(int algId, String oid, String jcaName, String micalg) {
    this.algId = algId;
    this.oid = oid;
    this.jcaName = jcaName;
    this.micalg = micalg;
  }

  /** The CryptoAPI {@code ALG_ID} ({@code 0x800C} for SHA-256). */
  public int algId() {
    return algId;
  }

  /** The object identifier of the digest algorithm (dotted form). */
  public String oid() {
    return oid;
  }

  /** The digest's name in JCA signature names ("SHA256" as in "SHA256withRSA"). */
  public String jcaName() {
    return jcaName;
  }

  /** The {@code micalg} parameter of {@code multipart/signed} (RFC 8551 section 3.5.3). */
  public String micalg() {
    return micalg;
  }

  /** The setting's form of this algorithm ({@code 800C}). */
  public String settingValue() {
    return String.format(Locale.ROOT, "%04X", algId);
  }

  /**
   * The algorithm with this digest object identifier.
   *
   * @param oid the dotted object identifier
   * @return the algorithm, or empty for an object identifier not in this list
   */
  public static Optional<SigningAlgorithm> fromOid(String oid) {
    for (SigningAlgorithm a : values()) {
      if (a.oid.equals(oid)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
