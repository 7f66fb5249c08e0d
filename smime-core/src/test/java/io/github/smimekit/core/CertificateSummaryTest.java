package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.KeyUsageBit;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class CertificateSummaryTest {
  private final TestPki pki = TestPki.create(7L);
  private final TestCertificate root = pki.rootCa("Summary Root").build();

  @Test
  void summarize_smimeLeaf_allFields() {
    TestCertificate leaf =
        pki.leaf(root)
            .subject("CN=Alice,O=Contoso")
            .subjectEmail("alice@contoso.example")
            .email("alice@contoso.example", "a.other@contoso.example")
            .serial(new BigInteger("0abc", 16))
            .keyUsage(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_ENCIPHERMENT)
            .extendedKeyUsage("1.3.6.1.5.5.7.3.4", "1.2.3.4.5")
            .build();

    CertificateSummary s = Certificates.summarize(leaf.certificate());

    assertThat(s.subject()).contains("E=alice@contoso.example").contains("CN=Alice");
    assertThat(s.issuer()).contains("CN=Summary Root");
    assertThat(s.serial()).isEqualTo("ABC");
    assertThat(s.notBefore()).isEqualTo(leaf.certificate().getNotBefore().toInstant());
    assertThat(s.sha1()).isEqualTo(Thumbprint.sha1(leaf.certificate()));
    assertThat(s.emails()).containsExactly("alice@contoso.example", "a.other@contoso.example");
    assertThat(s.keyAlgorithm()).isEqualTo("RSA");
    assertThat(s.keySize()).isEqualTo(2048);
    assertThat(s.keyUsage()).containsExactly("digitalSignature", "keyEncipherment");
    assertThat(s.extendedKeyUsage()).containsExactly("emailProtection", "1.2.3.4.5");
  }

  @ParameterizedTest
  @CsvSource({
    "EC_P256, EC, 256",
    "EC_P384, EC, 384",
    "ED25519, Ed25519, 256",
    "RSA_3072, RSA, 3072"
  })
  void summarize_keyTypes_nameAndSize(KeyType type, String algorithm, int bits) {
    TestCertificate leaf = pki.leaf(root).keyType(type).build();

    CertificateSummary s = Certificates.summarize(leaf.certificate());

    assertThat(s.keyAlgorithm()).isEqualTo(algorithm);
    assertThat(s.keySize()).isEqualTo(bits);
  }

  @Test
  void summarize_noKeyUsageOrEku_emptyLists() {
    TestCertificate leaf = pki.leaf(root).noKeyUsage().noExtendedKeyUsage().build();

    CertificateSummary s = Certificates.summarize(leaf.certificate());

    assertThat(s.keyUsage()).isEmpty();
    assertThat(s.extendedKeyUsage()).isEmpty();
  }
}
