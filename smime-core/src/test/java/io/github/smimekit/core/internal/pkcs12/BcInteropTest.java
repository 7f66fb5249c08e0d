package io.github.smimekit.core.internal.pkcs12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.core.Password;
import io.github.smimekit.core.Pkcs12;
import io.github.smimekit.core.Pkcs12Identity;
import io.github.smimekit.core.Pkcs12Info;
import io.github.smimekit.core.UnsupportedAlgorithmException;
import io.github.smimekit.core.WrongPasswordException;
import io.github.smimekit.core.internal.Providers;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PBMAC1Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12PBEOutputEncryptorBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12PBMac1CalculatorBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12PBMac1CalculatorBuilderProvider;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files written by Bouncy Castle's PKCS#12 builders: PBES2 with every HMAC PRF, PBMAC1 (RFC 9579),
 * the "null" empty password (zero bytes, as Windows writes it) and the pre-1.1 OpenSSL encoding of
 * non-ASCII passwords.
 */
final class BcInteropTest {
  private static final TestPki PKI = TestPki.create(11L);
  private static final TestCertificate ROOT = PKI.rootCa("BC Root").build();
  private static final TestCertificate LEAF =
      PKI.leaf(ROOT).email("dave@example.com").keyType(KeyType.EC_P256).build();

  private static PKCS12SafeBag[] certBags() throws Exception {
    PKCS12SafeBagBuilder leaf = new JcaPKCS12SafeBagBuilder(LEAF.certificate());
    leaf.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString("dave"));
    leaf.addBagAttribute(
        PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(new byte[] {1, 2, 3}));
    return new PKCS12SafeBag[] {
      leaf.build(), new JcaPKCS12SafeBagBuilder(ROOT.certificate()).build()
    };
  }

  private static PKCS12SafeBag keyBag(OutputEncryptor encryptor) {
    PKCS12SafeBagBuilder key = new JcaPKCS12SafeBagBuilder(LEAF.privateKey(), encryptor);
    key.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString("dave"));
    key.addBagAttribute(
        PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(new byte[] {1, 2, 3}));
    return key.build();
  }

  private static byte[] build(
      OutputEncryptor keyEnc, OutputEncryptor certEnc, PKCS12MacCalculatorBuilder mac, char[] pw)
      throws Exception {
    PKCS12PfxPduBuilder b = new PKCS12PfxPduBuilder();
    b.addEncryptedData(certEnc, certBags());
    b.addData(keyBag(keyEnc));
    return b.build(mac, pw).getEncoded("DER");
  }

  private static OutputEncryptor pbes2(AlgorithmIdentifier prf, char[] pw) throws Exception {
    return new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
        .setProvider(Providers.bc())
        .setPRF(prf)
        .setIterationCount(1024)
        .build(pw);
  }

  private static OutputEncryptor tripleDes(char[] pw) {
    return new BcPKCS12PBEOutputEncryptorBuilder(
            PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC,
            CBCBlockCipher.newInstance(new DESedeEngine()))
        .setIterationCount(1024)
        .build(pw);
  }

  static Stream<Arguments> prfs() {
    return Stream.of(
        Arguments.of(PKCSObjectIdentifiers.id_hmacWithSHA1, "HMAC-SHA1"),
        Arguments.of(PKCSObjectIdentifiers.id_hmacWithSHA224, "HMAC-SHA224"),
        Arguments.of(PKCSObjectIdentifiers.id_hmacWithSHA256, "HMAC-SHA256"),
        Arguments.of(PKCSObjectIdentifiers.id_hmacWithSHA384, "HMAC-SHA384"),
        Arguments.of(PKCSObjectIdentifiers.id_hmacWithSHA512, "HMAC-SHA512"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("prfs")
  void read_pbes2WithPrf_returnsIdentityAndNamesPrf(ASN1ObjectIdentifier prf, String name)
      throws Exception {
    char[] pw = "secret".toCharArray();
    AlgorithmIdentifier prfId = new AlgorithmIdentifier(prf, DERNull.INSTANCE);
    byte[] p12 =
        build(
            pbes2(prfId, pw),
            pbes2(prfId, pw),
            new BcPKCS12MacCalculatorBuilder(
                new SHA384Digest(),
                new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha384, DERNull.INSTANCE)),
            pw);

    Pkcs12Identity id = Pkcs12.read(p12, Password.of(pw));
    Pkcs12Info info = Pkcs12.inspect(p12, Password.of(pw));

    assertThat(id.certificate()).isEqualTo(LEAF.certificate());
    assertThat(id.privateKey().getEncoded()).isEqualTo(LEAF.privateKey().getEncoded());
    assertThat(id.chain()).containsExactly(ROOT.certificate());
    assertThat(info.encryptions())
        .extracting(e -> e.scheme())
        .containsOnly("PBES2 AES-256-CBC PBKDF2-" + name);
    assertThat(info.mac().orElseThrow().algorithm()).isEqualTo("HMAC-SHA-384");
  }

  private static PBMAC1Params pbmac1Params(ASN1ObjectIdentifier prf, ASN1ObjectIdentifier hmac) {
    byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    return new PBMAC1Params(
        new AlgorithmIdentifier(
            PKCSObjectIdentifiers.id_PBKDF2,
            new PBKDF2Params(salt, 2048, 32, new AlgorithmIdentifier(prf, DERNull.INSTANCE))),
        new AlgorithmIdentifier(hmac, DERNull.INSTANCE));
  }

  @Test
  void read_pbmac1WrittenByBc_verifiesMacAndReturnsIdentity() throws Exception {
    char[] pw = "1234".toCharArray();
    byte[] p12 =
        build(
            pbes2(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE),
                pw),
            pbes2(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE),
                pw),
            new BcPKCS12PBMac1CalculatorBuilder(
                pbmac1Params(
                    PKCSObjectIdentifiers.id_hmacWithSHA256,
                    PKCSObjectIdentifiers.id_hmacWithSHA512)),
            pw);
    // BC agrees that its own MAC is valid, so the file is a real PBMAC1 file
    assertThat(new PKCS12PfxPdu(p12).isMacValid(new BcPKCS12PBMac1CalculatorBuilderProvider(), pw))
        .isTrue();

    Pkcs12Identity id = Pkcs12.read(p12, Password.of(pw));
    Pkcs12Info info = Pkcs12.inspect(p12, Password.of(pw));

    assertThat(id.certificate()).isEqualTo(LEAF.certificate());
    assertThat(info.mac().orElseThrow().algorithm())
        .isEqualTo("PBMAC1 HMAC-SHA512 PBKDF2-HMAC-SHA256");
    assertThat(info.mac().orElseThrow().iterations()).isEqualTo(2048);
    assertThat(info.mac().orElseThrow().saltLength()).isEqualTo(16);
    assertThatThrownBy(() -> Pkcs12.read(p12, Password.of("1235".toCharArray())))
        .isInstanceOf(WrongPasswordException.class);
  }

  @Test
  void read_nullEmptyPassword_opensWithEmptyPassword() throws Exception {
    char[] none = new char[0]; // BC, like Windows, encodes it as zero bytes, not 00 00
    byte[] p12 = build(tripleDes(none), tripleDes(none), new BcPKCS12MacCalculatorBuilder(), none);

    Pkcs12Identity id = Pkcs12.read(p12, Password.empty());

    assertThat(id.certificate()).isEqualTo(LEAF.certificate());
    assertThatThrownBy(() -> Pkcs12.read(p12, Password.of("x".toCharArray())))
        .isInstanceOf(WrongPasswordException.class);
  }

  @Test
  void read_preOpenssl11NonAsciiEncoding_opensWithTheRealPassword() throws Exception {
    String password = "pässwörd€";
    byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
    char[] widened = new char[utf8.length]; // what OpenSSL < 1.1 made of UTF-8 input
    for (int i = 0; i < utf8.length; i++) {
      widened[i] = (char) (utf8[i] & 0xff);
    }
    byte[] p12 =
        build(tripleDes(widened), tripleDes(widened), new BcPKCS12MacCalculatorBuilder(), widened);

    Pkcs12Identity id = Pkcs12.read(p12, Password.of(password.toCharArray()));

    assertThat(id.certificate()).isEqualTo(LEAF.certificate());
    assertThatThrownBy(() -> Pkcs12.read(p12, Password.of("passwörd€".toCharArray())))
        .isInstanceOf(WrongPasswordException.class);
  }

  @Test
  void read_preOpenssl11EncodingWithoutMac_opensByDecryptionFallback() throws Exception {
    String password = "grüße";
    byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
    char[] widened = new char[utf8.length];
    for (int i = 0; i < utf8.length; i++) {
      widened[i] = (char) (utf8[i] & 0xff);
    }
    PKCS12PfxPduBuilder b = new PKCS12PfxPduBuilder();
    b.addEncryptedData(tripleDes(widened), certBags());
    b.addData(keyBag(tripleDes(widened)));
    byte[] p12 = b.build(null, widened).getEncoded("DER");

    Pkcs12Identity id = Pkcs12.read(p12, Password.of(password.toCharArray()));

    assertThat(id.certificate()).isEqualTo(LEAF.certificate());
    assertThat(Pkcs12.inspect(p12, Password.of(password.toCharArray())).mac()).isEmpty();
  }

  @Test
  void read_bcKeyStoreFile_returnsIdentity() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12", Providers.bc());
    ks.load(null, null);
    ks.setKeyEntry(
        "erin",
        LEAF.privateKey(),
        "pw".toCharArray(),
        new Certificate[] {LEAF.certificate(), ROOT.certificate()});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ks.store(out, "pw".toCharArray());

    Pkcs12Identity id = Pkcs12.read(out.toByteArray(), Password.of("pw".toCharArray()));

    assertThat(id.certificate()).isEqualTo(LEAF.certificate());
    assertThat(id.chain()).containsExactly(ROOT.certificate());
    assertThat(id.friendlyName()).contains("erin");
  }

  @Test
  void read_unknownEncryptionScheme_throwsUnsupportedNamingOid() throws Exception {
    char[] pw = "pw".toCharArray();
    OutputEncryptor gcm =
        pbes2(
            new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE), pw);
    OutputEncryptor aria =
        new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_GCM)
            .setProvider(Providers.bc())
            .setIterationCount(1024)
            .build(pw);
    byte[] p12 = build(gcm, aria, new BcPKCS12MacCalculatorBuilder(), pw);

    assertThatThrownBy(() -> Pkcs12.read(p12, Password.of(pw)))
        .isInstanceOf(UnsupportedAlgorithmException.class)
        .hasMessageContaining(NISTObjectIdentifiers.id_aes256_GCM.getId())
        .extracting(e -> ((UnsupportedAlgorithmException) e).algorithm())
        .isEqualTo(NISTObjectIdentifiers.id_aes256_GCM.getId());
  }

  @Test
  void read_bagsWithoutAttributes_pairsKeyWithCertificateByPublicKey() throws Exception {
    TestCertificate other = PKI.leaf(ROOT).email("other@example.com").build();
    char[] pw = "pw".toCharArray();
    PKCS12PfxPduBuilder b = new PKCS12PfxPduBuilder();
    b.addEncryptedData(
        tripleDes(pw),
        new PKCS12SafeBag[] {
          new JcaPKCS12SafeBagBuilder(other.certificate()).build(),
          new JcaPKCS12SafeBagBuilder(LEAF.certificate()).build(),
          new JcaPKCS12SafeBagBuilder(ROOT.certificate()).build()
        });
    b.addData(new JcaPKCS12SafeBagBuilder(LEAF.privateKey(), tripleDes(pw)).build());
    byte[] p12 = b.build(new BcPKCS12MacCalculatorBuilder(), pw).getEncoded("DER");

    Pkcs12Identity id = Pkcs12.read(p12, Password.of(pw));

    assertThat(id.certificate()).isEqualTo(LEAF.certificate());
    assertThat(id.chain()).containsExactly(ROOT.certificate());
    assertThat(id.friendlyName()).isEmpty();
    assertThat(id.localKeyId()).isEmpty();
  }
}
