package io.github.smimekit.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.core.Certificates;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Golden files of rendered scripts and plans: {@code
 * src/test/resources/io/github/smimekit/exchange/ golden/}. Regenerate with {@code
 * -Dgolden.update=true} after a deliberate change and review the diff.
 */
final class GoldenScriptTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  /** A PKI of its own, so that no other test changes these certificates. */
  private static final class Pki {
    static final TestPki PKI = TestPki.create(20, Instant.parse("2026-01-01T00:00:00Z"));
    static final TestCertificate ROOT =
        PKI.rootCa("Contoso Root CA").keyType(KeyType.EC_P256).build();
    static final TestCertificate ISSUING =
        PKI.intermediateCa("Contoso Issuing CA", ROOT).keyType(KeyType.EC_P256).build();
    static final TestCertificate PARTNER_ROOT =
        PKI.rootCa("Fabrikam Root CA").keyType(KeyType.EC_P256).build();
    static final TestCertificate OLD_ROOT =
        PKI.rootCa("Contoso Old Root CA")
            .keyType(KeyType.EC_P256)
            .validity(Instant.parse("2016-01-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"))
            .build();
    static final TestCertificate ALICE = leaf(ISSUING, "alice@contoso.example", "2026-01-01", 365);
    static final TestCertificate BOB =
        leaf(PARTNER_ROOT, "bob@fabrikam.example", "2026-01-01", 365);
    static final TestCertificate CAROL_OLD =
        leaf(ISSUING, "carol@contoso.example", "2025-07-01", 365);
    static final TestCertificate CAROL_EXPIRED =
        leaf(ISSUING, "carol@contoso.example", "2025-01-01", 120);
    static final TestCertificate CAROL_NEW =
        leaf(ISSUING, "carol@contoso.example", "2026-05-15", 365);
    static final TestCertificate FRANK = leaf(ISSUING, "frank@contoso.example", "2026-01-01", 365);
    static final TestCertificate FRANK_OLD =
        leaf(ISSUING, "frank@contoso.example", "2025-06-01", 300);
    static final TestCertificate DAVE_WRONG =
        leaf(ISSUING, "someone.else@contoso.example", "2026-01-01", 365);

    static TestCertificate leaf(TestCertificate issuer, String email, String from, long days) {
      Instant start = Instant.parse(from + "T00:00:00Z");
      return PKI.leaf(issuer)
          .email(email)
          .keyType(KeyType.EC_P256)
          .validity(start, start.plus(Duration.ofDays(days)))
          .build();
    }
  }

  /** A small script: one contact with a quote in its name, one mailbox. */
  static String small() {
    return PowerShell7.script(
        List.of(
            NewMailContact.of("Bob O'Brien", "bob@fabrikam.example"),
            new SetUserCertificates(
                RecipientType.MAIL_CONTACT,
                RecipientIdentity.of("bob@fabrikam.example"),
                List.of(Pki.BOB.certificate())),
            new SetUserCertificates(
                RecipientType.MAILBOX,
                RecipientIdentity.of("alice@contoso.example"),
                List.of(Pki.ALICE.certificate()))),
        ScriptConnect.none());
  }

  static Plan realisticPlan() {
    DesiredState desired =
        new DesiredState(
            List.of(
                DesiredRecipient.of(
                    RecipientType.MAILBOX,
                    "alice@contoso.example",
                    List.of(Pki.ALICE.certificate())),
                DesiredRecipient.of(
                    RecipientType.MAILBOX,
                    "carol@contoso.example",
                    List.of(
                        Pki.CAROL_EXPIRED.certificate(),
                        Pki.CAROL_OLD.certificate(),
                        Pki.CAROL_NEW.certificate())),
                DesiredRecipient.of(
                    RecipientType.MAILBOX,
                    "frank@contoso.example",
                    List.of(Pki.FRANK.certificate())),
                DesiredRecipient.of(
                    RecipientType.MAILBOX,
                    "dave@contoso.example",
                    List.of(Pki.DAVE_WRONG.certificate())),
                DesiredRecipient.contact(
                    "bob@fabrikam.example",
                    "Bob Partner",
                    "bob@fabrikam.example",
                    List.of(Pki.BOB.certificate()))),
            Optional.of(
                new IssuingCa.FromChains(
                    List.of(Pki.ISSUING.certificate()),
                    List.of(Pki.ROOT.certificate(), Pki.PARTNER_ROOT.certificate()))));
    TenantState current =
        new TenantState(
            List.of(
                Fixtures.mailbox("alice@contoso.example", Pki.ALICE),
                Fixtures.mailbox("carol@contoso.example", Pki.CAROL_EXPIRED, Pki.CAROL_OLD),
                new TenantRecipient(
                    RecipientType.MAILBOX,
                    "frank@contoso.example",
                    "frank@contoso.example",
                    List.of(),
                    List.of(Fixtures.der(Pki.FRANK)),
                    List.of(Certificates.encodePkcs7(List.of(Pki.FRANK_OLD.certificate())))),
                Fixtures.mailbox("dave@contoso.example")),
            Optional.of(
                SerializedStore.builder()
                    .add(Pki.ROOT.certificate())
                    .add(Pki.ISSUING.certificate())
                    .add(Pki.OLD_ROOT.certificate())
                    .build()
                    .encode()));
    return Planner.plan(desired, current, PlanOptions.at(NOW));
  }

  /** A realistic script: new CA store, a contact, a renewal, a stale UserSMimeCertificate. */
  static String realistic() {
    return PowerShell7.script(
        realisticPlan(),
        ScriptConnect.appOnly(
            "0123456789ABCDEF0123456789ABCDEF01234567",
            "11111111-2222-3333-4444-555555555555",
            "contoso.onmicrosoft.com"));
  }

  @Test
  void small_matchesGolden() throws IOException {
    golden("small.ps1", small());
  }

  @Test
  void realistic_matchesGolden() throws IOException {
    golden("realistic.ps1", realistic());
    golden("realistic-plan.txt", Plans.text(realisticPlan()));
    golden("realistic-plan.json", Plans.json(realisticPlan()));
  }

  @Test
  void export_matchesGolden() throws IOException {
    golden(
        "export.ps1", PowerShell7.exportScript(ScriptConnect.delegated("admin@contoso.example")));
  }

  @Test
  void realistic_planHasEveryKindOfRecipient() {
    Plan plan = realisticPlan();
    assertThat(plan.recipients())
        .extracting(RecipientPlan::status)
        .containsExactly(
            RecipientStatus.UNCHANGED,
            RecipientStatus.CHANGE,
            RecipientStatus.CHANGE,
            RecipientStatus.BLOCKED,
            RecipientStatus.CREATE);
    assertThat(plan.operations().get(0)).isInstanceOf(SetIssuingCa.class);
  }

  @Test
  void rendering_isDeterministic() {
    assertThat(realistic()).isEqualTo(realistic());
    assertThat(Plans.json(realisticPlan())).isEqualTo(Plans.json(realisticPlan()));
  }

  private static void golden(String name, String actual) throws IOException {
    String resource = "golden/" + name;
    if (Boolean.getBoolean("golden.update")) {
      Path p = Path.of("src/test/resources/io/github/smimekit/exchange", resource);
      Files.createDirectories(p.getParent());
      Files.writeString(p, actual, StandardCharsets.UTF_8);
      return;
    }
    String expected;
    try (InputStream in = GoldenScriptTest.class.getResourceAsStream(resource)) {
      assertThat(in)
          .as("golden file %s (create it with -Dgolden.update=true)", resource)
          .isNotNull();
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(expected);
  }
}
