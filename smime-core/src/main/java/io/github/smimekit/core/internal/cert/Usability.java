package io.github.smimekit.core.internal.cert;

import io.github.smimekit.core.SmimeFormatException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The line between a certificate {@code Certificates.read} returns and one it refuses, for
 * certificates only Bouncy Castle's parser accepts (the JDK's accepts nothing whose fields it
 * cannot decode). Such a certificate is returned only if every accessor the library and its callers
 * use works: names, validity, serial, encoding, extensions and, above all, {@code getPublicKey()},
 * which Bouncy Castle decodes lazily and which throws or returns null for a key that cannot be
 * decoded (an EC point in compressed form that is not on its curve, an unknown named curve,
 * explicit curve parameters the point does not fit, RSA key bits that are not an RSAPublicKey, a
 * key of an unknown algorithm). Keys that decode but are unusable are left to the fitness check.
 */
final class Usability {
  private Usability() {}

  /**
   * Checks that {@code c}, decoded from {@code b[offset, offset + length)}, can be used by every
   * other API call.
   *
   * @throws SmimeFormatException naming the field that cannot be decoded
   */
  static void check(
      X509Certificate c, byte[] b, int offset, int length, String where, long inputOffset) {
    String field = "encoding";
    try {
      c.getEncoded();
      field = "serial number";
      c.getSerialNumber();
      field = "subject name";
      c.getSubjectX500Principal().getEncoded();
      field = "issuer name";
      c.getIssuerX500Principal().getEncoded();
      field = "validity";
      c.getNotBefore();
      c.getNotAfter();
      field = "signature algorithm";
      c.getSigAlgOID();
      c.getSigAlgName();
      c.getSigAlgParams();
      c.getSignature();
      field = "to-be-signed part";
      c.getTBSCertificate();
      field = "extensions";
      Set<String> critical = c.getCriticalExtensionOIDs();
      Set<String> other = c.getNonCriticalExtensionOIDs();
      for (Set<String> oids : List.of(nonNull(critical), nonNull(other))) {
        for (String oid : oids) {
          c.getExtensionValue(oid);
        }
      }
      field = "key usage extension";
      c.getKeyUsage();
      field = "basic constraints extension";
      c.getBasicConstraints();
      field = "extended key usage extension";
      tolerateParsingException(() -> c.getExtendedKeyUsage());
      field = "subject alternative name extension";
      tolerateParsingException(() -> c.getSubjectAlternativeNames());
      field = "issuer alternative name extension";
      tolerateParsingException(() -> c.getIssuerAlternativeNames());
      field = "identifiers";
      c.getSubjectUniqueID();
      c.getIssuerUniqueID();
      int unusedHash = c.hashCode();
    } catch (CertificateException | RuntimeException e) {
      throw new SmimeFormatException(
          where + ": its " + field + " cannot be decoded", inputOffset, e);
    }
    PublicKey key;
    try {
      key = c.getPublicKey();
    } catch (RuntimeException e) {
      throw new SmimeFormatException(
          where + ": its public key (" + describeKey(b, offset, length) + ") cannot be decoded",
          inputOffset,
          e);
    }
    if (key == null) {
      throw new SmimeFormatException(
          where
              + ": its public key ("
              + describeKey(b, offset, length)
              + ") is of an algorithm no provider decodes",
          inputOffset);
    }
  }

  private static Set<String> nonNull(Set<String> s) {
    return s == null ? Set.of() : s;
  }

  private interface Accessor {
    Object get() throws CertificateException;
  }

  /** Runs {@code a}: its checked exception is what callers handle; a runtime one is a defect. */
  private static void tolerateParsingException(Accessor a) {
    try {
      a.get();
    } catch (CertificateException e) {
      // reported by the caller that needs the extension (summarize, fitness) as a format error
    }
  }

  /** "algorithm 1.2.840.10045.2.1, named curve 1.2.3.4" and the like, for messages. */
  static String describeKey(byte[] b, int offset, int length) {
    try {
      byte[] der = new byte[length];
      System.arraycopy(b, offset, der, 0, length);
      SubjectPublicKeyInfo spki = Certificate.getInstance(der).getSubjectPublicKeyInfo();
      String s = "algorithm " + spki.getAlgorithm().getAlgorithm().getId();
      ASN1Encodable p = spki.getAlgorithm().getParameters();
      if (p instanceof ASN1ObjectIdentifier oid) {
        s += ", parameters " + oid.getId();
      } else if (p != null && !(p instanceof ASN1Null)) {
        s += ", explicit parameters";
      }
      return s;
    } catch (RuntimeException e) {
      return "algorithm unknown";
    }
  }
}
