package io.github.smimekit.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.testing.TestCertificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A recipient read from the directory: {@code UserCertificate} and {@code UserSMimeCertificate}
 * candidates under both precedence rules, and an address the directory does not know.
 */
final class UserSMimeCertificateRulesTest {
  private static final MailPki PKI = MailPki.shared();
  private static final String BOB = "bob@fabrikam.example";

  /**
   * Bob's certificate of last year, expired ten days ago: what a stale UserSMimeCertificate holds.
   */
  private static final TestCertificate STALE =
      PKI.pki
          .leaf(PKI.ica)
          .email(BOB)
          .validity(
              PKI.pki.now().minus(Duration.ofDays(375)), PKI.pki.now().minus(Duration.ofDays(10)))
          .build();

  /** Bob's renewal, valid since yesterday. */
  private static final TestCertificate FRESH =
      PKI.pki
          .leaf(PKI.ica)
          .email(BOB)
          .validity(
              PKI.pki.now().minus(Duration.ofDays(1)), PKI.pki.now().plus(Duration.ofDays(364)))
          .build();

  private static RecipientResult bob(BuiltMessage built) {
    return built.recipients().stream()
        .filter(r -> r.address().equals(BOB))
        .findFirst()
        .orElseThrow();
  }

  private static BuiltMessage build(Recipient bob, UserSMimeCertificates rule) {
    return TestMessage.build(
        PKI.from(PKI.alice).recipient(bob).userSMimeCertificates(rule).build());
  }

  private static Recipient listed(List<TestCertificate> user, List<TestCertificate> smime) {
    return new Recipient(
        BOB,
        List.of(),
        user.stream().map(TestCertificate::certificate).toList(),
        smime.stream().map(TestCertificate::certificate).toList(),
        true);
  }

  @Test
  void union_staleSmimeCertificateBesideFreshUserCertificate_freshChosenAndStaleReported() {
    BuiltMessage built = build(listed(List.of(FRESH), List.of(STALE)), UserSMimeCertificates.UNION);

    RecipientResult r = bob(built);
    assertThat(built.complete()).isTrue();
    assertThat(r.certificate()).contains(FRESH.certificate());
    assertThat(r.warnings())
        .singleElement()
        .asString()
        .contains(Thumbprint.sha1(FRESH.certificate()).hex())
        .contains(Thumbprint.sha1(STALE.certificate()).hex())
        .contains("classic Outlook for Windows uses exclusively");
    OpenReport asBob = PKI.open(built.message().orElseThrow().toByteArray(), FRESH);
    assertThat(asBob.passed()).as("%s", asBob.steps()).isTrue();
  }

  @Test
  void exclusive_staleSmimeCertificateHidesFreshUserCertificate_recipientRefusedWithBothReasons() {
    BuiltMessage built =
        build(listed(List.of(FRESH), List.of(STALE)), UserSMimeCertificates.EXCLUSIVE);

    RecipientResult r = bob(built);
    assertThat(built.complete()).isFalse();
    assertThat(r.included()).isFalse();
    assertThat(r.rejections())
        .extracting(CertificateRejection::reason)
        .containsExactlyInAnyOrder(
            RejectionReason.HIDDEN_BY_USER_SMIME_CERTIFICATE, RejectionReason.EXPIRED);
    assertThat(r.refusal().orElseThrow())
        .contains("(UserCertificate) is not considered: UserSMimeCertificate holds 1 certificate")
        .contains("expired on");
  }

  @Test
  void exclusive_freshSmimeCertificate_usedWithoutWarning() {
    BuiltMessage built =
        build(listed(List.of(STALE), List.of(FRESH)), UserSMimeCertificates.EXCLUSIVE);

    RecipientResult r = bob(built);
    assertThat(r.certificate()).contains(FRESH.certificate());
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void union_sameCertificateInBothAttributes_oneCandidateNoWarning() {
    BuiltMessage built = build(listed(List.of(FRESH), List.of(FRESH)), UserSMimeCertificates.UNION);

    RecipientResult r = bob(built);
    assertThat(r.certificate()).contains(FRESH.certificate());
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void exclusive_emptySmimeAttribute_userCertificatesUsed() {
    BuiltMessage built = build(listed(List.of(FRESH), List.of()), UserSMimeCertificates.EXCLUSIVE);

    assertThat(bob(built).certificate()).contains(FRESH.certificate());
  }

  @Test
  void notInDirectory_refusedAsOneOffAddress() {
    BuiltMessage built =
        build(Recipient.notInDirectory("dave@fabrikam.example"), UserSMimeCertificates.UNION);

    RecipientResult dave = built.recipients().get(0);
    assertThat(built.complete()).isFalse();
    assertThat(dave.address()).isEqualTo("dave@fabrikam.example");
    assertThat(dave.rejections())
        .extracting(CertificateRejection::reason)
        .containsExactly(RejectionReason.NOT_IN_DIRECTORY);
    assertThat(dave.refusal().orElseThrow()).contains("one-off address");
  }

  @Test
  void unlistedRecipientWithCertificates_refusedAtConstruction() {
    assertThatThrownBy(
            () -> new Recipient(BOB, List.of(), List.of(FRESH.certificate()), List.of(), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not in the directory");
  }
}
