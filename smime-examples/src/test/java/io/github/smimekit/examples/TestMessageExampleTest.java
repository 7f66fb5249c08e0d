package io.github.smimekit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.core.Password;
import io.github.smimekit.core.Pkcs12;
import io.github.smimekit.core.Pkcs12Identity;
import io.github.smimekit.exchange.ExchangeClient;
import io.github.smimekit.mail.BuiltMessage;
import io.github.smimekit.mail.OpenOptions;
import io.github.smimekit.mail.OpenReport;
import io.github.smimekit.mail.RecipientResult;
import io.github.smimekit.mail.RejectionReason;
import io.github.smimekit.mail.TestMessage;
import io.github.smimekit.mail.TrustStore;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.StoreProfile;
import io.github.smimekit.testing.DemoOrganisation;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.exchange.FakeExchangeServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TestMessageFromTenant} against the loopback fake holding the demo organisation. */
final class TestMessageExampleTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final DemoOrganisation ORG = DemoOrganisation.create(5, NOW);

  private FakeExchangeServer server;
  private ExchangeClient exo;

  @BeforeEach
  void start() throws Exception {
    server = FakeExchangeServer.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).start();
    ORG.populate(server.tenant());
    server.tenant().setUserCertificates(DemoOrganisation.BOB, List.of(ORG.bob().der()));
    SerializedStore.Builder b = SerializedStore.builder(StoreProfile.MINIMAL);
    ORG.caCertificates().forEach(c -> b.add(c.certificate()));
    server.tenant().setIssuingCaStore(b.build().encode().toByteArray());
    exo =
        Tenant.connect(
            server.baseUri(), "contoso.onmicrosoft.com", server.acceptedToken().toCharArray());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Pkcs12Identity identity(TestCertificate user) {
    char[] pw = ORG.pkcs12Password();
    Password password = Password.of(pw);
    try {
      return Pkcs12.read(ORG.pkcs12(user, pw), password);
    } finally {
      password.destroy();
    }
  }

  @Test
  void build_bobPublishedAndUnknownPartner_bobIncludedPartnerRefusedMessageOpensAsBob()
      throws Exception {
    BuiltMessage built =
        TestMessageFromTenant.build(
            exo,
            identity(ORG.alice()),
            List.of(DemoOrganisation.BOB, "dana@fabrikam.example"),
            NOW);

    RecipientResult bob = built.recipients().get(0);
    RecipientResult dana = built.recipients().get(1);
    assertThat(bob.certificate()).contains(ORG.bob().certificate());
    assertThat(dana.included()).isFalse();
    assertThat(dana.rejections().get(0).reason()).isEqualTo(RejectionReason.NOT_IN_DIRECTORY);
    assertThat(built.complete()).isFalse();

    OpenReport asBob =
        TestMessage.open(
            OpenOptions.builder()
                .message(built.message().orElseThrow())
                .identity(identity(ORG.bob()))
                .trustStore(TrustStore.read(exo.readIssuingCaStore().orElseThrow()))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build());
    assertThat(asBob.passed()).as("%s", asBob.steps()).isTrue();
  }
}
