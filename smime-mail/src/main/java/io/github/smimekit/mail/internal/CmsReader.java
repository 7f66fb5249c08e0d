package io.github.smimekit.mail.internal;

import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.mail.EncryptionAlgorithm;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.RC2CBCParameter;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSVerifierCertificateNotValidException;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.Store;
import org.jspecify.annotations.Nullable;

/** Reads the CMS structures of an untrusted message; failures are sentences, never exceptions. */
final class CmsReader {
  private CmsReader() {}

  /** The outcome of decrypting: the content, or why not; the algorithm when known. */
  @SuppressWarnings("ArrayRecordComponent") // internal: the bytes never leave this class uncopied
  record Decrypted(
      byte @Nullable [] content,
      String algorithm,
      Optional<EncryptionAlgorithm> known,
      String failure) {}

  static Decrypted decrypt(byte[] der, X509Certificate certificate, PrivateKey key) {
    CMSEnvelopedData env;
    try {
      env = new CMSEnvelopedData(der);
    } catch (CMSException | RuntimeException e) {
      return new Decrypted(
          null,
          "",
          Optional.empty(),
          "the enveloped data is not valid CMS EnvelopedData (RFC 5652)");
    }
    String oid;
    Optional<EncryptionAlgorithm> known;
    try {
      oid = env.getEncryptionAlgOID();
      int bits = 0;
      if (oid.equals(EncryptionAlgorithm.RC2_128.oid())) {
        bits = rc2Bits(env.getContentEncryptionAlgorithm().getParameters());
      }
      known = EncryptionAlgorithm.fromOid(oid, bits);
    } catch (RuntimeException e) {
      return new Decrypted(
          null, "", Optional.empty(), "the content-encryption algorithm is malformed");
    }
    String name =
        known.map(a -> a.displayName() + " (" + a.settingValue() + ")").orElse("OID " + oid);
    X509CertificateHolder holder;
    try {
      holder = new X509CertificateHolder(certificate.getEncoded());
    } catch (Exception e) {
      return new Decrypted(null, name, known, "the identity's certificate cannot be encoded");
    }
    RecipientInformation mine = null;
    int count = 0;
    try {
      Collection<RecipientInformation> all = env.getRecipientInfos().getRecipients();
      count = all.size();
      for (RecipientInformation ri : all) {
        if (matches(ri, holder)) {
          mine = ri;
          break;
        }
      }
    } catch (RuntimeException e) {
      return new Decrypted(null, name, known, "a RecipientInfo is malformed");
    }
    String who =
        Certificates.displayName(certificate.getSubjectX500Principal())
            + " (sha1 "
            + Thumbprint.sha1(certificate).hex()
            + ")";
    if (mine == null) {
      return new Decrypted(
          null,
          name,
          known,
          "none of the "
              + count
              + " RecipientInfos is for "
              + who
              + ": the message was not encrypted to this certificate");
    }
    Recipient recipient;
    if (mine instanceof KeyTransRecipientInformation) {
      recipient = new JceKeyTransEnvelopedRecipient(key).setProvider(Bc.provider());
    } else if (mine instanceof KeyAgreeRecipientInformation) {
      recipient = new JceKeyAgreeEnvelopedRecipient(key).setProvider(Bc.provider());
    } else {
      return new Decrypted(
          null,
          name,
          known,
          "the RecipientInfo for " + who + " is neither key transport nor key agreement");
    }
    try {
      return new Decrypted(mine.getContent(recipient), name, known, "");
    } catch (CMSException | RuntimeException e) {
      return new Decrypted(
          null,
          name,
          known,
          "the content could not be decrypted with the key of " + who + " (" + name + ")");
    }
  }

  private static int rc2Bits(@Nullable ASN1Encodable params) {
    if (params == null) {
      return -1;
    }
    BigInteger v = RC2CBCParameter.getInstance(params).getRC2ParameterVersion();
    if (v == null) {
      return 32;
    }
    int version = v.bitLength() > 16 ? -1 : v.intValue();
    return switch (version) {
      case 160 -> 40;
      case 120 -> 64;
      case 58 -> 128;
      default -> version >= 256 ? version : -1;
    };
  }

  /** The outcome of verifying a signature. */
  @SuppressWarnings("ArrayRecordComponent") // internal: the bytes never leave this class uncopied
  record Verified(
      boolean ok,
      String failure,
      String digestOid,
      Optional<X509Certificate> signer,
      List<X509Certificate> others,
      byte @Nullable [] content) {}

  /**
   * Verifies SignedData: detached over {@code detached} when given, else the encapsulated content.
   */
  static Verified verify(byte[] der, byte @Nullable [] detached) {
    CMSSignedData sd;
    byte[] content;
    try {
      sd =
          detached == null
              ? new CMSSignedData(der)
              : new CMSSignedData(new CMSProcessableByteArray(detached), der);
      if (detached == null) {
        if (sd.getSignedContent() == null
            || !(sd.getSignedContent().getContent() instanceof byte[] b)) {
          return fail("the opaque signature has no encapsulated content", "", null);
        }
        content = b;
      } else {
        content = detached;
      }
    } catch (CMSException | RuntimeException e) {
      return fail("the signature is not valid CMS SignedData (RFC 5652)", "", null);
    }
    List<SignerInformation> signers;
    List<X509Certificate> certificates = new ArrayList<>();
    List<X509CertificateHolder> holders;
    try {
      signers = new ArrayList<>(sd.getSignerInfos().getSigners());
      Store<X509CertificateHolder> store = sd.getCertificates();
      holders = new ArrayList<>(store.getMatches(null));
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (X509CertificateHolder h : holders) {
        certificates.add(
            (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(h.getEncoded())));
      }
    } catch (CertificateException | java.io.IOException | RuntimeException e) {
      return fail("a certificate or SignerInfo of the signature is malformed", "", content);
    }
    if (signers.isEmpty()) {
      return fail("the signature has no SignerInfo", "", content);
    }
    SignerInformation signer = signers.get(0);
    String digestOid = signer.getDigestAlgOID();
    X509CertificateHolder signerHolder = null;
    X509Certificate signerCert = null;
    for (int i = 0; i < holders.size(); i++) {
      try {
        if (signer.getSID().match(holders.get(i))) {
          signerHolder = holders.get(i);
          signerCert = certificates.get(i);
          break;
        }
      } catch (RuntimeException e) {
        // a malformed identifier matches nothing
      }
    }
    if (signerHolder == null || signerCert == null) {
      return new Verified(
          false,
          "the signer's certificate is not in the message (OWASignedEmailCertificateInclusion)",
          digestOid,
          Optional.empty(),
          certificates,
          content);
    }
    List<X509Certificate> others = new ArrayList<>(certificates);
    others.remove(signerCert);
    String who = Certificates.displayName(signerCert.getSubjectX500Principal());
    try {
      boolean ok =
          signer.verify(
              new JcaSimpleSignerInfoVerifierBuilder()
                  .setProvider(Bc.provider())
                  .build(signerHolder));
      return new Verified(
          ok,
          ok ? "" : "the signature of " + who + " does not verify",
          digestOid,
          Optional.of(signerCert),
          others,
          content);
    } catch (CMSSignerDigestMismatchException e) {
      return new Verified(
          false,
          "the content digest does not match the signature of "
              + who
              + ": the signed content was changed",
          digestOid,
          Optional.of(signerCert),
          others,
          content);
    } catch (CMSVerifierCertificateNotValidException e) {
      return new Verified(
          false,
          "the signing time is outside the validity of the signer certificate " + who,
          digestOid,
          Optional.of(signerCert),
          others,
          content);
    } catch (CMSException | OperatorCreationException | CertificateException | RuntimeException e) {
      return new Verified(
          false,
          "the signature of " + who + " does not verify",
          digestOid,
          Optional.of(signerCert),
          others,
          content);
    }
  }

  private static Verified fail(String why, String digestOid, byte @Nullable [] content) {
    return new Verified(false, why, digestOid, Optional.empty(), List.of(), content);
  }

  /**
   * BC's {@code RecipientId} is a raw {@code Selector}; matching a certificate holder is its
   * documented use.
   */
  @SuppressWarnings("unchecked")
  private static boolean matches(RecipientInformation recipient, X509CertificateHolder holder) {
    return recipient.getRID().match(holder);
  }
}
