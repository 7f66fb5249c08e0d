package io.github.smimekit.testing.internal;

import java.io.IOException;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * Writes PKCS#12 files with Bouncy Castle: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for the key and
 * the certificates, HMAC-SHA256 integrity MAC.
 */
public final class Pkcs12Writer {
  private final Provider provider = new BouncyCastleProvider();

  /** Creates a writer holding its own (never registered) Bouncy Castle provider. */
  public Pkcs12Writer() {}

  /**
   * Writes key + chain; chain[0] is the key's certificate and gets the friendly name and local key
   * id.
   */
  public byte[] write(
      KeyHolder key, List<X509Certificate> chain, char[] password, String alias, long seed) {
    try {
      DeterministicRandom random = new DeterministicRandom(seed, "p12|" + alias);
      OutputEncryptor enc =
          new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
              .setProvider(provider)
              .setRandom(random)
              .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256))
              .setIterationCount(2048)
              .build(password);
      SubjectPublicKeyInfo spki = key.subjectPublicKeyInfo();
      DEROctetString localKeyId = new DEROctetString(CertMaker.keyId(spki));
      DERBMPString friendly = new DERBMPString(alias);
      List<PKCS12SafeBag> certBags = new ArrayList<>();
      for (int i = 0; i < chain.size(); i++) {
        PKCS12SafeBagBuilder cb =
            new PKCS12SafeBagBuilder(new X509CertificateHolder(chain.get(i).getEncoded()));
        if (i == 0) {
          cb.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, friendly);
          cb.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
        }
        certBags.add(cb.build());
      }
      PrivateKeyInfo pki = PrivateKeyInfo.getInstance(key.keyPair().getPrivate().getEncoded());
      PKCS12SafeBagBuilder kb = new PKCS12SafeBagBuilder(pki, enc);
      kb.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, friendly);
      kb.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
      PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
      pfx.addEncryptedData(enc, certBags.toArray(new PKCS12SafeBag[0]));
      pfx.addData(kb.build());
      PKCS12PfxPdu pdu =
          pfx.build(
              new JcePKCS12MacCalculatorBuilder(NISTObjectIdentifiers.id_sha256)
                  .setProvider(provider)
                  .setIterationCount(2048),
              password);
      return pdu.getEncoded();
    } catch (IOException
        | OperatorCreationException
        | PKCSException
        | CertificateEncodingException e) {
      throw new IllegalStateException("cannot write pkcs12", e);
    }
  }
}
