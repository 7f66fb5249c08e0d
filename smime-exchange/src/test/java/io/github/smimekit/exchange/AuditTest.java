package io.github.smimekit.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.Severity;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Audit} over a tenant state, its renderings, and {@link ExchangeClient#audit}. */
final class AuditTest {
  private FakeFixture f;
  private Instant now;

  @BeforeEach
  void setUp() throws Exception {
    f = new FakeFixture();
    now = FakeFixture.NOW;
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private X509Certificate leaf(String email) {
    return f.pki.leaf(f.root).email(email).keyType(KeyType.EC_P256).build().certificate();
  }

  private static Bytes der(X509Certificate c) {
    return Certificates.encodeDer(c);
  }

  private static TenantRecipient mailbox(String id, List<String> proxies, List<Bytes> certs) {
    return new TenantRecipient(RecipientType.MAILBOX, id, id, proxies, certs, List.of());
  }

  private Optional<Bytes> store(X509Certificate... cas) {
    return Optional.of(SerializedStore.builder().addAll(List.of(cas)).build().encode());
  }

  private static List<String> codes(AuditedRecipient r) {
    List<String> out = new ArrayList<>();
    r.findings().forEach(x -> out.add(x.code()));
    r.certificates().forEach(c -> c.findings().forEach(x -> out.add(x.code())));
    return out;
  }

  @Test
  void cleanTenant_isClean() {
    TenantState state =
        new TenantState(
            List.of(
                mailbox("alice@contoso.com", List.of(), List.of(der(leaf("alice@contoso.com"))))),
            store(f.root.certificate()));

    AuditReport r = Audit.run(state, AuditOptions.at(now));

    assertThat(r.recipients()).hasSize(1);
    assertThat(codes(r.recipients().get(0))).isEmpty();
    assertThat(r.store().certificates()).hasSize(1);
    assertThat(r.clean()).as(AuditReports.text(r)).isTrue();
    assertThat(r.count(Severity.ERROR)).isZero();
  }

  @Test
  void everyFindingOfARecipient_hasItsCode() {
    TestCertificate other = f.pki.rootCa("Fabrikam Root").keyType(KeyType.EC_P256).build();
    X509Certificate expired =
        f.pki
            .leaf(f.root)
            .email("a@contoso.com")
            .keyType(KeyType.EC_P256)
            .expired()
            .build()
            .certificate();
    X509Certificate soon =
        f.pki
            .leaf(f.root)
            .email("b@contoso.com")
            .keyType(KeyType.EC_P256)
            .validity(now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(10)))
            .build()
            .certificate();
    X509Certificate proxy = leaf("old.c@contoso.com");
    X509Certificate wrong = leaf("someone@else.example");
    X509Certificate foreign =
        f.pki.leaf(other).email("e@contoso.com").keyType(KeyType.EC_P256).build().certificate();
    X509Certificate fOld = leaf("f@contoso.com");
    X509Certificate fNew =
        f.pki
            .leaf(f.root)
            .email("f@contoso.com")
            .keyType(KeyType.EC_P256)
            .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(400)))
            .build()
            .certificate();
    List<Bytes> sixteen = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      sixteen.add(der(leaf("g@contoso.com")));
    }
    TenantState state =
        new TenantState(
            List.of(
                mailbox("a@contoso.com", List.of(), List.of(der(expired))),
                mailbox("b@contoso.com", List.of(), List.of(der(soon))),
                mailbox("c@contoso.com", List.of("old.c@contoso.com"), List.of(der(proxy))),
                mailbox("d@contoso.com", List.of(), List.of(der(wrong))),
                mailbox("e@contoso.com", List.of(), List.of(der(foreign))),
                new TenantRecipient(
                    RecipientType.MAILBOX,
                    "f@contoso.com",
                    "f@contoso.com",
                    List.of(),
                    List.of(der(fOld), der(fNew)),
                    List.of(Certificates.encodePkcs7(List.of(fOld)))),
                mailbox("g@contoso.com", List.of(), sixteen),
                mailbox(
                    "h@contoso.com", List.of(), List.of(Bytes.copyOf(new byte[] {0x30, 0x03, 1}))),
                mailbox("nothing@contoso.com", List.of(), List.of())),
            store(f.root.certificate()));

    AuditReport r = Audit.run(state, AuditOptions.at(now));

    assertThat(r.recipients())
        .extracting(a -> a.recipient().identity())
        .doesNotContain("nothing@contoso.com")
        .hasSize(8);
    assertThat(codes(r.recipients().get(0))).containsExactly("expired");
    assertThat(codes(r.recipients().get(1))).containsExactly("expiring-soon");
    assertThat(codes(r.recipients().get(2))).containsExactly("email-matches-proxy");
    assertThat(r.recipients().get(2).certificates().get(0).findings().get(0).message())
        .contains("old.c@contoso.com")
        .contains("OWAUseSecondaryProxiesWhenFindingCertificates");
    assertThat(codes(r.recipients().get(3))).containsExactly("email-mismatch");
    assertThat(codes(r.recipients().get(4))).containsExactly("missing-ca");
    assertThat(r.recipients().get(4).certificates().get(0).findings().get(0).message())
        .contains("Fabrikam Root");
    assertThat(codes(r.recipients().get(5))).containsExactly("stale-user-smime-certificate");
    assertThat(r.recipients().get(5).findings().get(0).message())
        .contains(Thumbprint.sha1(fNew).hex());
    assertThat(codes(r.recipients().get(6))).containsExactly("over-sync-limit");
    assertThat(codes(r.recipients().get(7))).containsExactly("undecodable-value");
    assertThat(AuditOptions.at(now).withExpiringWithin(Duration.ofDays(5)).expiringWithin())
        .isEqualTo(Duration.ofDays(5));
    assertThat(
            codes(
                Audit.run(state, AuditOptions.at(now).withExpiringWithin(Duration.ofDays(5)))
                    .recipients()
                    .get(1)))
        .isEmpty();
    assertThat(r.clean()).isFalse();
    assertThat(r.count(Severity.ERROR)).isEqualTo(5);
  }

  @Test
  void store_findings_expiredCaAbsentAndUndecodable() {
    X509Certificate expiredCa =
        f.pki.rootCa("Old Root").keyType(KeyType.EC_P256).expired().build().certificate();
    X509Certificate notCa = leaf("x@contoso.com");
    AuditReport r =
        Audit.run(
            new TenantState(List.of(), store(f.root.certificate(), expiredCa, notCa)),
            AuditOptions.at(now));
    assertThat(r.store().certificates()).hasSize(3);
    assertThat(r.store().certificates().get(1).findings())
        .extracting(ExchangeFinding::code)
        .containsExactly("expired-ca");
    assertThat(r.store().certificates().get(2).findings())
        .extracting(ExchangeFinding::code)
        .containsExactly("not-a-ca");

    TenantState none =
        new TenantState(
            List.of(mailbox("a@contoso.com", List.of(), List.of(der(leaf("a@contoso.com"))))),
            Optional.empty());
    AuditReport n = Audit.run(none, AuditOptions.at(now));
    assertThat(n.store().findings())
        .extracting(ExchangeFinding::code)
        .containsExactly("no-issuing-ca-store");
    assertThat(codes(n.recipients().get(0))).containsExactly("missing-ca");

    AuditReport bad =
        Audit.run(
            new TenantState(List.of(), Optional.of(Bytes.copyOf(new byte[] {1, 2, 3, 4, 5}))),
            AuditOptions.at(now));
    assertThat(bad.store().findings())
        .extracting(ExchangeFinding::code)
        .containsExactly("store-undecodable");
  }

  @Test
  void renderings_escapeHostileValues_areSelfContainedAndDeterministic() throws Exception {
    String hostile = "<script>alert('x')</script>&co\"@contoso.com";
    TenantState state =
        new TenantState(
            List.of(
                new TenantRecipient(
                    RecipientType.MAIL_CONTACT,
                    hostile,
                    "p&q@contoso.com",
                    List.of(),
                    List.of(der(leaf("p&q@contoso.com")), Bytes.copyOf(new byte[] {9, 9})),
                    List.of())),
            store(f.root.certificate()));
    AuditReport r = Audit.run(state, AuditOptions.at(now));

    String html = AuditReports.html(r);
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .doesNotContainIgnoringCase("<script")
        .doesNotContainIgnoringCase("src=")
        .doesNotContainIgnoringCase("href")
        .doesNotContain("http://")
        .doesNotContain("https://")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;co&quot;@contoso.com")
        .contains("p&amp;q@contoso.com")
        .contains("undecodable-value");
    assertThat(html.indexOf("errors")).isLessThan(html.indexOf("Recipients"));
    assertThat(AuditReports.html(Audit.run(state, AuditOptions.at(now)))).isEqualTo(html);

    JsonNode json = JsonMapper.builder().build().readTree(AuditReports.json(r));
    assertThat(json.get("at").asText()).isEqualTo(now.toString());
    assertThat(json.get("clean").asBoolean()).isFalse();
    assertThat(json.get("counts").get("error").asInt()).isEqualTo(r.count(Severity.ERROR));
    JsonNode rec = json.get("recipients").get(0);
    assertThat(rec.get("identity").asText()).isEqualTo(hostile);
    assertThat(rec.get("type").asText()).isEqualTo("MailContact");
    assertThat(rec.get("findings").get(0).get("code").asText()).isEqualTo("undecodable-value");
    assertThat(rec.get("certificates").get(0).get("sha1").asText()).hasSize(40);
    assertThat(json.get("store").get("present").asBoolean()).isTrue();
    assertThat(AuditReports.json(r))
        .isEqualTo(AuditReports.json(Audit.run(state, AuditOptions.at(now))));

    String text = AuditReports.text(r);
    assertThat(text).contains("undecodable-value").contains(hostile).doesNotContain("\r");
  }

  @Test
  void clientAudit_readsTheWholeTenantFromTheFake() throws Exception {
    f.server.tenant().addMailbox("alice@contoso.com");
    f.server.tenant().addMailbox("bob@contoso.com");
    f.server
        .tenant()
        .setUserCertificates("alice@contoso.com", List.of(leaf("alice@contoso.com").getEncoded()));
    f.server
        .tenant()
        .setIssuingCaStore(
            SerializedStore.builder().add(f.root.certificate()).build().encode().toByteArray());

    AuditReport r = f.client().audit(AuditOptions.at(now));

    assertThat(r.recipients())
        .extracting(a -> a.recipient().identity())
        .containsExactly("alice@contoso.com");
    assertThat(r.clean()).as(AuditReports.text(r)).isTrue();
  }
}
