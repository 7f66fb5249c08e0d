package io.github.smimekit.testing.internal;

import java.io.IOException;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Certificate;

/** DER pieces for serialized-store property values. */
public final class StoreValues {
  private StoreValues() {}

  /** DER {@code SEQUENCE OF OBJECT IDENTIFIER}. */
  public static byte[] oidSequence(List<String> oids) {
    ASN1EncodableVector v = new ASN1EncodableVector();
    for (String oid : oids) {
      v.add(new ASN1ObjectIdentifier(oid));
    }
    try {
      return new DERSequence(v).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode oid sequence", e);
    }
  }

  /** The subjectPublicKey BIT STRING contents (without the unused-bits octet). */
  public static byte[] publicKeyBits(byte[] certificateDer) {
    return Certificate.getInstance(certificateDer)
        .getSubjectPublicKeyInfo()
        .getPublicKeyData()
        .getBytes();
  }
}
