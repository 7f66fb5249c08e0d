package io.github.smimekit.testing.internal;

import io.github.smimekit.testing.KeyUsageBit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.operator.ContentSigner;
import org.jspecify.annotations.Nullable;

/** Encodes and signs certificates and CRLs from resolved specs. */
public final class CertMaker {
  private static final String BC = Extension.basicConstraints.getId();
  private static final String KU = Extension.keyUsage.getId();
  private static final String EKU = Extension.extendedKeyUsage.getId();
  private static final String SAN = Extension.subjectAlternativeName.getId();
  private static final String NC = Extension.nameConstraints.getId();
  private static final String SKI = Extension.subjectKeyIdentifier.getId();
  private static final String AKI = Extension.authorityKeyIdentifier.getId();

  /** Marker in {@link CertSpec#inherit} for non-standard template extensions. */
  public static final String OTHER = "other";

  private CertMaker() {}

  /** Builds the X.500 name DER for an RFC 4514 string (left-most RDN = last in DER). */
  public static byte[] nameDer(String rfc4514, @Nullable String email) {
    X500Name parsed;
    try {
      parsed = new X500Name(BCStyle.INSTANCE, rfc4514);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("bad distinguished name: " + rfc4514, e);
    }
    RDN[] rdns = parsed.getRDNs();
    List<RDN> reversed = new ArrayList<>();
    for (int i = rdns.length - 1; i >= 0; i--) {
      reversed.add(rdns[i]);
    }
    if (email != null) {
      X500Name e = new X500Name(BCStyle.INSTANCE, "E=" + escape(email));
      reversed.add(e.getRDNs()[0]);
    }
    return encode(new X500Name(reversed.toArray(new RDN[0])));
  }

  /**
   * The DER of an authorityInfoAccess extension value holding one caIssuers access description per
   * URL (RFC 5280 section 4.2.2.1), in order.
   *
   * @param urls the URLs, any scheme
   * @return the extnValue contents
   */
  public static byte[] caIssuersDer(List<String> urls) {
    ASN1EncodableVector v = new ASN1EncodableVector();
    for (String url : urls) {
      v.add(
          new org.bouncycastle.asn1.x509.AccessDescription(
              org.bouncycastle.asn1.x509.AccessDescription.id_ad_caIssuers,
              new GeneralName(GeneralName.uniformResourceIdentifier, url)));
    }
    try {
      return new DERSequence(v).getEncoded(ASN1Encoding.DER);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot encode authorityInfoAccess", e);
    }
  }

  /** Escapes an attribute value for an RFC 4514 string. */
  public static String escape(String value) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (",+\"\\<>;=#".indexOf(c) >= 0 || (c == ' ' && (i == 0 || i == value.length() - 1))) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** SHA-1 of the subjectPublicKey bits (RFC 5280 4.2.1.2 method 1). */
  public static byte[] keyId(SubjectPublicKeyInfo spki) {
    byte[] bits = spki.getPublicKeyData().getBytes();
    SHA1Digest d = new SHA1Digest();
    d.update(bits, 0, bits.length);
    byte[] out = new byte[20];
    d.doFinal(out, 0);
    return out;
  }

  /** The issuer's key identifier: its SKI extension if present, else computed. */
  public static byte[] issuerKeyId(X509Certificate issuer) {
    byte[] ext = issuer.getExtensionValue(SKI);
    if (ext != null) {
      ASN1OctetString outer = ASN1OctetString.getInstance(ext);
      return SubjectKeyIdentifier.getInstance(outer.getOctets()).getKeyIdentifier();
    }
    return keyId(SubjectPublicKeyInfo.getInstance(issuer.getPublicKey().getEncoded()));
  }

  /** Makes the certificate DER. */
  @SuppressWarnings("JavaUtilDate") // the Bouncy Castle builders take Date
  public static byte[] make(CertSpec s) {
    try {
      X500Name subject =
          X500Name.getInstance(
              s.subjectDer != null
                  ? s.subjectDer
                  : nameDer(Objects.requireNonNull(s.subject), s.subjectEmail));
      X500Name issuer =
          s.issuerCertificate == null
              ? subject
              : X500Name.getInstance(s.issuerCertificate.getSubjectX500Principal().getEncoded());
      KeyHolder signingKey = s.issuerKey == null ? s.key : s.issuerKey;
      X509v3CertificateBuilder b =
          new X509v3CertificateBuilder(
              issuer,
              s.serial,
              Date.from(s.notBefore),
              Date.from(s.notAfter),
              subject,
              s.key.subjectPublicKeyInfo());
      for (Extension e : extensions(s).values()) {
        b.addExtension(e);
      }
      ContentSigner signer =
          Signers.contentSigner(
              s.signatureAlgorithm,
              signingKey.privateParameters(),
              new DeterministicRandom(s.seed, "sig|" + s.label));
      X509CertificateHolder holder = b.build(signer);
      return holder.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode certificate", e);
    }
  }

  private static Map<String, Extension> extensions(CertSpec s) throws IOException {
    Map<String, Extension> out = new LinkedHashMap<>();
    Extensions tpl = null;
    if (s.template != null) {
      try {
        tpl = new X509CertificateHolder(s.template.getEncoded()).getExtensions();
      } catch (CertificateException e) {
        throw new IOException(e);
      }
    }
    // basic constraints
    if (s.inherit.contains(BC)) {
      copy(tpl, BC, out);
    } else if (s.ca != null) {
      BasicConstraints bc =
          s.ca && s.pathLength != null
              ? new BasicConstraints(s.pathLength)
              : new BasicConstraints(s.ca);
      out.put(BC, new Extension(Extension.basicConstraints, true, bc.getEncoded(ASN1Encoding.DER)));
    }
    if (s.inherit.contains(KU)) {
      copy(tpl, KU, out);
    } else if (s.keyUsage != null) {
      int bits = 0;
      for (KeyUsageBit bit : s.keyUsage) {
        bits |= kuFlag(bit);
      }
      out.put(KU, new Extension(Extension.keyUsage, true, new KeyUsage(bits).getEncoded()));
    }
    if (s.inherit.contains(EKU)) {
      copy(tpl, EKU, out);
    } else if (s.extendedKeyUsage != null) {
      ASN1EncodableVector v = new ASN1EncodableVector();
      for (String oid : s.extendedKeyUsage) {
        v.add(KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid)));
      }
      out.put(
          EKU,
          new Extension(
              Extension.extendedKeyUsage, false, new DERSequence(v).getEncoded(ASN1Encoding.DER)));
    }
    if (s.inherit.contains(SAN)) {
      copy(tpl, SAN, out);
    } else if (s.emails != null && !s.emails.isEmpty()) {
      GeneralName[] names = new GeneralName[s.emails.size()];
      for (int i = 0; i < names.length; i++) {
        names[i] = new GeneralName(GeneralName.rfc822Name, s.emails.get(i));
      }
      out.put(
          SAN,
          new Extension(
              Extension.subjectAlternativeName,
              false,
              new GeneralNames(names).getEncoded(ASN1Encoding.DER)));
    }
    if (s.inherit.contains(NC)) {
      copy(tpl, NC, out);
    } else if (s.permitted != null || s.excluded != null) {
      NameConstraints nc = new NameConstraints(subtrees(s.permitted), subtrees(s.excluded));
      out.put(NC, new Extension(Extension.nameConstraints, true, nc.getEncoded(ASN1Encoding.DER)));
    }
    if (s.subjectKeyIdentifier) {
      out.put(
          SKI,
          new Extension(
              Extension.subjectKeyIdentifier,
              false,
              new SubjectKeyIdentifier(keyId(s.key.subjectPublicKeyInfo()))
                  .getEncoded(ASN1Encoding.DER)));
    }
    if (s.authorityKeyIdentifier) {
      byte[] id;
      if (s.authorityKeyId != null) {
        id = s.authorityKeyId;
      } else if (s.issuerCertificate != null) {
        id = issuerKeyId(s.issuerCertificate);
      } else {
        id = keyId(s.key.subjectPublicKeyInfo());
      }
      out.put(
          AKI,
          new Extension(
              Extension.authorityKeyIdentifier,
              false,
              new AuthorityKeyIdentifier(id).getEncoded(ASN1Encoding.DER)));
    }
    if (tpl != null && s.inherit.contains(OTHER)) {
      for (ASN1ObjectIdentifier oid : tpl.getExtensionOIDs()) {
        String id = oid.getId();
        if (!Set.of(BC, KU, EKU, SAN, NC, SKI, AKI).contains(id)) {
          out.put(id, tpl.getExtension(oid));
        }
      }
    }
    for (CertSpec.RawExtension e : s.extensions) {
      out.put(e.oid, new Extension(new ASN1ObjectIdentifier(e.oid), e.critical, e.value.clone()));
    }
    return out;
  }

  private static void copy(@Nullable Extensions tpl, String oid, Map<String, Extension> out) {
    if (tpl != null) {
      Extension e = tpl.getExtension(new ASN1ObjectIdentifier(oid));
      if (e != null) {
        out.put(oid, e);
      }
    }
  }

  private static GeneralSubtree @Nullable [] subtrees(@Nullable List<String> names) {
    if (names == null || names.isEmpty()) {
      return null;
    }
    GeneralSubtree[] out = new GeneralSubtree[names.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new GeneralSubtree(generalName(names.get(i)));
    }
    return out;
  }

  /**
   * A name-constraint base: "dns:x" = dNSName, "rfc822:x"/"email:x" = rfc822Name, "dn:x" =
   * directoryName; without prefix rfc822Name.
   */
  public static GeneralName generalName(String form) {
    String lower = form.toLowerCase(Locale.ROOT);
    if (lower.startsWith("dns:")) {
      return new GeneralName(GeneralName.dNSName, form.substring(4));
    } else if (lower.startsWith("rfc822:")) {
      return new GeneralName(GeneralName.rfc822Name, form.substring(7));
    } else if (lower.startsWith("email:")) {
      return new GeneralName(GeneralName.rfc822Name, form.substring(6));
    } else if (lower.startsWith("dn:")) {
      return new GeneralName(X500Name.getInstance(nameDer(form.substring(3), null)));
    }
    return new GeneralName(GeneralName.rfc822Name, form);
  }

  private static int kuFlag(KeyUsageBit bit) {
    return switch (bit) {
      case DIGITAL_SIGNATURE -> KeyUsage.digitalSignature;
      case NON_REPUDIATION -> KeyUsage.nonRepudiation;
      case KEY_ENCIPHERMENT -> KeyUsage.keyEncipherment;
      case DATA_ENCIPHERMENT -> KeyUsage.dataEncipherment;
      case KEY_AGREEMENT -> KeyUsage.keyAgreement;
      case KEY_CERT_SIGN -> KeyUsage.keyCertSign;
      case CRL_SIGN -> KeyUsage.cRLSign;
      case ENCIPHER_ONLY -> KeyUsage.encipherOnly;
      case DECIPHER_ONLY -> KeyUsage.decipherOnly;
    };
  }

  /** Makes a CRL DER signed by the issuer. */
  @SuppressWarnings("JavaUtilDate") // the Bouncy Castle builders take Date
  public static byte[] makeCrl(
      X509Certificate issuerCert,
      KeyHolder issuerKey,
      Instant thisUpdate,
      @Nullable Instant nextUpdate,
      List<BigInteger> revoked,
      Instant revocationDate,
      BigInteger crlNumber,
      String signatureAlgorithm,
      long seed,
      String label) {
    try {
      X500Name issuer = X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded());
      X509v2CRLBuilder b = new X509v2CRLBuilder(issuer, Date.from(thisUpdate));
      if (nextUpdate != null) {
        b.setNextUpdate(Date.from(nextUpdate));
      }
      for (BigInteger serial : revoked) {
        b.addCRLEntry(serial, Date.from(revocationDate), CRLReason.keyCompromise);
      }
      b.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new AuthorityKeyIdentifier(issuerKeyId(issuerCert)));
      b.addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber));
      ContentSigner signer =
          Signers.contentSigner(
              signatureAlgorithm,
              issuerKey.privateParameters(),
              new DeterministicRandom(seed, "crlsig|" + label));
      X509CRLHolder holder = b.build(signer);
      return holder.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode crl", e);
    }
  }

  /** Parses DER with the JDK certificate factory. */
  public static X509Certificate parseCertificate(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new IllegalStateException("jdk cannot parse generated certificate", e);
    }
  }

  /** Parses CRL DER with the JDK certificate factory. */
  public static X509CRL parseCrl(byte[] der) {
    try {
      return (X509CRL)
          CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    } catch (CertificateException | CRLException e) {
      throw new IllegalStateException("jdk cannot parse generated crl", e);
    }
  }

  private static byte[] encode(X500Name name) {
    try {
      return name.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode name", e);
    }
  }
}
