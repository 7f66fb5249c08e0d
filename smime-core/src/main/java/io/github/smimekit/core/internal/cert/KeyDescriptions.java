package io.github.smimekit.core.internal.cert;

import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.XECKey;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * Names and sizes of a certificate's key, key usages and extended key usages, as people read them.
 */
public final class KeyDescriptions {
  private static final String[] KEY_USAGE_NAMES = {
    "digitalSignature",
    "nonRepudiation",
    "keyEncipherment",
    "dataEncipherment",
    "keyAgreement",
    "keyCertSign",
    "cRLSign",
    "encipherOnly",
    "decipherOnly"
  };

  private static final Map<String, String> EKU_NAMES =
      Map.ofEntries(
          Map.entry("1.3.6.1.5.5.7.3.1", "serverAuth"),
          Map.entry("1.3.6.1.5.5.7.3.2", "clientAuth"),
          Map.entry("1.3.6.1.5.5.7.3.3", "codeSigning"),
          Map.entry("1.3.6.1.5.5.7.3.4", "emailProtection"),
          Map.entry("1.3.6.1.5.5.7.3.8", "timeStamping"),
          Map.entry("1.3.6.1.5.5.7.3.9", "OCSPSigning"),
          Map.entry("2.5.29.37.0", "anyExtendedKeyUsage"),
          Map.entry("1.3.6.1.4.1.311.10.3.4", "encryptingFileSystem"),
          Map.entry("1.3.6.1.4.1.311.10.3.12", "documentSigning"),
          Map.entry("1.3.6.1.4.1.311.20.2.2", "smartcardLogon"));

  private static final Map<String, String> NAME_KEYWORDS =
      Map.of("1.2.840.113549.1.9.1", "E", "2.5.4.5", "SERIALNUMBER");

  private KeyDescriptions() {}

  /**
   * The certificate's key algorithm ({@link #keyAlgorithm(PublicKey)}), or "unknown" if the key
   * cannot be decoded (possible only for certificate objects not made by {@code
   * Certificates.read}).
   */
  public static String keyAlgorithm(X509Certificate c) {
    PublicKey key = keyOrNull(c);
    return key == null ? "unknown" : keyAlgorithm(key);
  }

  /** The certificate's key size ({@link #keySize(PublicKey)}), 0 if the key cannot be decoded. */
  public static int keySize(X509Certificate c) {
    PublicKey key = keyOrNull(c);
    return key == null ? 0 : keySize(key);
  }

  private static @Nullable PublicKey keyOrNull(X509Certificate c) {
    try {
      return c.getPublicKey();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** "RSA", "EC", "DSA", "Ed25519" rather than the JDK's "EdDSA", "X25519" rather than "XDH". */
  public static String keyAlgorithm(PublicKey key) {
    if (key instanceof EdECKey ed) {
      return ed.getParams().getName();
    }
    if (key instanceof XECKey x && x.getParams() instanceof NamedParameterSpec n) {
      return n.getName();
    }
    return key.getAlgorithm();
  }

  /**
   * Key size in bits: the RSA modulus, the EC field, the DSA prime; 256 for Ed25519 and X25519, 456
   * for Ed448 and 448 for X448; 0 when unknown.
   */
  public static int keySize(PublicKey key) {
    if (key instanceof RSAKey rsa) {
      return rsa.getModulus().bitLength();
    }
    if (key instanceof ECKey ec && ec.getParams() != null) {
      return ec.getParams().getCurve().getField().getFieldSize();
    }
    if (key instanceof DSAKey dsa && dsa.getParams() != null) {
      return dsa.getParams().getP().bitLength();
    }
    return switch (keyAlgorithm(key)) {
      case "Ed25519", "X25519" -> 256;
      case "Ed448" -> 456;
      case "X448" -> 448;
      default -> 0;
    };
  }

  /** The names of the key usage bits that are set, in bit order; empty without the extension. */
  public static List<String> keyUsageNames(X509Certificate c) {
    boolean[] bits = c.getKeyUsage();
    return bits == null ? List.of() : keyUsageNames(bits);
  }

  /** The names of the bits set in {@code bits}, in bit order. */
  public static List<String> keyUsageNames(boolean[] bits) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < bits.length && i < KEY_USAGE_NAMES.length; i++) {
      if (bits[i]) {
        names.add(KEY_USAGE_NAMES[i]);
      }
    }
    return names;
  }

  /**
   * The extended key usages by name where known, else by OID; empty without the extension.
   *
   * @throws CertificateParsingException if the extension is malformed
   */
  public static List<String> extendedKeyUsageNames(X509Certificate c)
      throws CertificateParsingException {
    List<String> oids = c.getExtendedKeyUsage();
    List<String> names = new ArrayList<>();
    if (oids != null) {
      for (String oid : oids) {
        names.add(EKU_NAMES.getOrDefault(oid, oid));
      }
    }
    return names;
  }

  /**
   * RFC 2253 text of a name, with {@code E=} for the emailAddress attribute (as Windows shows it)
   * and {@code SERIALNUMBER=} for the serialNumber attribute, which the JDK prints as OIDs.
   */
  public static String displayName(X500Principal name) {
    return name.getName(X500Principal.RFC2253, NAME_KEYWORDS);
  }
}
