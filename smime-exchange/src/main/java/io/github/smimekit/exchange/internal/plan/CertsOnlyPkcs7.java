package io.github.smimekit.exchange.internal.plan;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.exchange.ExchangeException;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;

/**
 * A degenerate PKCS#7 / CMS SignedData ("certs-only": no signers, no content) holding certificates,
 * the form Outlook's "Publish to GAL" writes to {@code UserSMimeCertificate} (MS-OXLDAP 2.2.5.2).
 */
public final class CertsOnlyPkcs7 {
  private CertsOnlyPkcs7() {}

  /** The DER encoding of a certs-only SignedData holding {@code certificates}, in order. */
  public static Bytes encode(List<X509Certificate> certificates) {
    try {
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addCertificates(new JcaCertStore(certificates));
      return Bytes.copyOf(generator.generate(new CMSAbsentContent(), false).getEncoded("DER"));
    } catch (CertificateEncodingException | CMSException | IOException e) {
      throw new ExchangeException("cannot encode a PKCS#7 certs-only blob", e);
    }
  }
}
