package io.github.smimekit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.ChainResult;
import io.github.smimekit.core.Severity;
import io.github.smimekit.exchange.ApplyOutcome;
import io.github.smimekit.exchange.AuditReport;
import io.github.smimekit.exchange.ExchangeClient;
import io.github.smimekit.exchange.ExchangeFinding;
import io.github.smimekit.exchange.RecipientOutcome;
import io.github.smimekit.exchange.Verification;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.StoreProfile;
import io.github.smimekit.testing.DemoOrganisation;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import io.github.smimekit.testing.exchange.FakeExchangeServer;
import io.github.smimekit.testing.exchange.FakeRecipient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs each Exchange example against the loopback fake, on the demo organisation. */
final class ExchangeExamplesTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final DemoOrganisation ORG = DemoOrganisation.create(5, NOW);

  @TempDir Path dir;
  private FakeExchangeServer server;
  private ExchangeClient exo;

  @BeforeEach
  void start() throws Exception {
    server = FakeExchangeServer.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).start();
    ORG.populate(server.tenant());
    exo =
        Tenant.connect(
            server.baseUri(), "contoso.onmicrosoft.com", server.acceptedToken().toCharArray());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Path write(String name, TestCertificate c) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, c.der());
    return p;
  }

  private Path sst() throws Exception {
    Path p = dir.resolve("chainOfTrust.sst");
    SerializedStore.Builder b = SerializedStore.builder(StoreProfile.MINIMAL);
    ORG.caCertificates().forEach(c -> b.add(c.certificate()));
    b.build().write(p);
    return p;
  }

  private void storeUploaded() throws Exception {
    server.tenant().setIssuingCaStore(Files.readAllBytes(sst()));
  }

  private List<byte[]> certificatesOf(String identity) {
    return server.tenant().recipient(identity).orElseThrow().userCertificates();
  }

  @Test
  void buildChain_folderOfCas_resolvesLeafToItsRoot() throws Exception {
    Path cas = Files.createDirectory(dir.resolve("cas"));
    for (TestCertificate c : ORG.caCertificates()) {
      Files.write(cas.resolve(c.serial().toString(16) + ".cer"), c.der());
    }

    ChainResult r = BuildChain.build(write("dana.cer", ORG.partner()), cas, NOW);

    assertThat(r.chainOrThrow().certificates()).containsExactlyElementsOf(ORG.partner().chain());
  }

  @Test
  void buildChain_issuingCaMissing_diagnosesInsteadOfAChain() throws Exception {
    Path cas = Files.createDirectory(dir.resolve("cas"));
    Files.write(cas.resolve("root.cer"), ORG.contosoRoot().der());

    ChainResult r = BuildChain.build(write("alice.cer", ORG.alice()), cas, NOW);

    assertThat(r.isValid()).isFalse();
    assertThat(r.diagnosis().orElseThrow().reason()).contains("Contoso Demo Issuing CA");
  }

  @Test
  void uploadIssuingCaStore_emptyTenant_setsTheStore() throws Exception {
    Path sst = sst();

    ApplyOutcome outcome = UploadIssuingCaStore.upload(exo, sst, NOW);

    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.issuingCa().orElseThrow().status())
        .isEqualTo(RecipientOutcome.Status.APPLIED);
    assertThat(server.tenant().issuingCaStore()).isPresent();
    assertThat(
            SerializedStore.read(Bytes.copyOf(server.tenant().issuingCaStore().orElseThrow()))
                .certificates())
        .hasSize(4);
  }

  @Test
  void publishUserCertificate_mailbox_holdsExactlyThatCertificate() throws Exception {
    storeUploaded();

    ApplyOutcome outcome =
        PublishUserCertificate.publish(
            exo, DemoOrganisation.ALICE, write("alice.cer", ORG.alice()), NOW);

    assertThat(outcome.succeeded()).isTrue();
    assertThat(certificatesOf(DemoOrganisation.ALICE)).containsExactly(ORG.alice().der());
  }

  @Test
  void publishUserCertificate_certificateForAnotherAddress_isNotPublished() throws Exception {
    storeUploaded();

    PublishUserCertificate.publish(
        exo, DemoOrganisation.BOB, write("carol.cer", ORG.planted()), NOW);

    assertThat(certificatesOf(DemoOrganisation.BOB)).isEmpty();
  }

  @Test
  void publishExternalContact_absent_isCreatedWithItsCertificate() throws Exception {
    storeUploaded();

    ApplyOutcome outcome =
        PublishExternalContact.publish(
            exo,
            DemoOrganisation.PARTNER_NAME,
            DemoOrganisation.PARTNER,
            write("dana.cer", ORG.partner()),
            NOW);

    assertThat(outcome.succeeded()).isTrue();
    FakeRecipient contact = server.tenant().recipient(DemoOrganisation.PARTNER).orElseThrow();
    assertThat(contact.type()).isEqualTo("MailContact");
    assertThat(contact.userCertificates()).containsExactly(ORG.partner().der());
  }

  @Test
  void verifyTenant_beforeAndAfterPublishing_differsThenMatches() throws Exception {
    storeUploaded();
    write("alice.cer", ORG.alice());
    Path desired = dir.resolve("desired.json");
    Files.writeString(
        desired,
        "{\"recipients\": [{\"type\": \"Mailbox\", \"identity\": \"alice@contoso.example\","
            + " \"certificates\": [\"alice.cer\"]}], \"issuingCa\": {\"sst\": \"chainOfTrust.sst\"}}",
        StandardCharsets.UTF_8);

    Verification before = VerifyTenant.verify(exo, desired, NOW);
    PublishUserCertificate.publish(exo, DemoOrganisation.ALICE, dir.resolve("alice.cer"), NOW);
    Verification after = VerifyTenant.verify(exo, desired, NOW);

    assertThat(before.matches()).isFalse();
    assertThat(before.differences())
        .extracting(r -> r.identity().value())
        .containsExactly(DemoOrganisation.ALICE);
    assertThat(after.matches()).isTrue();
  }

  @Test
  void rotateCertificate_expiredAndCurrent_keepsCurrentAndNewDropsExpired() throws Exception {
    storeUploaded();
    TestPki pki = TestPki.create(99, NOW);
    TestCertificate expired =
        pki.leaf(ORG.contosoIssuingCa())
            .email(DemoOrganisation.ALICE)
            .validity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(35)))
            .build();
    TestCertificate renewed =
        pki.leaf(ORG.contosoIssuingCa())
            .email(DemoOrganisation.ALICE)
            .validity(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(365)))
            .build();
    server
        .tenant()
        .setUserCertificates(DemoOrganisation.ALICE, List.of(expired.der(), ORG.alice().der()));

    ApplyOutcome outcome =
        RotateCertificate.rotate(exo, DemoOrganisation.ALICE, write("new.cer", renewed), NOW);

    assertThat(outcome.succeeded()).isTrue();
    assertThat(certificatesOf(DemoOrganisation.ALICE))
        .containsExactlyInAnyOrder(renewed.der(), ORG.alice().der());
  }

  @Test
  void auditTenant_plantedCertificate_isTheOnlyErrorAndTheHtmlIsWritten() throws Exception {
    storeUploaded();
    PublishUserCertificate.publish(exo, DemoOrganisation.ALICE, write("a.cer", ORG.alice()), NOW);
    Path html = dir.resolve("audit.html");

    AuditReport report = AuditTenant.audit(exo, html, NOW);

    assertThat(report.clean()).isFalse();
    assertThat(report.count(Severity.ERROR)).isEqualTo(1);
    assertThat(report.recipients())
        .filteredOn(r -> r.recipient().primarySmtpAddress().equals(DemoOrganisation.CAROL))
        .singleElement()
        .satisfies(
            r -> {
              List<ExchangeFinding> all = new ArrayList<>(r.findings());
              r.certificates().forEach(c -> all.addAll(c.findings()));
              assertThat(all).extracting(ExchangeFinding::severity).contains(Severity.ERROR);
            });
    assertThat(Files.readString(html)).contains("<html").doesNotContain("<script");
  }
}
