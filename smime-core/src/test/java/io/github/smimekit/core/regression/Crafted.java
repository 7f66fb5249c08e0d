package io.github.smimekit.core.regression;

import io.github.smimekit.testing.TestCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/**
 * Crafted certificates for the regression tests of untrusted input, built at test time: a template
 * certificate from {@code TestPki} with one field of its TBSCertificate replaced and re-signed by
 * the template's issuer, so only the crafted field is wrong.
 */
final class Crafted {
  /** Index of the fields in a v3 TBSCertificate. */
  static final int ISSUER = 3;

  static final int SUBJECT_PUBLIC_KEY_INFO = 6;

  private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");

  private Crafted() {}

  /** {@code template} with TBS field {@code index} replaced, signed by {@code issuer}'s key. */
  static byte[] replace(
      TestCertificate template, TestCertificate issuer, int index, ASN1Encodable v) {
    return replace(template.der(), template.certificate(), issuer, index, v);
  }

  /**
   * The certificate {@code der} with TBS field {@code index} replaced, signed by {@code issuer}.
   */
  static byte[] replace(
      byte[] der, X509Certificate template, TestCertificate issuer, int index, ASN1Encodable v) {
    try {
      Certificate cert = Certificate.getInstance(der);
      ASN1Sequence tbs = ASN1Sequence.getInstance(cert.getTBSCertificate().toASN1Primitive());
      ASN1EncodableVector fields = new ASN1EncodableVector();
      for (int i = 0; i < tbs.size(); i++) {
        fields.add(i == index ? v : tbs.getObjectAt(i));
      }
      byte[] newTbs = new DERSequence(fields).getEncoded(ASN1Encoding.DER);
      return sign(newTbs, cert.getSignatureAlgorithm(), template, issuer.privateKey());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A certificate of raw TBS bytes (which may be nested beyond what a parser handles). */
  static byte[] sign(
      byte[] tbs, AlgorithmIdentifier sigAlg, X509Certificate template, PrivateKey key) {
    try {
      Signature s = Signature.getInstance(template.getSigAlgName());
      s.initSign(key);
      s.update(tbs);
      byte[] sig = s.sign();
      return tlv(
          0x30,
          tbs,
          sigAlg.getEncoded(ASN1Encoding.DER),
          new DERBitString(sig).getEncoded(ASN1Encoding.DER));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A TBSCertificate of {@code template} with the raw bytes {@code issuer} as its issuer name. */
  static byte[] tbsWithRawIssuer(TestCertificate template, byte[] issuer) {
    try {
      Certificate cert = Certificate.getInstance(template.der());
      ASN1Sequence tbs = ASN1Sequence.getInstance(cert.getTBSCertificate().toASN1Primitive());
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      for (int i = 0; i < tbs.size(); i++) {
        content.write(i == ISSUER ? issuer : tbs.getObjectAt(i).toASN1Primitive().getEncoded());
      }
      return tlv(0x30, content.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An empty name (an empty SEQUENCE). */
  static X500Name emptyName() {
    return new X500Name(new RDN[0]);
  }

  static SubjectPublicKeyInfo ecNamed(ASN1ObjectIdentifier curve, byte[] point) {
    return new SubjectPublicKeyInfo(
        new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), point);
  }

  static SubjectPublicKeyInfo ecExplicitP256(byte[] point) {
    return new SubjectPublicKeyInfo(
        new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, new X962Parameters(P256)),
        point);
  }

  static SubjectPublicKeyInfo rsa(BigInteger modulus, BigInteger exponent) {
    try {
      return new SubjectPublicKeyInfo(
          new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
          new DERSequence(
              new ASN1Encodable[] {new ASN1Integer(modulus), new ASN1Integer(exponent)}));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SubjectPublicKeyInfo rsaRawBits(byte[] bits) {
    return new SubjectPublicKeyInfo(
        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), bits);
  }

  static SubjectPublicKeyInfo unknownAlgorithm() {
    return new SubjectPublicKeyInfo(
        new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1.2")),
        new byte[] {1, 2, 3, 4});
  }

  static ASN1ObjectIdentifier p256() {
    return SECObjectIdentifiers.secp256r1;
  }

  /** A compressed P-256 point (0x02 || x) whose x has no y on the curve. */
  static byte[] compressedOffCurve() {
    BigInteger p = P256.getCurve().getField().getCharacteristic();
    BigInteger a = P256.getCurve().getA().toBigInteger();
    BigInteger b = P256.getCurve().getB().toBigInteger();
    for (BigInteger x = BigInteger.valueOf(5); ; x = x.add(BigInteger.ONE)) {
      BigInteger rhs = x.pow(3).add(a.multiply(x)).add(b).mod(p);
      // Euler's criterion: rhs^((p-1)/2) == p-1 means no square root
      if (rhs.modPow(p.subtract(BigInteger.ONE).shiftRight(1), p)
          .equals(p.subtract(BigInteger.ONE))) {
        byte[] out = new byte[33];
        out[0] = 0x02;
        byte[] xb = unsigned(x, 32);
        System.arraycopy(xb, 0, out, 1, 32);
        return out;
      }
    }
  }

  /** An uncompressed point (0x04 || x || y+1) off the curve, from a real P-256 key. */
  static byte[] uncompressedOffCurve(ECPublicKey real) {
    byte[] out = new byte[65];
    out[0] = 0x04;
    System.arraycopy(unsigned(real.getW().getAffineX(), 32), 0, out, 1, 32);
    System.arraycopy(unsigned(real.getW().getAffineY().add(BigInteger.ONE), 32), 0, out, 33, 32);
    return out;
  }

  /** The uncompressed encoding of a real P-256 key's point. */
  static byte[] uncompressed(ECPublicKey real) {
    byte[] out = new byte[65];
    out[0] = 0x04;
    System.arraycopy(unsigned(real.getW().getAffineX(), 32), 0, out, 1, 32);
    System.arraycopy(unsigned(real.getW().getAffineY(), 32), 0, out, 33, 32);
    return out;
  }

  private static byte[] unsigned(BigInteger v, int len) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[len];
    int n = Math.min(raw.length, len);
    System.arraycopy(raw, raw.length - n, out, len - n, n);
    return out;
  }

  /** BER: {@code depth} nested indefinite-length SEQUENCEs around a NULL. */
  static byte[] deepIndefinite(int depth) {
    byte[] out = new byte[depth * 4 + 2];
    int p = 0;
    for (int i = 0; i < depth; i++) {
      out[p++] = 0x30;
      out[p++] = (byte) 0x80;
    }
    out[p++] = 0x05;
    out[p++] = 0x00;
    for (int i = 0; i < depth; i++) {
      out[p++] = 0;
      out[p++] = 0;
    }
    return out;
  }

  /** DER: {@code depth} nested definite-length SEQUENCEs around a NULL. */
  static byte[] deepDefinite(int depth) {
    byte[] inner = {0x05, 0x00};
    for (int i = 0; i < depth; i++) {
      inner = tlv(0x30, inner);
    }
    return inner;
  }

  /** An issuer Name whose one attribute value is {@code value}. */
  static byte[] nameWithValue(byte[] value) {
    byte[] cn = {0x06, 0x03, 0x55, 0x04, 0x03};
    return tlv(0x30, tlv(0x31, tlv(0x30, cn, value)));
  }

  /** One TLV with a definite length. */
  static byte[] tlv(int tag, byte[]... contents) {
    ByteArrayOutputStream c = new ByteArrayOutputStream();
    for (byte[] b : contents) {
      c.writeBytes(b);
    }
    byte[] body = c.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 6);
    out.write(tag);
    int n = body.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else if (n < 0x10000) {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n);
    } else {
      out.write(0x83);
      out.write(n >> 16);
      out.write(n >> 8);
      out.write(n);
    }
    out.writeBytes(body);
    return out.toByteArray();
  }
}
