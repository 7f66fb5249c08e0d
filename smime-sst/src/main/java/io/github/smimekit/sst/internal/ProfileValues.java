package io.github.smimekit.sst.internal;

import io.github.smimekit.core.Certificates;
import io.github.smimekit.sst.PropertyId;
import java.security.cert.X509Certificate;
import org.jspecify.annotations.Nullable;

/** Computes the value of a property from a certificate (profiles and verification). */
public final class ProfileValues {
  private ProfileValues() {}

  /**
   * The value Windows caches for {@code id}.
   *
   * @param certificate needed only for the key bit length (92); may be null otherwise
   * @throws IllegalArgumentException for an id that is not computed from the certificate
   */
  public static byte[] value(
      PropertyId id, Der.CertFields f, @Nullable X509Certificate certificate) {
    byte[] der = f.der();
    return switch (id) {
      case SHA1_HASH -> X509.digest("SHA-1", der);
      case MD5_HASH -> X509.digest("MD5", der);
      case SHA256_HASH, AUTH_ROOT_SHA256_HASH -> X509.digest("SHA-256", der);
      case SIGNATURE_HASH -> X509.digest("SHA-1", der, f.tbsStart(), f.tbsEnd());
      case SUBJECT_NAME_MD5_HASH -> X509.digest("MD5", der, f.subjectStart(), f.subjectEnd());
      case SUBJECT_PUBLIC_KEY_MD5_HASH -> X509.digest("MD5", der, f.keyBitsStart(), f.keyBitsEnd());
      case KEY_IDENTIFIER -> {
        byte[] ski = f.subjectKeyIdentifier();
        yield ski != null
            ? ski.clone()
            : X509.digest("SHA-1", der, f.keyBitsStart(), f.keyBitsEnd());
      }
      case SUBJECT_PUB_KEY_BIT_LENGTH -> {
        if (certificate == null) {
          throw new IllegalArgumentException("key bit length needs the decoded certificate");
        }
        long bits = keyBits(certificate, f);
        yield new byte[] {
          (byte) bits, (byte) (bits >>> 8), (byte) (bits >>> 16), (byte) (bits >>> 24)
        };
      }
      default ->
          throw new IllegalArgumentException(
              "property " + id + " is not computed from a certificate");
    };
  }

  /**
   * The key size as smime-core describes it ({@link Certificates#keySize}, what {@code cert info}
   * shows); for a key type core does not size (0), the length of the public key bits, as Windows
   * does for unknown algorithms.
   */
  static long keyBits(X509Certificate certificate, Der.CertFields f) {
    int bits = Certificates.keySize(certificate);
    return bits > 0 ? bits : 8L * (f.keyBitsEnd() - f.keyBitsStart());
  }
}
