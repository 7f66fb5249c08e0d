package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The subject e-mail addresses that {@code cert info} lists and the fitness check uses are the ones
 * chain building holds against rfc822Name constraints, for the emailAddress values where the two
 * readings used to disagree: an empty value and a value that is not an ASN.1 string (both were no
 * address for the listing, but checked, and refused, by name constraints), and a UTF8String value
 * (an address for both).
 */
final class DnEmailAgreementTest {
  private static final TestPki PKI = TestPki.create(5_0505L);
  private static final TestCertificate ROOT =
      PKI.rootCa("Dn Email Root").keyType(KeyType.EC_P256).build();
  private static final TestCertificate CONSTRAINED =
      PKI.intermediateCa("Dn Email NC CA", ROOT)
          .keyType(KeyType.EC_P256)
          .nameConstraints(List.of("example.org"), List.of())
          .build();

  private static X509Certificate leaf(String subject) {
    return PKI.leaf(CONSTRAINED)
        .keyType(KeyType.EC_P256)
        .subject(subject)
        .email("alice@example.org")
        .build()
        .certificate();
  }

  private static ChainResult resolve(X509Certificate leaf) {
    return ChainResolver.builder()
        .trustAnchors(ROOT.certificate())
        .intermediates(List.of(CONSTRAINED.certificate()))
        .build()
        .resolve(leaf, PKI.now());
  }

  @Test
  void octetStringEmailAddress_noAddressForListingNorConstraints() {
    // emailAddress as OCTET STRING "bob@evil.test": not an ASN.1 string
    X509Certificate leaf = leaf("CN=Alice,E=#040d626f62406576696c2e74657374");

    assertThat(Certificates.emailAddresses(leaf)).containsExactly("alice@example.org");
    ChainResult r = resolve(leaf);
    assertThat(r.isValid()).as("%s", r).isTrue();
  }

  @Test
  void emptyEmailAddress_noAddressForListingNorConstraints() {
    // emailAddress as an empty IA5String
    X509Certificate leaf = leaf("CN=Alice,E=#1600");

    assertThat(Certificates.emailAddresses(leaf)).containsExactly("alice@example.org");
    ChainResult r = resolve(leaf);
    assertThat(r.isValid()).as("%s", r).isTrue();
  }

  @Test
  void utf8StringEmailAddressOutsideSubtree_listedAndRefusedByConstraints() {
    // emailAddress as UTF8String "bob@evil.test": an address for both readings
    X509Certificate leaf = leaf("CN=Alice,E=#0c0d626f62406576696c2e74657374");

    assertThat(Certificates.emailAddresses(leaf))
        .containsExactly("alice@example.org", "bob@evil.test");
    ChainResult r = resolve(leaf);
    assertThat(r.isValid()).isFalse();
    assertThat(r.diagnosis().orElseThrow().status()).isEqualTo(ChainStatus.NAME_CONSTRAINTS);
  }

  @Test
  void ia5EmailAddressInsideSubtree_listedAndAccepted() {
    X509Certificate leaf = leaf("CN=Alice,E=carol@example.org");

    assertThat(Certificates.emailAddresses(leaf))
        .containsExactly("alice@example.org", "carol@example.org");
    assertThat(resolve(leaf).isValid()).isTrue();
  }
}
