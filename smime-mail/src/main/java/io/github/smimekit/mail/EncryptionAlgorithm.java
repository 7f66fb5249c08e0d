package io.github.smimekit.mail;

import java.util.Locale;
import java.util.Optional;

/**
 * The content-encryption algorithms {@code OWAEncryptionAlgorithms} can name, each with its
 * CryptoAPI {@code ALG_ID} (the hex code of the setting) and key length. The weak ones (DES, RC2)
 * are here because an organisation can configure them; a test message shows what that means.
 */
public enum EncryptionAlgorithm {
  /** DES-CBC, 56-bit key ({@code 6601}). */
  DES(0x6601, 56, "1.3.14.3.2.7", "DES"),
  /** RC2-CBC, 40-bit key ({@code 6602:40}). */
  RC2_40(0x6602, 40, "1.2.840.113549.3.2", "RC2-40"),
  /** RC2-CBC, 56-bit key ({@code 6602:56}). */
  RC2_56(0x6602, 56, "1.2.840.113549.3.2", "RC2-56"),
  /** RC2-CBC, 64-bit key ({@code 6602:64}). */
  RC2_64(0x6602, 64, "1.2.840.113549.3.2", "RC2-64"),
  /** RC2-CBC, 128-bit key ({@code 6602} or {@code 6602:128}). */
  RC2_128(0x6602, 128, "1.2.840.113549.3.2", "RC2-128"),
  /** Triple DES (DES-EDE3-CBC), 168-bit key ({@code 6603}). */
  TRIPLE_DES(0x6603, 168, "1.2.840.113549.3.7", "3DES"),
  /** AES-128-CBC ({@code 660E}). */
  AES_128(0x660E, 128, "2.16.840.1.101.3.4.1.2", "AES-128"),
  /** AES-192-CBC ({@code 660F}). */
  AES_192(0x660F, 192, "2.16.840.1.101.3.4.1.22", "AES-192"),
  /** AES-256-CBC ({@code 6610}), the default of {@code OWAEncryptionAlgorithms}. */
  AES_256(0x6610, 256, "2.16.840.1.101.3.4.1.42", "AES-256");

  private final int algId;
  private final int keyBits;
  private final String oid;
  private final String displayName;

  EncryptionAlgorithm(int algId, int keyBits, String oid, String displayName) {
    this.algId = algId;
    this.keyBits = keyBits;
    this.oid = oid;
    this.displayName = displayName;
  }

  /** The CryptoAPI {@code ALG_ID} ({@code 0x6610} for AES-256). */
  public int algId() {
    return algId;
  }

  /** The key length in bits. */
  public int keyBits() {
    return keyBits;
  }

  /** The object identifier of the CMS content-encryption algorithm (dotted form). */
  public String oid() {
    return oid;
  }

  /** A short name ("AES-256", "3DES", "RC2-40"). */
  public String displayName() {
    return displayName;
  }

  /** The setting's form of this algorithm: {@code 6610}, or {@code 6602:40} for RC2. */
  public String settingValue() {
    String hex = String.format(Locale.ROOT, "%04X", algId);
    return algId == 0x6602 ? hex + ":" + keyBits : hex;
  }

  /**
   * The algorithm with this object identifier and key length (the key length matters only for RC2).
   *
   * @param oid the dotted object identifier
   * @param keyBits the key length in bits, or 0 when unknown (RC2 then means RC2-128)
   * @return the algorithm, or empty for an object identifier not in this list
   */
  public static Optional<EncryptionAlgorithm> fromOid(String oid, int keyBits) {
    for (EncryptionAlgorithm a : values()) {
      if (a.oid.equals(oid) && (a.algId != 0x6602 || a.keyBits == (keyBits == 0 ? 128 : keyBits))) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
