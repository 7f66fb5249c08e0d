package io.github.smimekit.core.internal.cert;

import io.github.smimekit.core.SmimeFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.jspecify.annotations.Nullable;

/** PKCS#7 / CMS SignedData: the certificates it carries, and certs-only writing. */
public final class Pkcs7 {
  private Pkcs7() {}

  /**
   * The DER encodings of the X.509 certificates in a ContentInfo of SignedData (or a bare
   * SignedData when {@code bare}). Other certificate choices (attribute certificates) are skipped.
   *
   * @throws SmimeFormatException if the structure is malformed or holds no certificate, or more
   *     than {@code maxCertificates}
   */
  static List<byte[]> certificates(
      byte[] b, int offset, int length, boolean bare, int maxCertificates) {
    List<byte[]> exact = definiteLengthCertificates(b, offset, length, bare);
    if (exact != null) {
      if (exact.isEmpty()) {
        throw new SmimeFormatException(
            "PKCS#7 signed data at offset " + offset + " holds no certificates", offset);
      }
      if (exact.size() > maxCertificates) {
        throw new SmimeFormatException(
            "PKCS#7 signed data at offset "
                + offset
                + " holds "
                + exact.size()
                + " certificates, more than the limit of "
                + maxCertificates,
            offset);
      }
      return exact;
    }
    return viaBouncyCastle(b, offset, length, bare, maxCertificates);
  }

  /**
   * The certificates' original bytes, cut out of a definite-length (DER) SignedData without
   * re-encoding (a certificate that is not strict DER keeps its bytes, hence its signature and
   * thumbprint); null when the structure uses indefinite lengths (BER), which Bouncy Castle reads.
   */
  private static @Nullable List<byte[]> definiteLengthCertificates(
      byte[] b, int offset, int length, boolean bare) {
    int end = offset + length;
    try {
      Der.Tlv sd;
      Der.Tlv outer = Der.header(b, offset, end);
      if (outer.indefinite()) {
        return null;
      }
      if (bare) {
        sd = outer;
      } else {
        Der.Tlv oid = Der.header(b, outer.contentOffset(), outer.end());
        Der.Tlv explicit = Der.header(b, oid.end(), outer.end());
        if (explicit.indefinite() || explicit.tag() != Der.CONTEXT_0) {
          return null;
        }
        sd = Der.header(b, explicit.contentOffset(), explicit.end());
      }
      if (sd.indefinite() || sd.tag() != Der.SEQUENCE) {
        return null;
      }
      Der.Tlv version = Der.header(b, sd.contentOffset(), sd.end());
      Der.Tlv digests = next(b, version, sd);
      Der.Tlv encap = digests == null ? null : next(b, digests, sd);
      if (version.tag() != Der.INTEGER
          || digests == null
          || digests.tag() != Der.SET
          || encap == null
          || encap.tag() != Der.SEQUENCE
          || digests.indefinite()
          || encap.indefinite()) {
        return null;
      }
      Der.Tlv certs = next(b, encap, sd);
      List<byte[]> out = new ArrayList<>();
      if (certs == null || certs.tag() != Der.CONTEXT_0) {
        return out;
      }
      if (certs.indefinite()) {
        return null;
      }
      int p = certs.contentOffset();
      while (p < certs.end()) {
        Der.Tlv c = Der.header(b, p, certs.end());
        if (c.indefinite()) {
          return null;
        }
        if (c.tag() == Der.SEQUENCE) {
          out.add(Arrays.copyOfRange(b, c.offset(), c.end()));
        }
        p = c.end();
      }
      return out;
    } catch (SmimeFormatException e) {
      throw new SmimeFormatException(
          "malformed PKCS#7 signed data at offset " + offset + ": " + e.getMessage(),
          e.offset().orElse(offset),
          e);
    }
  }

  private static Der.@Nullable Tlv next(byte[] b, Der.Tlv t, Der.Tlv parent) {
    if (t.indefinite()) {
      return null;
    }
    return t.end() < parent.end() ? Der.header(b, t.end(), parent.end()) : null;
  }

  private static List<byte[]> viaBouncyCastle(
      byte[] b, int offset, int length, boolean bare, int maxCertificates) {
    ASN1Set set;
    try (ASN1InputStream in =
        new ASN1InputStream(new ByteArrayInputStream(b, offset, length), length)) {
      ASN1Primitive p = in.readObject();
      SignedData sd;
      if (bare) {
        sd = SignedData.getInstance(p);
      } else {
        ContentInfo ci = ContentInfo.getInstance(p);
        if (!CMSObjectIdentifiers.signedData.equals(ci.getContentType())) {
          throw new SmimeFormatException(
              "PKCS#7 at offset "
                  + offset
                  + ": content type "
                  + ci.getContentType()
                  + ", not signed data",
              offset);
        }
        sd = SignedData.getInstance(ci.getContent());
      }
      set = sd.getCertificates();
    } catch (IOException | RuntimeException e) {
      if (e instanceof SmimeFormatException sfe) {
        throw sfe;
      }
      throw new SmimeFormatException(
          "malformed PKCS#7 signed data at offset "
              + offset
              + " (not the ASN.1 layout of SignedData)",
          offset,
          e);
    }
    if (set == null || set.size() == 0) {
      throw new SmimeFormatException(
          "PKCS#7 signed data at offset " + offset + " holds no certificates", offset);
    }
    if (set.size() > maxCertificates) {
      throw new SmimeFormatException(
          "PKCS#7 signed data at offset "
              + offset
              + " holds "
              + set.size()
              + " certificates, more than the limit of "
              + maxCertificates,
          offset);
    }
    List<byte[]> out = new ArrayList<>(set.size());
    try {
      for (ASN1Encodable e : set) {
        ASN1Primitive p = e.toASN1Primitive();
        if (p instanceof ASN1Sequence) {
          out.add(p.getEncoded(ASN1Encoding.DER));
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new SmimeFormatException(
          "malformed certificate in PKCS#7 signed data at offset " + offset, offset, e);
    }
    if (out.isEmpty()) {
      throw new SmimeFormatException(
          "PKCS#7 signed data at offset "
              + offset
              + " holds no X.509 certificate (only "
              + set.size()
              + " other certificate choices)",
          offset);
    }
    return out;
  }

  /**
   * A certs-only SignedData in a ContentInfo, DER, with the certificates in the given order (as
   * {@code openssl crl2pkcs7 -nocrl} and Windows write them): version 1, no digest algorithms,
   * content type data without content, no CRLs, no signers. Written by hand because a DER encoder
   * would sort the certificates (SET OF), and readers keep the order.
   */
  public static byte[] encodeCertsOnly(List<X509Certificate> certificates) {
    ByteArrayOutputStream certs = new ByteArrayOutputStream();
    for (X509Certificate c : certificates) {
      try {
        certs.writeBytes(c.getEncoded());
      } catch (CertificateEncodingException e) {
        throw new IllegalArgumentException(
            "certificate cannot be encoded: " + c.getSubjectX500Principal(), e);
      }
    }
    ByteArrayOutputStream sd = new ByteArrayOutputStream();
    sd.writeBytes(new byte[] {0x02, 0x01, 0x01}); // version 1
    sd.writeBytes(new byte[] {0x31, 0x00}); // digestAlgorithms: none
    sd.writeBytes(tlv(0x30, tlv(0x06, DATA))); // encapContentInfo: data, no content
    sd.writeBytes(tlv(0xa0, certs.toByteArray())); // [0] IMPLICIT certificates
    sd.writeBytes(new byte[] {0x31, 0x00}); // signerInfos: none
    ByteArrayOutputStream ci = new ByteArrayOutputStream();
    ci.writeBytes(tlv(0x06, SIGNED_DATA));
    ci.writeBytes(tlv(0xa0, tlv(0x30, sd.toByteArray())));
    return tlv(0x30, ci.toByteArray());
  }

  private static final byte[] SIGNED_DATA = {
    0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x07, 0x02
  };
  private static final byte[] DATA = {
    0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x07, 0x01
  };

  /** One DER element: tag, definite length (minimal form), content. */
  private static byte[] tlv(int tag, byte[] content) {
    int n = content.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream(n + 6);
    out.write(tag);
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(n >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
