package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.StoreProfile;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import io.github.smimekit.testing.exchange.FakeExchangeServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code smime message test --tenant}: recipients and the store read from the Admin API fake over
 * real HTTP, the way Outlook on the web resolves them; the message then opened as the recipient.
 */
final class MessageLiveFormTest {
  private static final String TENANT = "contoso.onmicrosoft.com";
  private static final String TOKEN = "eyJ0eXAi.LEAKCHECK-9c1d2e3f4a5b6c7d.sig";
  private static final String PW = "live-form-password";
  private static final JsonMapper JSON = new JsonMapper();
  private static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");

  @TempDir static Path dir;
  static TestCertificate root;
  static TestCertificate ica;
  static TestCertificate bobFresh;
  static TestCertificate bobStale;
  static TestCertificate carol;
  static byte[] store;

  FakeExchangeServer fake;

  @BeforeAll
  static void pki() throws Exception {
    TestPki pki = TestPki.create(2026_1202L);
    root = pki.rootCa("Live Root CA").build();
    ica = pki.intermediateCa("Live Issuing CA", root).build();
    TestCertificate alice = pki.leaf(ica).email("alice@contoso.example").build();
    bobFresh =
        pki.leaf(ica)
            .email("bob@contoso.example")
            .validity(AT.minus(Duration.ofDays(1)), AT.plus(Duration.ofDays(364)))
            .build();
    bobStale =
        pki.leaf(ica)
            .email("bob@contoso.example")
            .validity(AT.minus(Duration.ofDays(375)), AT.minus(Duration.ofDays(10)))
            .build();
    carol =
        pki.leaf(ica)
            .email("carol@fabrikam.example")
            .validity(AT.minus(Duration.ofDays(30)), AT.plus(Duration.ofDays(300)))
            .build();
    Files.write(dir.resolve("alice.p12"), alice.pkcs12(PW.toCharArray()));
    Files.write(dir.resolve("bob.p12"), bobFresh.pkcs12(PW.toCharArray()));
    store =
        SerializedStore.of(List.of(root.certificate(), ica.certificate()), StoreProfile.MINIMAL)
            .encode()
            .toByteArray();
    Files.write(dir.resolve("chainOfTrust.sst"), store);
  }

  /** A PKCS#7 certs-only blob, as a UserSMimeCertificate value holds. */
  static byte[] pkcs7(X509Certificate... certs) throws Exception {
    return CertificateFactory.getInstance("X.509")
        .generateCertPath(List.of(certs))
        .getEncoded("PKCS7");
  }

  static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  @BeforeEach
  void startFake() throws Exception {
    fake = FakeExchangeServer.builder().token(TOKEN).clock(Clock.fixed(AT, ZoneOffset.UTC)).start();
    fake.tenant().loadJson(tenantState(true));
  }

  @AfterEach
  void stopFake() {
    if (fake != null) {
      fake.close();
    }
  }

  /** bob (mailbox, fresh UserCertificate, stale UserSMimeCertificate), carol (contact), erin. */
  static String tenantState(boolean withStore) throws Exception {
    ObjectNode doc = JSON.createObjectNode();
    ArrayNode rs = doc.putArray("recipients");
    ObjectNode bob = rs.addObject();
    bob.put("type", "Mailbox");
    bob.put("primarySmtpAddress", "bob@contoso.example");
    bob.putArray("emailAddresses")
        .add("SMTP:bob@contoso.example")
        .add("smtp:robert@contoso.example");
    bob.putArray("userCertificate").add(b64(bobFresh.der()));
    bob.putArray("userSMimeCertificate").add(b64(pkcs7(bobStale.certificate(), ica.certificate())));
    ObjectNode c = rs.addObject();
    c.put("type", "MailContact");
    c.put("primarySmtpAddress", "carol@fabrikam.example");
    c.putArray("userCertificate").add(b64(carol.der()));
    ObjectNode erin = rs.addObject();
    erin.put("type", "Mailbox");
    erin.put("primarySmtpAddress", "erin@contoso.example");
    ObjectNode config = doc.putObject("smimeConfig");
    if (withStore) {
      config.put("SMIMECertificateIssuingCA", b64(store));
    } else {
      config.putNull("SMIMECertificateIssuingCA");
    }
    config.put("OWASigningAlgorithms", "800C");
    return JSON.writeValueAsString(doc);
  }

  CliRunner.Result test(String out, String... extra) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "message",
                "test",
                "--from",
                dir.resolve("alice.p12").toString(),
                "--password-env",
                "P12_PW",
                "--out",
                dir.resolve(out).toString(),
                "--at",
                AT.toString(),
                "--tenant",
                TENANT,
                "--base-uri",
                fake.baseUri().toString(),
                "--token-env",
                "EXO_TOKEN"));
    a.addAll(List.of(extra));
    CliRunner.Result r =
        CliRunner.run(Map.of("P12_PW", PW, "EXO_TOKEN", TOKEN), a.toArray(String[]::new));
    assertThat(r.out()).doesNotContain("LEAKCHECK").doesNotContain(PW);
    assertThat(r.err()).doesNotContain("LEAKCHECK").doesNotContain(PW);
    return r;
  }

  static JsonNode recipient(JsonNode doc, String address) {
    for (JsonNode r : doc.get("recipients")) {
      if (r.get("address").asText().equals(address)) {
        return r;
      }
    }
    throw new AssertionError("no " + address + " in " + doc);
  }

  @Test
  void liveForm_directoryCertificatesAndTenantStore_messageOpensAsBob() throws Exception {
    CliRunner.Result r =
        test("live.eml", "--to", "bob@contoso.example", "carol@fabrikam.example", "--json");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.at("/source/store").asText())
        .isEqualTo("Get-SmimeConfig SMIMECertificateIssuingCA");
    assertThat(doc.at("/source/signingAlgorithms").asText()).isEqualTo("Get-SmimeConfig");
    assertThat(doc.at("/source/encryptionAlgorithms").asText()).isEqualTo("default");
    assertThat(doc.at("/signing/algId").asText()).isEqualTo("800C");
    JsonNode bob = recipient(doc, "bob@contoso.example");
    assertThat(bob.get("included").asBoolean()).isTrue();
    assertThat(bob.at("/certificate/sha1").asText())
        .isEqualTo(Thumbprint.sha1(bobFresh.certificate()).hex());
    assertThat(bob.get("warnings").get(0).asText())
        .contains(Thumbprint.sha1(bobStale.certificate()).hex())
        .contains("classic Outlook");
    assertThat(recipient(doc, "carol@fabrikam.example").get("included").asBoolean()).isTrue();

    CliRunner.Result open =
        CliRunner.run(
            Map.of("P12_PW", PW),
            "message",
            "open",
            dir.resolve("live.eml").toString(),
            "--as",
            dir.resolve("bob.p12").toString(),
            "--password-env",
            "P12_PW",
            "--trust",
            dir.resolve("chainOfTrust.sst").toString(),
            "--signing-algorithms",
            "800C",
            "--at",
            AT.toString());
    assertThat(open.exitCode()).as(open.out() + open.err()).isEqualTo(0);
  }

  @Test
  void liveForm_proxyAddress_resolvesToThePrimaryRecipient() throws Exception {
    CliRunner.Result r = test("proxy.eml", "--to", "robert@contoso.example", "--json");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(recipient(doc, "bob@contoso.example").get("included").asBoolean()).isTrue();
  }

  @Test
  void liveForm_unknownAddressAndRecipientWithoutCertificate_reportedNotSkipped() throws Exception {
    CliRunner.Result r =
        test(
            "partial.eml",
            "--to",
            "bob@contoso.example",
            "dave@fabrikam.example",
            "erin@contoso.example");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .contains("included  bob@contoso.example")
        .contains("REFUSED   dave@fabrikam.example")
        .contains("one-off address")
        .contains("REFUSED   erin@contoso.example")
        .contains("no certificate published")
        .contains("warning   bob@contoso.example");
  }

  @Test
  void liveForm_exclusiveRule_staleSmimeCertificateHidesTheFreshOne() throws Exception {
    CliRunner.Result r =
        test(
            "exclusive.eml",
            "--to",
            "bob@contoso.example",
            "--user-smime-certificate",
            "exclusive",
            "--json");

    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode bob = recipient(JSON.readTree(r.out()), "bob@contoso.example");
    assertThat(bob.get("included").asBoolean()).isFalse();
    List<String> reasons = new ArrayList<>();
    bob.get("rejections").forEach(x -> reasons.add(x.get("reason").asText()));
    assertThat(reasons).containsExactlyInAnyOrder("HIDDEN_BY_USER_SMIME_CERTIFICATE", "EXPIRED");
  }

  @Test
  void liveForm_tenantWithoutStore_everyChainRefusedWithTheReason() throws Exception {
    fake.tenant().loadJson(tenantState(false));

    CliRunner.Result r = test("nostore.eml", "--to", "carol@fabrikam.example");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("the tenant has no SMIMECertificateIssuingCA");
    assertThat(r.out()).contains("REFUSED   carol@fabrikam.example").contains("no chain");
  }

  @Test
  void liveForm_trustOption_overridesTheTenantStore() throws Exception {
    fake.tenant().loadJson(tenantState(false));

    CliRunner.Result r =
        test(
            "override.eml",
            "--to",
            "carol@fabrikam.example",
            "--trust",
            dir.resolve("chainOfTrust.sst").toString(),
            "--json");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    assertThat(JSON.readTree(r.out()).at("/source/store").asText())
        .isEqualTo(dir.resolve("chainOfTrust.sst").toString());
  }

  @Test
  void liveForm_toThatIsNotAnAddress_usageError() {
    CliRunner.Result r = test("bad.eml", "--to", "bob.cer");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("with --tenant, --to takes recipients' e-mail addresses");
  }

  @Test
  void liveForm_wrongToken_exit3WithoutTheToken() {
    CliRunner.Result r =
        CliRunner.run(
            Map.of("P12_PW", PW, "EXO_TOKEN", "eyJ.WRONG-LEAKCHECK.sig"),
            "message",
            "test",
            "--from",
            dir.resolve("alice.p12").toString(),
            "--password-env",
            "P12_PW",
            "--out",
            dir.resolve("denied.eml").toString(),
            "--tenant",
            TENANT,
            "--base-uri",
            fake.baseUri().toString(),
            "--token-env",
            "EXO_TOKEN",
            "--to",
            "bob@contoso.example");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).doesNotContain("LEAKCHECK");
    assertThat(Files.exists(dir.resolve("denied.eml"))).isFalse();
  }

  @Test
  void liveForm_clientIdWithoutCertificatePassword_usageErrorNamesTheCertificatePasswordOptions() {
    CliRunner.Result r =
        CliRunner.run(
            Map.of("P12_PW", PW),
            "message",
            "test",
            "--from",
            dir.resolve("alice.p12").toString(),
            "--password-env",
            "P12_PW",
            "--out",
            dir.resolve("app.eml").toString(),
            "--tenant",
            TENANT,
            "--base-uri",
            fake.baseUri().toString(),
            "--client-id",
            "3f1c2a9e-7b4d-4e21-9c8a-5d6e7f8a9b0c",
            "--certificate",
            dir.resolve("bob.p12").toString(),
            "--to",
            "bob@contoso.example");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("--client-id needs --certificate FILE.p12 and --certificate-password-env VAR");
  }

  @Test
  void offlineForm_withoutTrust_usageError() {
    CliRunner.Result r =
        CliRunner.run(
            Map.of("P12_PW", PW),
            "message",
            "test",
            "--from",
            dir.resolve("alice.p12").toString(),
            "--password-env",
            "P12_PW",
            "--out",
            dir.resolve("x.eml").toString(),
            "--to",
            dir.resolve("bob.p12").toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--trust is required without --tenant");
  }
}
