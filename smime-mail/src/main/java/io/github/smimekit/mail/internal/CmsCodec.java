package io.github.smimekit.mail.internal;

import io.github.smimekit.core.SmimeException;
import io.github.smimekit.core.UnsupportedAlgorithmException;
import io.github.smimekit.mail.EncryptionAlgorithm;
import io.github.smimekit.mail.SigningAlgorithm;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.smime.SMIMECapabilitiesAttribute;
import org.bouncycastle.asn1.smime.SMIMECapability;
import org.bouncycastle.asn1.smime.SMIMECapabilityVector;
import org.bouncycastle.asn1.smime.SMIMEEncryptionKeyPreferenceAttribute;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** Makes the CMS structures of a test message: SignedData and EnvelopedData (RFC 5652, 8551). */
final class CmsCodec {
  private CmsCodec() {}

  /**
   * Signs {@code content} (the MIME entity bytes) with the signed attributes Outlook on the web
   * adds: contentType, signingTime (from the clock), messageDigest, SMIMECapabilities and
   * SMIMEEncryptionKeyPreference; the signing certificate is included.
   */
  static byte[] sign(
      byte[] content,
      PrivateKey key,
      X509Certificate signer,
      SigningAlgorithm digest,
      List<EncryptionAlgorithm> capabilities,
      Instant signingTime,
      boolean encapsulate) {
    String keyAlgorithm = key.getAlgorithm();
    String signature;
    if (keyAlgorithm.equals("RSA")) {
      signature = digest.jcaName() + "withRSA";
    } else if (keyAlgorithm.equals("EC")) {
      if (digest == SigningAlgorithm.MD5) {
        throw new UnsupportedAlgorithmException(
            "the configured digest MD5 cannot sign with the sender's EC key", "MD5withECDSA");
      }
      signature = digest.jcaName() + "withECDSA";
    } else {
      throw new UnsupportedAlgorithmException(
          "the sender's "
              + keyAlgorithm
              + " key cannot sign an S/MIME message as Outlook on the web does",
          keyAlgorithm);
    }
    try {
      ContentSigner contentSigner =
          new JcaContentSignerBuilder(signature).setProvider(Bc.provider()).build(key);
      ASN1EncodableVector attributes = new ASN1EncodableVector();
      attributes.add(
          new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(signingTime)))));
      attributes.add(new SMIMECapabilitiesAttribute(capabilityVector(capabilities)));
      attributes.add(
          new SMIMEEncryptionKeyPreferenceAttribute(
              new IssuerAndSerialNumber(
                  X500Name.getInstance(signer.getIssuerX500Principal().getEncoded()),
                  signer.getSerialNumber())));
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(
                  new JcaDigestCalculatorProviderBuilder().setProvider(Bc.provider()).build())
              .setSignedAttributeGenerator(
                  new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
              .build(contentSigner, signer));
      generator.addCertificates(new JcaCertStore(List.of(signer)));
      CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content), encapsulate);
      return signed.getEncoded();
    } catch (OperatorCreationException
        | CMSException
        | IOException
        | CertificateEncodingException e) {
      throw new SmimeException("signing with " + signature + " failed", e);
    }
  }

  /** Encrypts {@code content} for every certificate: RSA key transport or ECDH key agreement. */
  static byte[] envelope(
      byte[] content, List<X509Certificate> recipients, EncryptionAlgorithm algorithm) {
    try {
      CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
      for (X509Certificate c : recipients) {
        String keyAlgorithm = c.getPublicKey().getAlgorithm();
        if (keyAlgorithm.equals("RSA")) {
          generator.addRecipientInfoGenerator(
              new JceKeyTransRecipientInfoGenerator(c).setProvider(Bc.provider()));
        } else if (keyAlgorithm.equals("EC")) {
          KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC", Bc.provider());
          kpg.initialize(((ECPublicKey) c.getPublicKey()).getParams());
          KeyPair ephemeral = kpg.generateKeyPair();
          generator.addRecipientInfoGenerator(
              new JceKeyAgreeRecipientInfoGenerator(
                      CMSAlgorithm.ECDH_SHA256KDF,
                      ephemeral.getPrivate(),
                      ephemeral.getPublic(),
                      wrapFor(algorithm))
                  .addRecipient(c)
                  .setProvider(Bc.provider()));
        } else {
          throw new UnsupportedAlgorithmException(
              "cannot encrypt to a " + keyAlgorithm + " key", keyAlgorithm);
        }
      }
      JceCMSContentEncryptorBuilder encryptor =
          algorithm.oid().equals(EncryptionAlgorithm.RC2_128.oid())
              ? new JceCMSContentEncryptorBuilder(CMSAlgorithm.RC2_CBC, algorithm.keyBits())
              : new JceCMSContentEncryptorBuilder(new ASN1ObjectIdentifier(algorithm.oid()));
      return generator
          .generate(
              new CMSProcessableByteArray(content), encryptor.setProvider(Bc.provider()).build())
          .getEncoded();
    } catch (GeneralSecurityException | CMSException | IOException e) {
      throw new SmimeException("encryption with " + algorithm.displayName() + " failed", e);
    }
  }

  private static ASN1ObjectIdentifier wrapFor(EncryptionAlgorithm a) {
    return switch (a) {
      case AES_128 -> CMSAlgorithm.AES128_WRAP;
      case AES_192 -> CMSAlgorithm.AES192_WRAP;
      default -> CMSAlgorithm.AES256_WRAP;
    };
  }

  private static SMIMECapabilityVector capabilityVector(List<EncryptionAlgorithm> algorithms) {
    SMIMECapabilityVector v = new SMIMECapabilityVector();
    for (EncryptionAlgorithm a : algorithms) {
      if (a.oid().equals(EncryptionAlgorithm.RC2_128.oid())) {
        v.addCapability(SMIMECapability.rC2_CBC, a.keyBits());
      } else {
        v.addCapability(new ASN1ObjectIdentifier(a.oid()));
      }
    }
    for (SigningAlgorithm s :
        List.of(
            SigningAlgorithm.SHA512,
            SigningAlgorithm.SHA384,
            SigningAlgorithm.SHA256,
            SigningAlgorithm.SHA1)) {
      v.addCapability(new ASN1ObjectIdentifier(s.oid()));
    }
    return v;
  }
}
