package io.github.smimekit.core.internal.cert;

import io.github.smimekit.core.SmimeFormatException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.jspecify.annotations.Nullable;

/** Fields of a certificate the JDK does not hand out directly. */
public final class CertificateFields {
  /** emailAddress (PKCS#9), the subject's E= attribute. */
  private static final ASN1ObjectIdentifier EMAIL_ADDRESS =
      PKCSObjectIdentifiers.pkcs_9_at_emailAddress;

  private static final int RFC822_NAME = 1;

  /**
   * The content octets of the emailAddress OID, which every encoding of it holds (X.690 8.19: no
   * subidentifier may start with 0x80, so they have one form); a name without them has no such
   * attribute and needs no parsing.
   */
  private static final byte[] EMAIL_ADDRESS_CONTENT = {
    0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x09, 0x01
  };

  private CertificateFields() {}

  /**
   * The e-mail addresses: subjectAltName rfc822Name values in order, then the subject's
   * emailAddress (E=) values in order, without case-insensitive duplicates (the first spelling
   * wins).
   */
  public static List<String> emailAddresses(X509Certificate c) {
    Map<String, String> byLower = new LinkedHashMap<>();
    for (String e : sanEmails(c)) {
      byLower.putIfAbsent(e.toLowerCase(Locale.ROOT), e);
    }
    for (String e : subjectEmails(c)) {
      byLower.putIfAbsent(e.toLowerCase(Locale.ROOT), e);
    }
    return List.copyOf(byLower.values());
  }

  /** The subjectAltName rfc822Name values, in order. */
  public static List<String> sanEmails(X509Certificate c) {
    Collection<List<?>> names;
    try {
      names = c.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new SmimeFormatException(
          "certificate " + subject(c) + ": malformed subjectAltName extension", e);
    }
    List<String> out = new ArrayList<>();
    if (names != null) {
      for (List<?> n : names) {
        if (n.size() >= 2
            && n.get(0) instanceof Integer type
            && type == RFC822_NAME
            && n.get(1) instanceof String s
            && !s.isEmpty()) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /** The subject's e-mail addresses ({@link #dnEmails}), in the order encoded. */
  public static List<String> subjectEmails(X509Certificate c) {
    byte[] encoded = c.getSubjectX500Principal().getEncoded();
    if (PemArmour.indexOf(encoded, EMAIL_ADDRESS_CONTENT, 0, encoded.length) < 0) {
      return List.of(); // no emailAddress attribute: its OID's content octets are not there
    }
    X500Name name;
    try {
      name = X500Name.getInstance(encoded);
    } catch (RuntimeException e) {
      throw new SmimeFormatException("certificate " + subject(c) + ": malformed subject name", e);
    }
    return dnEmails(name);
  }

  /**
   * The e-mail addresses of a distinguished name, in the order encoded: the values of its
   * emailAddress (E=, 1.2.840.113549.1.9.1) attributes that are ASN.1 strings and not empty. The
   * one reading of a DN's addresses: what {@code cert info} lists, what the fitness check and
   * recipient matching use, and what chain building holds against rfc822Name constraints. A value
   * of another ASN.1 type, or an empty one, is no address.
   */
  public static List<String> dnEmails(X500Name name) {
    List<String> out = new ArrayList<>();
    for (RDN rdn : name.getRDNs()) {
      for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
        if (EMAIL_ADDRESS.equals(atv.getType())) {
          ASN1Encodable v = atv.getValue();
          if (v instanceof ASN1String s && !s.getString().isEmpty()) {
            out.add(s.getString());
          }
        }
      }
    }
    return out;
  }

  /**
   * The hash algorithm OID of an RSASSA-PSS signature, from the certificate's signature parameters
   * (SHA-1 when absent, as RFC 4055 defaults), or null if the parameters are unreadable.
   */
  public static @Nullable String pssHashOid(X509Certificate c) {
    byte[] params = c.getSigAlgParams();
    try {
      RSASSAPSSparams p =
          params == null ? RSASSAPSSparams.getInstance(null) : RSASSAPSSparams.getInstance(params);
      AlgorithmIdentifier h =
          p == null ? RSASSAPSSparams.DEFAULT_HASH_ALGORITHM : p.getHashAlgorithm();
      return h.getAlgorithm().getId();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String subject(X509Certificate c) {
    return "'" + KeyDescriptions.displayName(c.getSubjectX500Principal()) + "'";
  }
}
