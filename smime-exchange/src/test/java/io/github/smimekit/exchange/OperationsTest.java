package io.github.smimekit.exchange;

import static io.github.smimekit.exchange.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation of every operation and every limit. */
final class OperationsTest {
  private final Fixtures f = Fixtures.get();
  private static final RecipientIdentity ALICE = RecipientIdentity.of("alice@contoso.example");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a\rb",
        "a\nb",
        "a\u0000b",
        "a\u0001b",
        "a\u001Fb",
        "a\u007Fb",
        "a\u0085b",
        "a\u009Fb",
        "a\u2028b"
      })
  void identity_controlCharacter_refusedNamingRecipient(String value) {
    assertThatThrownBy(() -> RecipientIdentity.of(value))
        .isInstanceOf(ExchangeException.class)
        .hasMessageContaining("recipient identity 'a\\u")
        .hasMessageContaining("control character U+")
        .satisfies(e -> assertThat(((ExchangeException) e).recipient()).contains(value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void identity_blank_refused(String value) {
    assertThatThrownBy(() -> RecipientIdentity.of(value))
        .isInstanceOf(ExchangeException.class)
        .hasMessageStartingWith("recipient identity is blank");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "O'Brien",
        "Zoë Ünal",
        "a`b",
        "$(Remove-Item x)",
        "a;b|c",
        "‘quoted’",
        "日本語",
        "\uD83D\uDE00"
      })
  void identity_hostileButLegal_accepted(String value) {
    assertThat(RecipientIdentity.of(value).value()).isEqualTo(value);
  }

  @Test
  void identity_tooLong_refused() {
    assertThatThrownBy(() -> RecipientIdentity.of("x".repeat(RecipientIdentity.MAX_LENGTH + 1)))
        .isInstanceOf(ExchangeException.class)
        .hasMessageContaining("over the limit of 1024");
  }

  @Test
  void newMailContact_rendersNameAddressAndDisplayName() {
    NewMailContact c = new NewMailContact("Bob", "bob@fabrikam.example", Optional.of("Bob P."));
    assertThat(c.toCmdletCall().cmdlet()).isEqualTo("New-MailContact");
    assertThat(c.toCmdletCall().parameters())
        .containsExactly(
            java.util.Map.entry("Name", ParameterValue.text("Bob")),
            java.util.Map.entry(
                "ExternalEmailAddress", ParameterValue.text("bob@fabrikam.example")),
            java.util.Map.entry("DisplayName", ParameterValue.text("Bob P.")));
  }

  @Test
  void newMailContact_badValues_refused() {
    assertThatThrownBy(() -> NewMailContact.of("Bob", "not-an-address"))
        .isInstanceOf(ExchangeException.class)
        .hasMessageContaining("not an e-mail address: 'not-an-address'");
    assertThatThrownBy(() -> NewMailContact.of("x".repeat(65), "bob@fabrikam.example"))
        .isInstanceOf(ExchangeException.class)
        .hasMessageContaining("over the limit of 64");
    assertThatThrownBy(() -> NewMailContact.of("Bo\nb", "bob@fabrikam.example"))
        .isInstanceOf(ExchangeException.class)
        .hasMessageContaining("contact name");
  }

  @Test
  void setUserCertificates_dedupesBySha1AndRendersList() {
    SetUserCertificates s =
        new SetUserCertificates(
            RecipientType.MAILBOX,
            ALICE,
            List.of(f.alice.certificate(), f.alice.certificate(), f.bob.certificate()));
    assertThat(s.certificates()).containsExactly(f.alice.certificate(), f.bob.certificate());
    CmdletCall call = s.toCmdletCall();
    assertThat(call.cmdlet()).isEqualTo("Set-Mailbox");
    assertThat(call.parameter("UserCertificate"))
        .contains(ParameterValue.byteList(List.of(Fixtures.der(f.alice), Fixtures.der(f.bob))));
    assertThat(s.warnings()).isEmpty();
  }

  @Test
  void setUserCertificates_clear_isNullNeverEmptyList() {
    SetUserCertificates s = SetUserCertificates.clear(RecipientType.MAIL_CONTACT, ALICE);
    assertThat(s.toCmdletCall().cmdlet()).isEqualTo("Set-MailContact");
    assertThat(s.toCmdletCall().parameter("UserCertificate")).contains(ParameterValue.nullValue());
  }

  @Test
  void setUserCertificates_moreThanThree_warns_moreThanFifteen_refused() {
    List<X509Certificate> certs = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      certs.add(f.leaf(f.issuing, "many@contoso.example").certificate());
    }
    SetUserCertificates four =
        new SetUserCertificates(RecipientType.MAILBOX, ALICE, certs.subList(0, 4));
    assertThat(four.warnings())
        .extracting(ExchangeFinding::code)
        .containsExactly("many-certificates");
    assertThat(
            new SetUserCertificates(RecipientType.MAILBOX, ALICE, certs.subList(0, 15))
                .certificates())
        .hasSize(15);
    assertThatThrownBy(() -> new SetUserCertificates(RecipientType.MAILBOX, ALICE, certs))
        .isInstanceOf(ExchangeException.class)
        .hasMessageContaining("'alice@contoso.example': 16 certificates is over the limit of 15");
  }

  @Test
  void setUserCertificates_valueOver32768Bytes_refused() {
    TestCertificate big =
        f.pki
            .leaf(f.issuing)
            .email("big@contoso.example")
            .keyType(KeyType.EC_P256)
            .extension("1.2.3.4.5", false, new byte[33_000])
            .build();
    assertThat(big.der().length).isGreaterThan(ExchangeLimits.MAX_CERTIFICATE_VALUE_BYTES);
    assertThatThrownBy(
            () -> new SetUserCertificates(RecipientType.MAILBOX, ALICE, List.of(big.certificate())))
        .isInstanceOf(ExchangeException.class)
        .hasMessageContaining(Thumbprint.sha1(big.certificate()).hex())
        .hasMessageContaining("over the limit of 32768 bytes per value");
  }

  @Test
  void setUserSMimeCertificate_blobIsCertsOnlyPkcs7() {
    SetUserSMimeCertificate s =
        new SetUserSMimeCertificate(RecipientType.MAILBOX, ALICE, List.of(f.alice.certificate()));
    Bytes blob = s.blob().orElseThrow();
    assertThat(Certificates.read(blob)).containsExactly(f.alice.certificate());
    assertThat(s.toCmdletCall().parameter("UserSMimeCertificate"))
        .contains(ParameterValue.byteList(List.of(blob)));
    assertThat(
            SetUserSMimeCertificate.clear(RecipientType.MAILBOX, ALICE)
                .toCmdletCall()
                .parameter("UserSMimeCertificate"))
        .contains(ParameterValue.nullValue());
  }

  @Test
  void setIssuingCa_expiredCertificate_refused() {
    SerializedStore store =
        SerializedStore.builder()
            .add(f.root.certificate())
            .add(f.expiredRoot.certificate())
            .build();
    assertThatThrownBy(() -> SetIssuingCa.of(store, NOW))
        .isInstanceOf(ExchangeException.class)
        .hasMessageContaining(Thumbprint.sha1(f.expiredRoot.certificate()).hex())
        .hasMessageContaining("expired on");
  }

  @Test
  void setIssuingCa_overSizeLimit_refused_limitIsASetting() {
    SerializedStore store = SerializedStore.builder().addAll(f.cas()).build();
    long size = store.encodedSize();
    assertThat(SetIssuingCa.of(store, NOW).toCmdletCall().parameter("SMIMECertificateIssuingCA"))
        .contains(ParameterValue.bytes(store.encode()));
    IssuingCaStoreCheck tight = IssuingCaStoreCheck.defaults().withSizeLimitBytes(size - 1);
    assertThatThrownBy(() -> new SetIssuingCa(store, NOW, tight))
        .isInstanceOf(ExchangeException.class)
        .hasMessageContaining(
            "issuing-CA store of " + size + " bytes is over the limit of " + (size - 1));
    assertThat(IssuingCaStoreCheck.defaults().sizeLimitBytes()).isEqualTo(70_000);
  }

  @Test
  void setIssuingCa_nonCaCertificate_warns() {
    SerializedStore store =
        SerializedStore.builder().add(f.root.certificate()).add(f.alice.certificate()).build();
    assertThat(SetIssuingCa.of(store, NOW).warnings())
        .extracting(ExchangeFinding::code)
        .containsExactly("not-a-ca");
  }

  @Test
  void setSmimeConfig_typedValues() {
    SetSmimeConfig s =
        SetSmimeConfig.builder()
            .set(SmimeFlag.OWA_ALWAYS_SIGN, true)
            .set(SmimeNumber.OWA_BCC_ENCRYPTED_EMAIL_FORKING, 2)
            .set(SmimeNumber.OWA_CRL_CONNECTION_TIMEOUT, 4_294_967_295L)
            .encryptionAlgorithms(EncryptionAlgorithm.AES256, EncryptionAlgorithm.AES128)
            .signingAlgorithms(SigningAlgorithm.SHA256)
            .senderCertificateAttributesToDisplay("2.5.4.3")
            .build();
    CmdletCall call = s.toCmdletCall();
    assertThat(call.parameters().keySet())
        .containsExactly(
            "OWAAlwaysSign",
            "OWABCCEncryptedEmailForking",
            "OWACRLConnectionTimeout",
            "OWAEncryptionAlgorithms",
            "OWASigningAlgorithms",
            "OWASenderCertificateAttributesToDisplay");
    assertThat(call.parameter("OWAEncryptionAlgorithms"))
        .contains(ParameterValue.text("6610;660E"));
    assertThat(call.parameter("OWASigningAlgorithms")).contains(ParameterValue.text("800C"));
    assertThat(call.parameter("OWABCCEncryptedEmailForking")).contains(ParameterValue.uint32(2));
  }

  @Test
  void setSmimeConfig_outOfRange_refused() {
    assertThatThrownBy(
            () -> SetSmimeConfig.builder().set(SmimeNumber.OWA_BCC_ENCRYPTED_EMAIL_FORKING, 3))
        .isInstanceOf(ExchangeException.class)
        .hasMessageContaining("-OWABCCEncryptedEmailForking 3 is out of range 0..2");
    assertThatThrownBy(() -> SetSmimeConfig.builder().set(SmimeNumber.OWA_DL_EXPANSION_TIMEOUT, -1))
        .isInstanceOf(ExchangeException.class);
    assertThatThrownBy(
            () -> SetSmimeConfig.builder().set(SmimeNumber.OWA_DL_EXPANSION_TIMEOUT, 1L << 32))
        .isInstanceOf(ExchangeException.class);
    assertThatThrownBy(() -> SetSmimeConfig.builder().build())
        .isInstanceOf(ExchangeException.class)
        .hasMessage("Set-SmimeConfig with no setting");
    assertThatThrownBy(
            () ->
                SetSmimeConfig.builder().senderCertificateAttributesToDisplay("2.5.4.3; x").build())
        .isInstanceOf(ExchangeException.class)
        .hasMessageContaining("not an OID");
  }

  @Test
  void reads_areCmdletCalls() {
    assertThat(new GetRecipient(RecipientType.MAIL_USER, ALICE).toCmdletCall())
        .isEqualTo(
            CmdletCall.builder("Get-MailUser")
                .put("Identity", ParameterValue.text("alice@contoso.example"))
                .build());
    assertThat(new GetSmimeConfig().toCmdletCall().cmdlet()).isEqualTo("Get-SmimeConfig");
    assertThat(new GetSmimeConfig().readOnly()).isTrue();
  }
}
