package io.github.smimekit.cli;

import io.github.smimekit.core.Certificates;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The fields {@code cert info} shows for a certificate, in JSON order. */
final class CertificateView {
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
          Map.entry("1.3.6.1.4.1.311.20.2.2", "smartcardLogon"),
          Map.entry("1.3.6.1.4.1.311.10.3.12", "documentSigning"));

  private CertificateView() {}

  /** The {@code cert info} fields of {@code cert}. */
  static Map<String, Object> of(X509Certificate cert) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("subject", Names.subject(cert));
    m.put("issuer", Names.issuer(cert));
    m.put("serial", cert.getSerialNumber().toString(16).toUpperCase(Locale.ROOT));
    m.put("notBefore", iso(cert.getNotBefore().toInstant()));
    m.put("notAfter", iso(cert.getNotAfter().toInstant()));
    m.put("sha1", Certificates.sha1Thumbprint(cert));
    m.put("sha256", Certificates.sha256Thumbprint(cert));
    m.put("emails", Certificates.emailAddresses(cert));
    m.put("keyAlgorithm", keyAlgorithm(cert.getPublicKey()));
    m.put("keySize", keySize(cert.getPublicKey()));
    m.put("keyUsage", keyUsage(cert));
    m.put("extendedKeyUsage", extendedKeyUsage(cert));
    return m;
  }

  static String iso(Instant instant) {
    return instant.toString();
  }

  static String keyAlgorithm(PublicKey key) {
    if (key instanceof EdECPublicKey ed) {
      return ed.getParams().getName();
    }
    return key.getAlgorithm();
  }

  /** Key size in bits: RSA modulus, EC field size, DSA prime; 256 for Ed25519, 456 for Ed448. */
  static int keySize(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return rsa.getModulus().bitLength();
    }
    if (key instanceof ECPublicKey ec) {
      return ec.getParams().getCurve().getField().getFieldSize();
    }
    if (key instanceof DSAPublicKey dsa) {
      return dsa.getParams().getP().bitLength();
    }
    if (key instanceof EdECPublicKey ed) {
      return ed.getParams().getName().equals("Ed448") ? 456 : 256;
    }
    return 0;
  }

  /** The key usage bits that are set, by name; empty when the extension is absent. */
  static List<String> keyUsage(X509Certificate cert) {
    boolean[] bits = cert.getKeyUsage();
    List<String> names = new ArrayList<>();
    if (bits != null) {
      for (int i = 0; i < bits.length && i < KEY_USAGE_NAMES.length; i++) {
        if (bits[i]) {
          names.add(KEY_USAGE_NAMES[i]);
        }
      }
    }
    return names;
  }

  /** Extended key usages by name where known, else by OID; empty when the extension is absent. */
  static List<String> extendedKeyUsage(X509Certificate cert) {
    try {
      List<String> oids = cert.getExtendedKeyUsage();
      List<String> names = new ArrayList<>();
      if (oids != null) {
        for (String oid : oids) {
          names.add(EKU_NAMES.getOrDefault(oid, oid));
        }
      }
      return names;
    } catch (CertificateParsingException e) {
      return List.of("(malformed extendedKeyUsage)");
    }
  }
}
