package io.github.smimekit.exchange;

import static io.github.smimekit.exchange.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.testing.TestCertificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The planner's rules, one scenario each (issue: the plans that must be tested). */
final class PlannerTest {
  private final Fixtures f = Fixtures.get();

  private IssuingCa listedCas() {
    return new IssuingCa.Listed(f.cas());
  }

  private TenantState currentWithStore(TenantRecipient... recipients) {
    return new TenantState(
        List.of(recipients),
        Optional.of(
            Fixtures.store(
                f.root.certificate(), f.issuing.certificate(), f.partnerRoot.certificate())));
  }

  @Test
  void plan_newContact_createsThenSetsCertificate() {
    DesiredState desired =
        Fixtures.desired(
            listedCas(),
            DesiredRecipient.contact(
                "bob@fabrikam.example",
                "Bob Partner",
                "bob@fabrikam.example",
                List.of(f.bob.certificate())));
    Plan plan = Planner.plan(desired, currentWithStore(), PlanOptions.at(NOW));

    assertThat(plan.recipients())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(RecipientStatus.CREATE);
              assertThat(r.changes())
                  .extracting(CertificateChange::kind)
                  .containsExactly(CertificateChange.Kind.ADD);
            });
    assertThat(plan.operations()).hasSize(2);
    assertThat(plan.operations().get(0))
        .isEqualTo(NewMailContact.of("Bob Partner", "bob@fabrikam.example"));
    assertThat(plan.operations().get(1))
        .isEqualTo(
            new SetUserCertificates(
                RecipientType.MAIL_CONTACT,
                RecipientIdentity.of("bob@fabrikam.example"),
                List.of(f.bob.certificate())));
    assertThat(plan.caStore().operation()).isEmpty();
    assertThat(Plans.text(plan))
        .contains("+ MailContact bob@fabrikam.example (create)")
        .contains("Plan: 1 to add, 0 to change, 0 to destroy");
  }

  @Test
  void plan_renewal_keepsOldUntilExpiryThenDropsIt() {
    TestCertificate old =
        f.leaf(f.issuing, "carol@contoso.example", NOW.minus(Duration.ofDays(300)), 330);
    TestCertificate renewed =
        f.leaf(f.issuing, "carol@contoso.example", NOW.minus(Duration.ofDays(1)), 365);
    DesiredState desired =
        Fixtures.desired(
            listedCas(),
            DesiredRecipient.of(
                RecipientType.MAILBOX,
                "carol@contoso.example",
                List.of(old.certificate(), renewed.certificate())));
    TenantState current = currentWithStore(Fixtures.mailbox("carol@contoso.example", old));

    Plan now = Planner.plan(desired, current, PlanOptions.at(NOW));
    SetUserCertificates set = (SetUserCertificates) now.operations().get(0);
    assertThat(set.certificates())
        .containsExactly(renewed.certificate(), old.certificate()); // newest first, old kept

    Plan later = Planner.plan(desired, current, PlanOptions.at(NOW.plus(Duration.ofDays(40))));
    SetUserCertificates after = (SetUserCertificates) later.operations().get(0);
    assertThat(after.certificates()).containsExactly(renewed.certificate());
    assertThat(later.recipients().get(0).findings())
        .extracting(ExchangeFinding::code)
        .contains("expired-dropped");
    assertThat(later.recipients().get(0).changes())
        .anySatisfy(
            c -> {
              assertThat(c.kind()).isEqualTo(CertificateChange.Kind.REMOVE);
              assertThat(c.sha1()).isEqualTo(Fixtures.sha1(old));
            });
  }

  @Test
  void plan_expiredCaInCurrentStore_isAlwaysRemoved() {
    DesiredState desired =
        new DesiredState(
            List.of(
                DesiredRecipient.of(
                    RecipientType.MAILBOX,
                    "alice@contoso.example",
                    List.of(f.alice.certificate()))),
            Optional.empty());
    TenantState current =
        new TenantState(
            List.of(Fixtures.mailbox("alice@contoso.example", f.alice)),
            Optional.of(
                Fixtures.store(
                    f.root.certificate(), f.issuing.certificate(), f.expiredRoot.certificate())));

    Plan plan = Planner.plan(desired, current, PlanOptions.at(NOW).withKeepUnusedCas(true));

    assertThat(plan.caStore().operation()).isPresent();
    assertThat(plan.caStore().operation().get().thumbprints())
        .containsExactly(Fixtures.sha1(f.root), Fixtures.sha1(f.issuing));
    assertThat(plan.caStore().findings()).extracting(ExchangeFinding::code).contains("expired-ca");
    assertThat(plan.caStore().changes())
        .filteredOn(c -> c.kind() == CertificateChange.Kind.REMOVE)
        .extracting(CertificateChange::sha1)
        .containsExactly(Fixtures.sha1(f.expiredRoot));
    assertThat(plan.recipients().get(0).status()).isEqualTo(RecipientStatus.UNCHANGED);
  }

  @Test
  void plan_emailMismatch_blocksRecipient() {
    DesiredState desired =
        Fixtures.desired(
            listedCas(),
            DesiredRecipient.of(
                RecipientType.MAILBOX, "dave@contoso.example", List.of(f.alice.certificate())));
    Plan plan =
        Planner.plan(
            desired,
            currentWithStore(Fixtures.mailbox("dave@contoso.example")),
            PlanOptions.at(NOW));

    RecipientPlan r = plan.recipients().get(0);
    assertThat(r.status()).isEqualTo(RecipientStatus.BLOCKED);
    assertThat(r.findings()).extracting(ExchangeFinding::code).contains("email-mismatch");
    assertThat(plan.operations()).isEmpty();
    assertThat(plan.hasBlocked()).isTrue();
  }

  @Test
  void plan_proxyAddressMatches_onlyWhenEnabled() {
    TestCertificate cert = f.leaf(f.issuing, "erin.alias@contoso.example");
    TenantRecipient erin =
        new TenantRecipient(
            RecipientType.MAILBOX,
            "erin@contoso.example",
            "erin@contoso.example",
            List.of("erin.alias@contoso.example"),
            List.of(),
            List.of());
    DesiredState desired =
        Fixtures.desired(
            listedCas(),
            DesiredRecipient.of(
                RecipientType.MAILBOX, "erin@contoso.example", List.of(cert.certificate())));
    assertThat(
            Planner.plan(desired, currentWithStore(erin), PlanOptions.at(NOW))
                .recipients()
                .get(0)
                .status())
        .isEqualTo(RecipientStatus.BLOCKED);
    assertThat(
            Planner.plan(
                    desired,
                    currentWithStore(erin),
                    PlanOptions.at(NOW).withMatchProxyAddresses(true))
                .recipients()
                .get(0)
                .status())
        .isEqualTo(RecipientStatus.CHANGE);
  }

  @Test
  void plan_missingCa_namesTheCa() {
    DesiredState desired =
        Fixtures.desired(
            new IssuingCa.Listed(List.of(f.root.certificate())),
            DesiredRecipient.of(
                RecipientType.MAILBOX, "alice@contoso.example", List.of(f.alice.certificate())));
    Plan plan =
        Planner.plan(
            desired,
            currentWithStore(Fixtures.mailbox("alice@contoso.example")),
            PlanOptions.at(NOW));

    RecipientPlan r = plan.recipients().get(0);
    assertThat(r.status()).isEqualTo(RecipientStatus.BLOCKED);
    assertThat(r.findings())
        .filteredOn(x -> x.code().equals("missing-ca"))
        .singleElement()
        .satisfies(x -> assertThat(x.message()).contains("Contoso Issuing CA"));
  }

  @Test
  void plan_fromChains_buildsStoreFromChains() {
    DesiredState desired =
        Fixtures.desired(
            new IssuingCa.FromChains(
                List.of(f.issuing.certificate()),
                List.of(f.root.certificate(), f.partnerRoot.certificate())),
            DesiredRecipient.of(
                RecipientType.MAILBOX, "alice@contoso.example", List.of(f.alice.certificate())));
    Plan plan =
        Planner.plan(
            desired,
            new TenantState(List.of(Fixtures.mailbox("alice@contoso.example")), Optional.empty()),
            PlanOptions.at(NOW));

    assertThat(plan.caStore().operation().orElseThrow().thumbprints())
        .containsExactly(Fixtures.sha1(f.issuing), Fixtures.sha1(f.root));
    assertThat(plan.operations().get(0)).isInstanceOf(SetIssuingCa.class);
    assertThat(plan.recipients().get(0).status()).isEqualTo(RecipientStatus.CHANGE);
  }

  @Test
  void plan_fromChains_chainThatDoesNotBuild_blocksWithDiagnosis() {
    DesiredState desired =
        Fixtures.desired(
            new IssuingCa.FromChains(List.of(), List.of(f.root.certificate())),
            DesiredRecipient.of(
                RecipientType.MAILBOX, "alice@contoso.example", List.of(f.alice.certificate())));
    Plan plan =
        Planner.plan(
            desired,
            new TenantState(List.of(Fixtures.mailbox("alice@contoso.example")), Optional.empty()),
            PlanOptions.at(NOW));
    assertThat(plan.recipients().get(0).status()).isEqualTo(RecipientStatus.BLOCKED);
    assertThat(plan.recipients().get(0).findings().get(0).message()).contains("Contoso Issuing CA");
  }

  @Test
  void plan_staleUserSMimeCertificate_isFlaggedAndCleared() {
    TestCertificate older = f.leaf(f.issuing, "frank@contoso.example");
    TestCertificate fresh = f.leaf(f.issuing, "frank@contoso.example");
    TenantRecipient frank =
        new TenantRecipient(
            RecipientType.MAILBOX,
            "frank@contoso.example",
            "frank@contoso.example",
            List.of(),
            List.of(Fixtures.der(fresh)),
            List.of(Certificates.encodePkcs7(List.of(older.certificate()))));
    DesiredState desired =
        Fixtures.desired(
            listedCas(),
            DesiredRecipient.of(
                RecipientType.MAILBOX, "frank@contoso.example", List.of(fresh.certificate())));

    Plan plan = Planner.plan(desired, currentWithStore(frank), PlanOptions.at(NOW));

    assertThat(plan.recipients().get(0).findings())
        .extracting(ExchangeFinding::code)
        .contains("stale-user-smime-certificate");
    assertThat(plan.operations())
        .containsExactly(
            SetUserSMimeCertificate.clear(
                RecipientType.MAILBOX, RecipientIdentity.of("frank@contoso.example")));
  }

  @Test
  void plan_nothingToDo_isEmpty() {
    DesiredState desired =
        Fixtures.desired(
            listedCas(),
            DesiredRecipient.of(
                RecipientType.MAILBOX, "alice@contoso.example", List.of(f.alice.certificate())));
    Plan plan =
        Planner.plan(
            desired,
            currentWithStore(Fixtures.mailbox("alice@contoso.example", f.alice)),
            PlanOptions.at(NOW));
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.recipients().get(0).status()).isEqualTo(RecipientStatus.UNCHANGED);
    assertThat(Plans.text(plan)).contains("No changes.");
    assertThat(PowerShell7.script(plan, ScriptConnect.none()))
        .contains("Nothing to change")
        .doesNotContain("Set-Mailbox");
  }

  @Test
  void plan_unusedCa_isRemovedUnlessKept() {
    DesiredState desired =
        Fixtures.desired(
            new IssuingCa.Listed(List.of(f.root.certificate(), f.issuing.certificate())),
            DesiredRecipient.of(
                RecipientType.MAILBOX, "alice@contoso.example", List.of(f.alice.certificate())));
    TenantState current = currentWithStore(Fixtures.mailbox("alice@contoso.example", f.alice));
    Plan removing = Planner.plan(desired, current, PlanOptions.at(NOW));
    assertThat(removing.caStore().changes())
        .filteredOn(c -> c.kind() == CertificateChange.Kind.REMOVE)
        .extracting(CertificateChange::sha1)
        .containsExactly(Fixtures.sha1(f.partnerRoot));
    Plan keeping = Planner.plan(desired, current, PlanOptions.at(NOW).withKeepUnusedCas(true));
    assertThat(keeping.isEmpty()).isTrue();
  }

  @Test
  void plan_moreThanMaxCertificates_keepsNewest() {
    TestCertificate a =
        f.leaf(f.issuing, "gina@contoso.example", NOW.minus(Duration.ofDays(30)), 365);
    TestCertificate b =
        f.leaf(f.issuing, "gina@contoso.example", NOW.minus(Duration.ofDays(20)), 365);
    TestCertificate c =
        f.leaf(f.issuing, "gina@contoso.example", NOW.minus(Duration.ofDays(10)), 365);
    DesiredState desired =
        Fixtures.desired(
            listedCas(),
            DesiredRecipient.of(
                RecipientType.MAILBOX,
                "gina@contoso.example",
                List.of(a.certificate(), b.certificate(), c.certificate())));
    Plan plan =
        Planner.plan(
            desired,
            currentWithStore(Fixtures.mailbox("gina@contoso.example")),
            PlanOptions.at(NOW).withMaxCertificates(2));
    assertThat(((SetUserCertificates) plan.operations().get(0)).certificates())
        .containsExactly(c.certificate(), b.certificate());
    assertThat(plan.recipients().get(0).findings())
        .extracting(ExchangeFinding::code)
        .contains("superseded");
  }

  @Test
  void plan_unknownMailbox_isBlocked() {
    DesiredState desired =
        Fixtures.desired(
            listedCas(),
            DesiredRecipient.of(
                RecipientType.MAILBOX, "alice@contoso.example", List.of(f.alice.certificate())));
    Plan plan = Planner.plan(desired, currentWithStore(), PlanOptions.at(NOW));
    assertThat(plan.recipients().get(0).findings())
        .extracting(ExchangeFinding::code)
        .containsExactly("not-found");
  }

  @Test
  void plan_bulkCertificates_matchedByAddress_unmatchedAndAmbiguousReported() {
    TestCertificate forAlice = f.leaf(f.issuing, "ALICE@contoso.example");
    TestCertificate nobody = f.leaf(f.issuing, "nobody@contoso.example");
    TenantRecipient twin1 =
        new TenantRecipient(
            RecipientType.MAILBOX,
            "twin1@contoso.example",
            "twin@contoso.example",
            List.of(),
            List.of(),
            List.of());
    TenantRecipient twin2 =
        new TenantRecipient(
            RecipientType.MAILBOX,
            "twin2@contoso.example",
            "TWIN@contoso.example",
            List.of(),
            List.of(),
            List.of());
    TestCertificate forTwin = f.leaf(f.issuing, "twin@contoso.example");
    TenantState current =
        currentWithStore(Fixtures.mailbox("alice@contoso.example", f.alice), twin1, twin2);
    DesiredState desired = new DesiredState(List.of(), Optional.empty());

    Plan plan =
        Planner.plan(
            desired,
            Optional.of(current),
            List.of(forAlice.certificate(), nobody.certificate(), forTwin.certificate()),
            PlanOptions.at(NOW));

    assertThat(plan.recipients())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.identity().value()).isEqualTo("alice@contoso.example");
              assertThat(r.status()).isEqualTo(RecipientStatus.CHANGE);
            });
    SetUserCertificates set = (SetUserCertificates) plan.operations().get(0);
    assertThat(set.certificates())
        .containsExactlyInAnyOrder(f.alice.certificate(), forAlice.certificate());
    assertThat(plan.findings())
        .extracting(ExchangeFinding::code)
        .containsExactly("unmatched-certificate", "ambiguous-certificate");
  }

  @Test
  void plan_json_hasOperationsAndRecipients() {
    DesiredState desired =
        Fixtures.desired(
            listedCas(),
            DesiredRecipient.of(
                RecipientType.MAILBOX, "alice@contoso.example", List.of(f.alice.certificate())));
    Plan plan =
        Planner.plan(
            desired,
            currentWithStore(Fixtures.mailbox("alice@contoso.example")),
            PlanOptions.at(NOW));
    String json = Plans.json(plan);
    assertThat(json)
        .contains("\"cmdlet\" : \"Set-Mailbox\"")
        .contains("\"identity\" : \"alice@contoso.example\"")
        .contains("\"status\" : \"change\"")
        .contains("\"sha1\" : \"" + Fixtures.sha1(f.alice) + "\"")
        .doesNotContain(
            java.util.Base64.getEncoder().encodeToString(f.alice.der()).substring(0, 40));
    assertThat(Bytes.copyOf(f.alice.der()).size()).isPositive();
  }
}
