package io.github.smimekit.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.core.Severity;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.testing.AiaServer;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fromChains} with {@code fetch}: a desired-state file read from disk, planned against a
 * loopback HTTP server serving the issuing CA at the caIssuers URL baked into the recipients'
 * {@link TestPki} certificates. The fetched CA goes into the planned store and the plan names it
 * and its URL; without fetch, offline with a cold cache, and on a 404, the recipient is blocked
 * with a diagnosis naming the URL.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class PlannerFetchTest {
  private final TestPki pki = TestPki.create(1416L);
  private final Instant now = pki.now();
  private final AiaServer server = AiaServer.http();
  private final TestCertificate root =
      pki.rootCa("Partner Root CA").keyType(KeyType.EC_P256).build();
  private final TestCertificate issuing =
      pki.intermediateCa("Partner Issuing CA", root).keyType(KeyType.EC_P256).build();
  private final TestCertificate bob =
      pki.leaf(issuing)
          .email("bob@fabrikam.example")
          .keyType(KeyType.EC_P256)
          .caIssuers(server.url("/issuing.cer"))
          .build();
  private final TestCertificate carol =
      pki.leaf(issuing)
          .email("carol@fabrikam.example")
          .keyType(KeyType.EC_P256)
          .caIssuers(server.url("/issuing.cer"))
          .build();
  private final TestCertificate dave =
      pki.leaf(issuing)
          .email("dave@fabrikam.example")
          .keyType(KeyType.EC_P256)
          .caIssuers(server.url("/gone.cer"))
          .build();
  @TempDir Path dir;

  PlannerFetchTest() {
    server.serveBytes("/issuing.cer", "application/pkix-cert", issuing.der());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Path write(String name, byte[] data) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, data);
    return p;
  }

  /** A desired state with the given contacts and {@code fromChains} (anchors only) + fetch. */
  private DesiredState desired(String fetch, TestCertificate... contacts) throws IOException {
    write("state/roots/partner-root.cer", root.der());
    StringBuilder rs = new StringBuilder();
    for (TestCertificate c : contacts) {
      String email =
          io.github.smimekit.core.Certificates.primaryEmail(c.certificate()).orElseThrow();
      String file = "certs/" + email + ".cer";
      write("state/" + file, c.der());
      rs.append(rs.length() == 0 ? "" : ",")
          .append("{\"type\":\"MailContact\",\"identity\":\"")
          .append(email)
          .append("\",\"name\":\"")
          .append(email)
          .append("\",\"certificates\":[\"")
          .append(file)
          .append("\"]}");
    }
    String json =
        "{\"recipients\":["
            + rs
            + "],\"issuingCa\":{\"fromChains\":{\"anchors\":[\"roots/\"]"
            + (fetch == null ? "" : ",\"fetch\":" + fetch)
            + "}}}";
    return DesiredState.read(
        write("state/desired.json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private Plan plan(DesiredState d) {
    return Planner.plan(d, Optional.empty(), List.of(), PlanOptions.at(now));
  }

  private static List<ExchangeFinding> codes(List<ExchangeFinding> findings, String code) {
    return findings.stream().filter(f -> f.code().equals(code)).toList();
  }

  @Test
  void plan_withFetch_putsTheFetchedIssuerInTheStoreAndNamesItsUrl() throws IOException {
    Plan plan = plan(desired("{\"cache\":\"../aia-cache\",\"timeoutSeconds\":5}", bob, carol));
    assertThat(plan.hasBlocked()).as(Plans.text(plan)).isFalse();
    assertThat(plan.caStore().changes())
        .extracting(CertificateChange::kind, CertificateChange::sha1)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                CertificateChange.Kind.ADD, Thumbprint.sha1(issuing.certificate())),
            org.assertj.core.groups.Tuple.tuple(
                CertificateChange.Kind.ADD, Thumbprint.sha1(root.certificate())));
    SetIssuingCa upload = plan.caStore().operation().orElseThrow();
    assertThat(upload.store().certificates()).contains(issuing.certificate(), root.certificate());
    assertThat(codes(plan.caStore().findings(), "fetched-ca"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
              assertThat(f.message())
                  .isEqualTo(
                      "CA certificate "
                          + Thumbprint.sha1(issuing.certificate()).hex()
                          + " 'CN=Partner Issuing CA,O=smimekit test' is not in the pool: it was"
                          + " fetched from "
                          + server.url("/issuing.cer")
                          + "; check it before the store is uploaded");
            });
    assertThat(Plans.text(plan))
        .contains("warning fetched-ca: ")
        .contains(server.url("/issuing.cer"));
    assertThat(server.requests("/issuing.cer")).as("one fetch for both contacts").isEqualTo(1);
    // the cache folder resolves against the state file's folder
    assertThat(dir.resolve("aia-cache/urls")).isDirectory();
  }

  @Test
  void plan_withoutFetch_missingCaBlocksAndNamesTheUrl() throws IOException {
    Plan plan = plan(desired(null, bob));
    assertThat(plan.hasBlocked()).isTrue();
    RecipientPlan r = plan.recipients().get(0);
    assertThat(r.status()).isEqualTo(RecipientStatus.BLOCKED);
    assertThat(codes(r.findings(), "missing-ca"))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .contains("the pool lacks the CA 'CN=Partner Issuing CA,O=smimekit test'")
                    .contains("can be downloaded from " + server.url("/issuing.cer")));
    assertThat(codes(plan.caStore().findings(), "fetched-ca")).isEmpty();
    assertThat(server.requests()).isZero();
  }

  @Test
  void plan_offlineColdCache_blocksWithTheDiagnosis() throws IOException {
    Plan plan = plan(desired("{\"cache\":\"cold-cache\",\"offline\":true}", bob));
    assertThat(plan.hasBlocked()).isTrue();
    assertThat(codes(plan.recipients().get(0).findings(), "missing-ca"))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .endsWith(
                        "issuer fetching: "
                            + server.url("/issuing.cer")
                            + ": offline, and not in the cache directory"));
    assertThat(codes(plan.caStore().findings(), "fetch-failed"))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
    assertThat(server.requests()).isZero();
  }

  @Test
  void plan_offlineWarmCache_needsNoRequest() throws IOException {
    assertThat(plan(desired("{\"cache\":\"cache\"}", bob)).hasBlocked()).isFalse();
    int requests = server.requests();
    Plan plan = plan(desired("{\"cache\":\"cache\",\"offline\":true}", bob));
    assertThat(plan.hasBlocked()).as(Plans.text(plan)).isFalse();
    assertThat(server.requests()).isEqualTo(requests);
  }

  @Test
  void plan_fetch404_isAFindingWithUrlAndStatus_othersStillPlanned() throws IOException {
    Plan plan = plan(desired("true", bob, dave));
    RecipientPlan daveP =
        plan.recipients().stream()
            .filter(r -> r.identity().value().equals("dave@fabrikam.example"))
            .findFirst()
            .orElseThrow();
    assertThat(daveP.status()).isEqualTo(RecipientStatus.BLOCKED);
    assertThat(codes(daveP.findings(), "missing-ca"))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains(server.url("/gone.cer") + ": HTTP 404"));
    assertThat(codes(plan.caStore().findings(), "fetch-failed"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
              assertThat(f.message())
                  .isEqualTo(
                      "issuer fetching for MailContact 'dave@fabrikam.example': certificate "
                          + Thumbprint.sha1(dave.certificate()).hex()
                          + ": "
                          + server.url("/gone.cer")
                          + ": HTTP 404");
            });
    RecipientPlan bobP = plan.recipients().get(0);
    assertThat(bobP.status()).isEqualTo(RecipientStatus.CHANGE);
    assertThat(plan.caStore().operation().orElseThrow().store().certificates())
        .contains(issuing.certificate());
  }

  @Test
  void plan_fetchedCaAlreadyInTenantStore_isAnInfo() throws IOException {
    DesiredState d = desired("true", bob);
    TenantState current =
        new TenantState(
            List.of(),
            Optional.of(
                io.github.smimekit.sst.SerializedStore.builder()
                    .add(root.certificate())
                    .add(issuing.certificate())
                    .build()
                    .encode()));
    Plan plan = Planner.plan(d, Optional.of(current), List.of(), PlanOptions.at(now));
    assertThat(codes(plan.caStore().findings(), "fetched-ca"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.INFO);
              assertThat(f.message()).endsWith("(the tenant's store holds it already)");
            });
    assertThat(plan.caStore().operation()).isEmpty();
  }
}
