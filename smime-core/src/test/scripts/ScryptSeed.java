import java.math.BigInteger;
import java.nio.file.*;
import java.security.*;
import java.security.cert.*;
import java.util.Date;
import org.bouncycastle.asn1.*;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.*;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.*;
import org.bouncycastle.crypto.util.ScryptConfig;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.*;
import org.bouncycastle.pkcs.jcajce.*;

public class ScryptSeed {
  public static void main(String[] a) throws Exception {
    Provider bc = new BouncyCastleProvider();
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256, new SecureRandom(new byte[] {1}));
    KeyPair kp = g.generateKeyPair();
    X500Name n = new X500Name("CN=fuzz seed");
    X509Certificate c =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        n, BigInteger.ONE, new Date(0), new Date(4102444800000L), n, kp.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    char[] pw = {'x'};
    var enc =
        new JcePKCSPBEOutputEncryptorBuilder(
                new ScryptConfig.Builder(1024, 8, 1).withSaltLength(8).build(),
                NISTObjectIdentifiers.id_aes256_CBC)
            .setProvider(bc)
            .build(pw);
    PKCS12SafeBagBuilder cb = new JcaPKCS12SafeBagBuilder(c);
    cb.addBagAttribute(
        PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(new byte[] {1}));
    PKCS12SafeBagBuilder kb = new JcaPKCS12SafeBagBuilder(kp.getPrivate(), enc);
    kb.addBagAttribute(
        PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(new byte[] {1}));
    PKCS12PfxPduBuilder b = new PKCS12PfxPduBuilder();
    b.addEncryptedData(enc, new PKCS12SafeBag[] {cb.build()});
    b.addData(kb.build());
    byte[] pfx = b.build(null, pw).getEncoded("DER");
    Files.write(
        Path.of(a[0], "readWithoutMac", "scrypt-nomac-n1024.der"),
        ASN1OctetString.getInstance(Pfx.getInstance(pfx).getAuthSafe().getContent()).getOctets());
    Files.write(Path.of(a[0], "read", "scrypt-nomac-n1024.p12"), pfx);
  }
}
