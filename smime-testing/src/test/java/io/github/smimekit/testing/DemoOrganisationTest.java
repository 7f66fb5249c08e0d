package io.github.smimekit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.testing.exchange.FakeExchangeServer;
import io.github.smimekit.testing.exchange.FakeRecipient;
import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class DemoOrganisationTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void create_sameSeedAndNow_givesIdenticalCertificatesAndKeys() {
    DemoOrganisation a = DemoOrganisation.create(7, NOW);
    DemoOrganisation b = DemoOrganisation.create(7, NOW);

    assertThat(a.alice().der()).isEqualTo(b.alice().der());
    assertThat(a.partner().der()).isEqualTo(b.partner().der());
    assertThat(a.pkcs12Password()).isEqualTo(b.pkcs12Password());
    assertThat(a.bob().privateKey().getEncoded()).isEqualTo(b.bob().privateKey().getEncoded());
    assertThat(DemoOrganisation.create(8, NOW).alice().der()).isNotEqualTo(a.alice().der());
  }

  @Test
  void create_chainsAndKeys_areTheOrganisationsAndPartners() throws Exception {
    DemoOrganisation org = DemoOrganisation.create(DemoOrganisation.DEFAULT_SEED, NOW);

    assertThat(org.alice().keyType()).isEqualTo(KeyType.RSA_2048);
    assertThat(org.bob().keyType()).isEqualTo(KeyType.EC_P256);
    assertThat(org.alice().chain())
        .containsExactly(
            org.alice().certificate(),
            org.contosoIssuingCa().certificate(),
            org.contosoRoot().certificate());
    assertThat(org.partner().chain())
        .containsExactly(
            org.partner().certificate(),
            org.fabrikamIssuingCa().certificate(),
            org.fabrikamRoot().certificate());
    X509Certificate partner = org.partner().certificate();
    partner.verify(org.fabrikamIssuingCa().publicKey());
    assertThat(partner.getSubjectAlternativeNames())
        .extracting(n -> String.valueOf(n.get(1)))
        .containsExactly(DemoOrganisation.PARTNER);
    assertThat(org.planted().certificate().getSubjectAlternativeNames())
        .extracting(n -> String.valueOf(n.get(1)))
        .containsExactly(DemoOrganisation.CAROL_CERTIFICATE_EMAIL);
    assertThat(org.alice().certificate().getNotAfter().toInstant()).isAfter(NOW);
    assertThat(org.alice().certificate().getNotBefore().toInstant()).isBefore(NOW);
  }

  @Test
  void pkcs12_user_opensWithTheJdkKeyStoreAndHoldsTheChain() throws Exception {
    DemoOrganisation org = DemoOrganisation.create(3, NOW);
    char[] password = org.pkcs12Password();

    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(new ByteArrayInputStream(org.pkcs12(org.alice(), password)), password);

    assertThat(ks.getCertificateChain(DemoOrganisation.ALICE)).hasSize(3);
    assertThat(ks.getKey(DemoOrganisation.ALICE, password)).isNotNull();
    assertThatThrownBy(() -> org.pkcs12(org.partner(), password))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void populate_fakeTenant_holdsThreeMailboxesAndOnlyThePlantedCertificate() throws Exception {
    DemoOrganisation org = DemoOrganisation.create(3, NOW);
    try (FakeExchangeServer server = FakeExchangeServer.builder().build()) {
      org.populate(server.tenant());

      assertThat(server.tenant().recipients())
          .extracting(FakeRecipient::primarySmtpAddress)
          .containsExactly(DemoOrganisation.ALICE, DemoOrganisation.BOB, DemoOrganisation.CAROL);
      assertThat(server.tenant().recipient(DemoOrganisation.CAROL).orElseThrow().userCertificates())
          .containsExactly(org.planted().der());
      assertThat(server.tenant().recipient(DemoOrganisation.ALICE).orElseThrow().userCertificates())
          .isEmpty();
      assertThat(server.tenant().issuingCaStore()).isEmpty();
      assertThat(List.of(org.roots().get(0), org.roots().get(1)))
          .containsExactly(org.contosoRoot(), org.fabrikamRoot());
    }
  }
}
