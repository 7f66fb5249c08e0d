package io.github.smimekit.exchange;

import static io.github.smimekit.exchange.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desired-state and current-state files: the schema's examples, and every kind of bad file. */
final class DesiredStateTest {
  private final Fixtures f = Fixtures.get();
  private TestCertificate guest;
  @TempDir Path dir;

  @BeforeEach
  void files() throws IOException {
    guest = f.leaf(f.issuing, "guest@contoso.example");
    write("certs/alice.cer", f.alice.der());
    write("certs/guest.pem", guest.pem().getBytes(StandardCharsets.US_ASCII));
    write("partners/bob.cer", f.bob.der());
    write("ca/contoso-issuing.cer", f.issuing.der());
    write("ca/roots/contoso-root.cer", f.root.der());
    write("ca/roots/fabrikam-root.cer", f.partnerRoot.der());
    write(
        "chainOfTrust.sst",
        SerializedStore.builder().addAll(f.cas()).build().encode().toByteArray());
  }

  private void write(String name, byte[] data) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, data);
  }

  private Path json(String text) throws IOException {
    Path p = dir.resolve("desired.json");
    Files.writeString(p, text);
    return p;
  }

  @Test
  void schemaExamples_readAndPlan() throws IOException {
    JsonNode schema;
    try (InputStream in = DesiredState.class.getResourceAsStream("desired-state.schema.json")) {
      schema = new ObjectMapper().readTree(in);
    }
    JsonNode examples = schema.get("examples");
    assertThat(examples.size()).isEqualTo(3);
    for (JsonNode example : examples) {
      DesiredState state = DesiredState.read(json(example.toString()));
      assertThat(state.recipients()).isNotEmpty();
      assertThat(state.issuingCa()).isPresent();
      Plan plan = Planner.plan(state, java.util.Optional.empty(), List.of(), PlanOptions.at(NOW));
      assertThat(plan.hasBlocked()).as(Plans.text(plan)).isFalse();
    }
    DesiredState first = DesiredState.read(json(examples.get(0).toString()));
    assertThat(first.recipients())
        .extracting(DesiredRecipient::type)
        .containsExactly(
            RecipientType.MAILBOX, RecipientType.MAIL_USER, RecipientType.MAIL_CONTACT);
    assertThat(first.recipients().get(1).certificates()).containsExactly(guest.certificate());
    assertThat(first.recipients().get(2).name()).contains("Bob Partner");
    IssuingCa.FromChains chains = (IssuingCa.FromChains) first.issuingCa().orElseThrow();
    assertThat(chains.anchors())
        .containsExactlyInAnyOrder(f.root.certificate(), f.partnerRoot.certificate());
  }

  @Test
  void base64Certificate_isRead() throws IOException {
    String b64 = Base64.getEncoder().encodeToString(f.alice.der());
    DesiredState s =
        DesiredState.read(
            json(
                "{\"recipients\":[{\"type\":\"Mailbox\",\"identity\":\"alice@contoso.example\","
                    + "\"certificates\":[{\"base64\":\""
                    + b64
                    + "\"}]}]}"));
    assertThat(s.recipients().get(0).certificates()).containsExactly(f.alice.certificate());
    assertThat(s.issuingCa()).isEmpty();
  }

  @Test
  void unknownField_isAnErrorWithPointer() throws IOException {
    assertPointer("{\"recipient\":[]}", "/recipient", "unknown field 'recipient'");
    assertPointer(
        "{\"recipients\":[{\"type\":\"Mailbox\",\"identity\":\"a@b.example\",\"certificate\":[]}]}",
        "/recipients/0/certificate",
        "unknown field 'certificate'");
    assertPointer(
        "{\"issuingCa\":{\"fromChains\":{\"anchors\":[\"ca/roots/\"],\"pools\":[]}}}",
        "/issuingCa/fromChains/pools",
        "unknown field 'pools'");
    assertPointer(
        "{\"recipients\":[{\"type\":\"Mailbox\",\"identity\":\"a@b.example\","
            + "\"certificates\":[{\"base64\":\"AA==\",\"der\":1}]}]}",
        "/recipients/0/certificates/0/der",
        "unknown field 'der'");
  }

  @Test
  void wrongTypesAndValues_areErrorsWithPointer() throws IOException {
    assertPointer("[]", "", "expected a JSON object");
    assertPointer("{\"recipients\":{}}", "/recipients", "expected a JSON array");
    assertPointer(
        "{\"recipients\":[{\"type\":\"Mailboxes\",\"identity\":\"a@b.example\"}]}",
        "/recipients/0/type",
        "unknown recipient type 'Mailboxes'");
    assertPointer(
        "{\"recipients\":[{\"type\":\"Mailbox\"}]}", "/recipients/0", "missing field 'identity'");
    assertPointer(
        "{\"recipients\":[{\"type\":\"Mailbox\",\"identity\":\"a\\nb\"}]}",
        "/recipients/0/identity",
        "control character U+000A");
    assertPointer(
        "{\"recipients\":[{\"type\":\"Mailbox\",\"identity\":\"a@b.example\",\"name\":\"A\"}]}",
        "/recipients/0/name",
        "only for a MailContact");
    assertPointer(
        "{\"issuingCa\":{\"sst\":\"chainOfTrust.sst\",\"certificates\":[]}}",
        "/issuingCa",
        "expected exactly one of");
    assertPointer(
        "{\"recipients\":[{\"type\":\"Mailbox\",\"identity\":\"a@b.example\"},"
            + "{\"type\":\"Mailbox\",\"identity\":\"A@b.example\"}]}",
        "/recipients",
        "listed twice");
  }

  @Test
  void malformedJsonAndDuplicateFields_areErrors() throws IOException {
    assertThatThrownBy(() -> DesiredState.read(json("{\"recipients\": [")))
        .isInstanceOf(DesiredStateException.class)
        .hasMessageContaining("malformed JSON at line 1");
    assertThatThrownBy(() -> DesiredState.read(json("{\"recipients\":[],\"recipients\":[]}")))
        .isInstanceOf(DesiredStateException.class)
        .hasMessageContaining("a field is given twice");
    assertThatThrownBy(() -> DesiredState.read(json("{} {}")))
        .isInstanceOf(DesiredStateException.class)
        .hasMessageContaining("text after the JSON document");
  }

  @Test
  void missingCertificateFile_isAnErrorNamingIt() throws IOException {
    assertPointer(
        "{\"recipients\":[{\"type\":\"Mailbox\",\"identity\":\"a@b.example\","
            + "\"certificates\":[\"certs/missing.cer\"]}]}",
        "/recipients/0/certificates/0",
        "no such file: " + dir.resolve("certs/missing.cer"));
    assertPointer("{\"issuingCa\":{\"sst\":\"nope.sst\"}}", "/issuingCa/sst", "no such file");
    assertPointer(
        "{\"issuingCa\":{\"fromChains\":{\"anchors\":[\"nope/\"]}}}",
        "/issuingCa/fromChains/anchors/0",
        "no such file or folder");
  }

  @Test
  void pkcs12_isRefusedPointingAtExportCert() throws IOException {
    write("certs/alice.p12", f.alice.pkcs12("pw".toCharArray()));
    assertPointer(
        "{\"recipients\":[{\"type\":\"Mailbox\",\"identity\":\"a@b.example\","
            + "\"certificates\":[\"certs/alice.p12\"]}]}",
        "/recipients/0/certificates/0",
        "export its certificate with 'smime p12 export-cert alice.p12 --out alice.cer'");
  }

  @Test
  void notACertificate_isAnError() throws IOException {
    write("certs/junk.cer", "hello".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(
            () ->
                DesiredState.read(
                    json(
                        "{\"recipients\":[{\"type\":\"Mailbox\",\"identity\":\"a@b.example\","
                            + "\"certificates\":[\"certs/junk.cer\"]}]}")))
        .isInstanceOf(DesiredStateException.class)
        .satisfies(
            e ->
                assertThat(((DesiredStateException) e).pointer())
                    .isEqualTo("/recipients/0/certificates/0"));
  }

  @Test
  void certificateNotSmimeFit_isReadButBlocksTheRecipient() throws IOException {
    TestCertificate tls =
        f.pki
            .leaf(f.issuing)
            .email("alice@contoso.example")
            .keyType(KeyType.EC_P256)
            .extendedKeyUsage("1.3.6.1.5.5.7.3.1")
            .build();
    write("certs/tls.cer", tls.der());
    DesiredState s =
        DesiredState.read(
            json(
                "{\"recipients\":[{\"type\":\"Mailbox\",\"identity\":\"alice@contoso.example\","
                    + "\"certificates\":[\"certs/tls.cer\"]}],"
                    + "\"issuingCa\":{\"sst\":\"chainOfTrust.sst\"}}"));
    Plan plan = Planner.plan(s, java.util.Optional.empty(), List.of(), PlanOptions.at(NOW));
    assertThat(plan.recipients().get(0).status()).isEqualTo(RecipientStatus.BLOCKED);
    assertThat(plan.recipients().get(0).findings())
        .extracting(ExchangeFinding::code)
        .contains("no-email-protection");
  }

  @Test
  void currentStateFile_isReadIntoTenantState() throws IOException {
    String alice = Base64.getEncoder().encodeToString(f.alice.der());
    String smime =
        Base64.getEncoder()
            .encodeToString(Certificates.encodePkcs7(List.of(f.alice.certificate())).toByteArray());
    String store =
        Base64.getEncoder()
            .encodeToString(
                SerializedStore.builder().addAll(f.cas()).build().encode().toByteArray());
    Path p = dir.resolve("current.json");
    Files.writeString(
        p,
        "{\"recipients\":[{\"type\":\"Mailbox\",\"identity\":\"alice@contoso.example\","
            + "\"primarySmtpAddress\":\"alice@contoso.example\","
            + "\"proxyAddresses\":[\"smtp:a@contoso.example\",\"alias@contoso.example\"],"
            + "\"certificates\":[{\"base64\":\""
            + alice
            + "\"}],\"userSMimeCertificate\":[{\"base64\":\""
            + smime
            + "\"}]},"
            + "{\"type\":\"MailContact\",\"identity\":\"bob@fabrikam.example\",\"name\":\"Bob\","
            + "\"externalEmailAddress\":\"bob@fabrikam.example\",\"certificates\":[]}],"
            + "\"issuingCa\":{\"base64\":\""
            + store
            + "\"}}");
    TenantState t = DesiredState.readCurrent(p);
    assertThat(t.recipients()).hasSize(2);
    TenantRecipient a = t.recipients().get(0);
    assertThat(a.proxyAddresses()).containsExactly("a@contoso.example", "alias@contoso.example");
    assertThat(a.userCertificates()).containsExactly(Fixtures.der(f.alice));
    assertThat(a.userSMimeCertificates()).hasSize(1);
    assertThat(t.recipients().get(1).primarySmtpAddress()).isEqualTo("bob@fabrikam.example");
    assertThat(SerializedStore.read(t.issuingCaStore().orElseThrow()).certificates())
        .containsExactlyElementsOf(f.cas());
  }

  @Test
  void currentStateFile_unknownField_isAnError() throws IOException {
    Path p = dir.resolve("current.json");
    Files.writeString(
        p,
        "{\"recipients\":[{\"type\":\"Mailbox\",\"identity\":\"a@b.example\",\"UserCertificate\":[]}]}");
    assertThatThrownBy(() -> DesiredState.readCurrent(p))
        .isInstanceOf(DesiredStateException.class)
        .hasMessageContaining("/recipients/0/UserCertificate: unknown field");
  }

  private IssuingCa.FromChains fromChains(String fetch) throws IOException {
    return (IssuingCa.FromChains)
        DesiredState.read(
                json(
                    "{\"issuingCa\":{\"fromChains\":{\"pool\":[\"ca/contoso-issuing.cer\"],"
                        + "\"anchors\":[\"ca/roots/\"]"
                        + (fetch == null ? "" : ",\"fetch\":" + fetch)
                        + "}}}"))
            .issuingCa()
            .orElseThrow();
  }

  @Test
  void fromChainsFetch_formsAreRead_relativeCacheAgainstTheFilesFolder() throws IOException {
    assertThat(fromChains(null).fetch()).isEmpty();
    assertThat(fromChains("false").fetch()).isEmpty();
    assertThat(fromChains("{\"enabled\":false,\"cache\":\"aia\"}").fetch()).isEmpty();
    assertThat(fromChains("true").fetch())
        .contains(io.github.smimekit.core.FetchOptions.defaults());
    io.github.smimekit.core.FetchOptions o =
        fromChains("{\"cache\":\"work/aia-cache\",\"offline\":true,\"timeoutSeconds\":4}")
            .fetch()
            .orElseThrow();
    assertThat(o.cacheDirectory()).contains(dir.resolve("work/aia-cache"));
    assertThat(o.offline()).isTrue();
    assertThat(o.readTimeout()).isEqualTo(java.time.Duration.ofSeconds(4));
    assertThat(o.totalTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(fromChains("{\"timeoutSeconds\":20}").fetch().orElseThrow().totalTimeout())
        .isEqualTo(java.time.Duration.ofSeconds(60));
    IssuingCa.FromChains plain = fromChains(null);
    assertThat(plain)
        .isEqualTo(new IssuingCa.FromChains(plain.pool(), plain.anchors()))
        .isEqualTo(fromChains("{\"enabled\":false}"));
  }

  @Test
  void fromChainsFetch_badValues_areErrorsWithPointer() throws IOException {
    String head = "{\"issuingCa\":{\"fromChains\":{\"anchors\":[\"ca/roots/\"],\"fetch\":";
    assertPointer(
        head + "{\"cache\":\"a\",\"saveFetched\":\"x\"}}}}",
        "/issuingCa/fromChains/fetch/saveFetched",
        "unknown field 'saveFetched' (allowed: cache, enabled, offline, timeoutSeconds)");
    assertPointer(
        head + "{\"offline\":true}}}}",
        "/issuingCa/fromChains/fetch/offline",
        "offline fetching reads the cache only: give 'cache' too");
    assertPointer(
        head + "{\"timeoutSeconds\":0}}}}",
        "/issuingCa/fromChains/fetch/timeoutSeconds",
        "must be 1..600 seconds: 0");
    assertPointer(
        head + "{\"timeoutSeconds\":1.5}}}}",
        "/issuingCa/fromChains/fetch/timeoutSeconds",
        "expected a whole number, found a number");
    assertPointer(
        head + "{\"enabled\":\"yes\"}}}}",
        "/issuingCa/fromChains/fetch/enabled",
        "expected true or false, found a string");
    assertPointer(
        head + "\"yes\"}}}",
        "/issuingCa/fromChains/fetch",
        "expected true, false or a JSON object, found a string");
    assertPointer(
        head + "{\"cache\":\"chainOfTrust.sst\"}}}}",
        "/issuingCa/fromChains/fetch/cache",
        "is a file, expected a folder");
  }

  private void assertPointer(String text, String pointer, String fragment) throws IOException {
    Path p = json(text);
    assertThatThrownBy(() -> DesiredState.read(p))
        .isInstanceOf(DesiredStateException.class)
        .hasMessageContaining(p.toString())
        .hasMessageContaining(fragment)
        .satisfies(e -> assertThat(((DesiredStateException) e).pointer()).isEqualTo(pointer));
  }
}
