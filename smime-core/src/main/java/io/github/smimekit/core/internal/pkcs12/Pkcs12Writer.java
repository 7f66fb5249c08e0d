package io.github.smimekit.core.internal.pkcs12;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Password;
import io.github.smimekit.core.Pkcs12Protection;
import io.github.smimekit.core.SmimeException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.AuthenticatedSafe;
import org.bouncycastle.asn1.pkcs.CertBag;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.SafeBag;
import org.jspecify.annotations.Nullable;

/**
 * Writes a PKCS#12 file the way OpenSSL 3 lays it out: an encrypted safe with the certificates
 * (leaf first, with friendly name and local key id), a plain safe with the shrouded key bag (same
 * attributes), and a MAC. Deterministic for a given {@link SecureRandom}.
 */
public final class Pkcs12Writer {
  /** Iterations of {@link Pkcs12Protection#MODERN} (as OpenSSL 3). */
  public static final int MODERN_ITERATIONS = 2048;

  /** Iterations of {@link Pkcs12Protection#WINDOWS_LEGACY} (as Windows). */
  public static final int LEGACY_ITERATIONS = 2000;

  private static final ASN1ObjectIdentifier DATA = new ASN1ObjectIdentifier("1.2.840.113549.1.7.1");
  private static final ASN1ObjectIdentifier ENCRYPTED_DATA =
      new ASN1ObjectIdentifier("1.2.840.113549.1.7.6");
  private static final ASN1ObjectIdentifier SHROUDED_KEY_BAG =
      new ASN1ObjectIdentifier("1.2.840.113549.1.12.10.1.2");
  private static final ASN1ObjectIdentifier CERT_BAG =
      new ASN1ObjectIdentifier("1.2.840.113549.1.12.10.1.3");
  private static final ASN1ObjectIdentifier X509_CERTIFICATE =
      new ASN1ObjectIdentifier("1.2.840.113549.1.9.22.1");
  private static final ASN1ObjectIdentifier FRIENDLY_NAME =
      new ASN1ObjectIdentifier("1.2.840.113549.1.9.20");
  private static final ASN1ObjectIdentifier LOCAL_KEY_ID =
      new ASN1ObjectIdentifier("1.2.840.113549.1.9.21");

  private Pkcs12Writer() {}

  /** Writes key, certificate and chain. */
  public static Bytes write(
      PrivateKey key,
      X509Certificate certificate,
      List<X509Certificate> chain,
      @Nullable String friendlyName,
      Password password,
      Pkcs12Protection protection,
      SecureRandom random) {
    byte[] keyDer = key.getEncoded();
    if (keyDer == null) {
      throw new IllegalArgumentException(
          "private key cannot be exported (no pkcs#8 encoding): " + key.getAlgorithm());
    }
    try (Secrets secrets = new Secrets(password)) {
      byte[] leafDer = certificate.getEncoded();
      byte[] localKeyId = MessageDigest.getInstance("SHA-1").digest(leafDer);
      ASN1EncodableVector attrs = new ASN1EncodableVector();
      if (friendlyName != null) {
        attrs.add(new Attribute(FRIENDLY_NAME, new DERSet(new DERBMPString(friendlyName))));
      }
      attrs.add(new Attribute(LOCAL_KEY_ID, new DERSet(new DEROctetString(localKeyId))));
      DERSet attributes = new DERSet(attrs);

      List<ASN1Encodable> certBags = new ArrayList<>();
      certBags.add(certBag(leafDer, attributes));
      for (X509Certificate c : chain) {
        if (!c.equals(certificate)) {
          certBags.add(certBag(c.getEncoded(), null));
        }
      }
      boolean modern = protection == Pkcs12Protection.MODERN;
      int iterations = modern ? MODERN_ITERATIONS : LEGACY_ITERATIONS;

      byte[] certSafe =
          new DERSequence(certBags.toArray(new ASN1Encodable[0])).getEncoded(ASN1Encoding.DER);
      Pbe.Encrypted certs = encrypt(modern, secrets, certSafe, iterations, random);
      ContentInfo certInfo =
          new ContentInfo(
              ENCRYPTED_DATA,
              new EncryptedData(DATA, certs.algorithm, new DEROctetString(certs.ciphertext)));

      Pbe.Encrypted shrouded = encrypt(modern, secrets, keyDer, iterations, random);
      SafeBag keyBag =
          new SafeBag(
              SHROUDED_KEY_BAG,
              new EncryptedPrivateKeyInfo(shrouded.algorithm, shrouded.ciphertext),
              attributes);
      ContentInfo keyInfo =
          new ContentInfo(
              DATA, new DEROctetString(new DERSequence(keyBag).getEncoded(ASN1Encoding.DER)));

      byte[] authSafe =
          new AuthenticatedSafe(new ContentInfo[] {certInfo, keyInfo}).getEncoded(ASN1Encoding.DER);
      MacData mac =
          MacCheck.compute(
              modern ? Algorithms.SHA256 : Algorithms.SHA1,
              secrets.bmp(0),
              authSafe,
              iterations,
              modern ? 16 : 8,
              random);
      Pfx pfx = new Pfx(new ContentInfo(DATA, new DEROctetString(authSafe)), mac);
      return Bytes.copyOf(pfx.getEncoded(ASN1Encoding.DER));
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required in every JDK", e);
    } catch (IOException | GeneralSecurityException e) {
      throw new SmimeException(
          "PKCS#12: cannot write the file (the key or a certificate cannot be encoded)", e);
    } finally {
      Arrays.fill(keyDer, (byte) 0);
    }
  }

  private static Pbe.Encrypted encrypt(
      boolean modern, Secrets secrets, byte[] data, int iterations, SecureRandom random)
      throws GeneralSecurityException {
    return modern
        ? Pbe.encryptModern(secrets.utf8(), data, iterations, random)
        : Pbe.encryptLegacy(secrets.bmp(0), data, iterations, random);
  }

  private static SafeBag certBag(byte[] der, @Nullable DERSet attributes) {
    CertBag bag = new CertBag(X509_CERTIFICATE, new DEROctetString(der));
    return attributes == null ? new SafeBag(CERT_BAG, bag) : new SafeBag(CERT_BAG, bag, attributes);
  }
}
