package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.core.FetchAttempt.Outcome;
import io.github.smimekit.testing.AiaServer;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issuer fetching ({@link ChainResolver.Builder#fetch(FetchOptions)}) against a loopback HTTP
 * server serving the issuers at the caIssuers URLs baked into {@link TestPki} certificates: each
 * answer kind, each failure and its diagnosis, the bounds, and the cache directory.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class ChainFetchTest {
  private final AiaServer server;
  private final TestPki pki = TestPki.create(1414L);
  private final Instant now = pki.now();
  private final TestCertificate root;
  private final TestCertificate upper;
  private final TestCertificate issuing;

  ChainFetchTest() {
    server = AiaServer.http();
    root = pki.rootCa("Fetch Root").keyType(KeyType.EC_P256).build();
    upper =
        pki.intermediateCa("Fetch Upper CA", root)
            .keyType(KeyType.EC_P256)
            .caIssuers(server.url("/root.cer"))
            .build();
    issuing =
        pki.intermediateCa("Fetch Issuing CA", upper)
            .keyType(KeyType.EC_P256)
            .caIssuers(server.url("/upper.cer"))
            .build();
    server.serveBytes("/upper.cer", "application/pkix-cert", upper.der());
    server.serveBytes("/issuing.cer", "application/pkix-cert", issuing.der());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private X509Certificate leafAt(String... paths) {
    String[] urls = Arrays.stream(paths).map(server::url).toArray(String[]::new);
    return pki.leaf(issuing)
        .keyType(KeyType.EC_P256)
        .email("bob@example.com")
        .caIssuers(urls)
        .build()
        .certificate();
  }

  private ChainResolver resolver(FetchOptions options) {
    return ChainResolver.builder().trustAnchors(root.certificate()).fetch(options).build();
  }

  private ChainResolver resolver() {
    return resolver(FetchOptions.builder().readTimeout(Duration.ofSeconds(5)).build());
  }

  @Test
  void resolve_twoMissingLevels_fetchesBothAndBuildsTheChain() {
    X509Certificate leaf = leafAt("/issuing.cer");
    ChainResult r = resolver().resolve(leaf, now);
    assertThat(r.isValid()).as("%s", r).isTrue();
    assertThat(r.chain().orElseThrow().certificates())
        .containsExactly(leaf, issuing.certificate(), upper.certificate(), root.certificate());
    assertThat(r.fetches())
        .extracting(FetchAttempt::url, FetchAttempt::outcome, FetchAttempt::httpStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(server.url("/issuing.cer"), Outcome.FETCHED, 200),
            org.assertj.core.groups.Tuple.tuple(server.url("/upper.cer"), Outcome.FETCHED, 200));
    assertThat(r.fetchedCertificates()).containsExactly(issuing.certificate(), upper.certificate());
    assertThat(server.requests("/issuing.cer")).isEqualTo(1);
    assertThat(server.requests("/upper.cer")).isEqualTo(1);
  }

  @Test
  void resolve_withoutFetch_makesNoRequestAndNamesTheUrl() {
    X509Certificate leaf = leafAt("/issuing.cer");
    ChainResult r =
        ChainResolver.builder().trustAnchors(root.certificate()).build().resolve(leaf, now);
    assertThat(r.diagnosis().orElseThrow().status()).isEqualTo(ChainStatus.ISSUER_NOT_FOUND);
    assertThat(r.diagnosis().orElseThrow().reason()).contains(server.url("/issuing.cer"));
    assertThat(r.fetches()).isEmpty();
    assertThat(server.requests()).isZero();
  }

  @Test
  void resolve_issuerInPool_fetchesNothing() {
    X509Certificate leaf = leafAt("/issuing.cer");
    ChainResult r =
        ChainResolver.builder()
            .trustAnchors(root.certificate())
            .intermediates(issuing.certificate(), upper.certificate())
            .fetch(FetchOptions.defaults())
            .build()
            .resolve(leaf, now);
    assertThat(r.isValid()).isTrue();
    assertThat(r.fetches()).isEmpty();
    assertThat(server.requests()).isZero();
  }

  @Test
  void resolve_pkcs7Answer_addsEveryCertificateOfTheBundle() {
    server.serveBytes(
        "/bundle.p7c",
        "application/pkcs7-mime",
        Certificates.encodePkcs7(List.of(issuing.certificate(), upper.certificate()))
            .toByteArray());
    X509Certificate leaf = leafAt("/bundle.p7c");
    ChainResult r = resolver().resolve(leaf, now);
    assertThat(r.isValid()).as("%s", r).isTrue();
    assertThat(r.fetches()).hasSize(1);
    assertThat(r.fetches().get(0).certificates()).isEqualTo(2);
    assertThat(server.requests("/upper.cer")).isZero();
  }

  @Test
  void resolve_pemAnswer_isRead() {
    server.serveBytes(
        "/issuing.pem",
        "application/x-pem-file",
        issuing.pem().getBytes(StandardCharsets.US_ASCII));
    ChainResult r = resolver().resolve(leafAt("/issuing.pem"), now);
    assertThat(r.isValid()).as("%s", r).isTrue();
    assertThat(r.fetches().get(0).outcome()).isEqualTo(Outcome.FETCHED);
  }

  @Test
  void resolve_404_diagnosisNamesUrlAndStatus() {
    ChainResult r = resolver().resolve(leafAt("/missing.cer"), now);
    ChainDiagnosis d = r.diagnosis().orElseThrow();
    assertThat(d.status()).isEqualTo(ChainStatus.ISSUER_NOT_FOUND);
    assertThat(d.reason())
        .contains("issuer fetching: " + server.url("/missing.cer") + ": HTTP 404");
    assertThat(r.fetches())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.outcome()).isEqualTo(Outcome.FAILED);
              assertThat(a.httpStatus()).isEqualTo(404);
            });
  }

  @Test
  void resolve_slowServer_failsAtTheReadTimeout() {
    server.serve(
        "/slow.cer",
        ex -> {
          try {
            Thread.sleep(5_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          AiaServer.send(ex, 200, "application/pkix-cert", issuing.der());
        });
    ChainResult r =
        resolver(FetchOptions.builder().readTimeout(Duration.ofMillis(300)).build())
            .resolve(leafAt("/slow.cer"), now);
    assertThat(r.diagnosis().orElseThrow().status()).isEqualTo(ChainStatus.ISSUER_NOT_FOUND);
    assertThat(r.diagnosis().orElseThrow().reason())
        .contains(
            server.url("/slow.cer") + ": no complete answer within the read timeout of 300 ms");
    assertThat(r.fetches().get(0).outcome()).isEqualTo(Outcome.FAILED);
  }

  @Test
  void resolve_totalTimeout_boundsAllFetches() {
    server.serve(
        "/slow.cer",
        ex -> {
          try {
            Thread.sleep(5_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    ChainResult r =
        resolver(
                FetchOptions.builder()
                    .readTimeout(Duration.ofSeconds(20))
                    .totalTimeout(Duration.ofMillis(400))
                    .build())
            .resolve(leafAt("/slow.cer"), now);
    assertThat(r.fetches().get(0).detail())
        .isEqualTo("not completed within the total fetch time of 400 ms");
  }

  @Test
  void resolve_oversizedAnswer_refusedByContentLength() {
    server.serveBytes("/big.cer", "application/pkix-cert", new byte[300_000]);
    ChainResult r =
        resolver(FetchOptions.builder().maxResponseBytes(64 * 1024).build())
            .resolve(leafAt("/big.cer"), now);
    assertThat(r.fetches().get(0).detail())
        .isEqualTo("the answer is larger than the limit of 65536 bytes");
    assertThat(r.diagnosis().orElseThrow().reason()).contains("larger than the limit");
  }

  @Test
  void resolve_oversizedChunkedAnswer_refusedWhileReading() {
    server.serve(
        "/chunked.cer",
        ex -> {
          ex.sendResponseHeaders(200, 0); // chunked: no Content-Length
          try (OutputStream out = ex.getResponseBody()) {
            byte[] block = new byte[8192];
            for (int i = 0; i < 64; i++) {
              out.write(block);
            }
          } catch (IOException e) {
            // the client hung up, as it should
          }
        });
    ChainResult r =
        resolver(FetchOptions.builder().maxResponseBytes(16 * 1024).build())
            .resolve(leafAt("/chunked.cer"), now);
    assertThat(r.fetches().get(0).detail())
        .isEqualTo("the answer is larger than the limit of 16384 bytes");
  }

  @Test
  void resolve_redirectLoop_isNamed() {
    server.redirect("/a.cer", server.url("/b.cer"));
    server.redirect("/b.cer", "/a.cer");
    ChainResult r =
        resolver(FetchOptions.builder().maxRedirects(5).build()).resolve(leafAt("/a.cer"), now);
    assertThat(r.fetches().get(0).detail())
        .isEqualTo("redirect loop: redirected back to " + server.url("/a.cer"));
    assertThat(r.diagnosis().orElseThrow().reason()).contains("redirect loop");
  }

  @Test
  void resolve_redirectFollowed_withinTheLimit() {
    server.redirect("/moved.cer", "/issuing.cer");
    ChainResult r = resolver().resolve(leafAt("/moved.cer"), now);
    assertThat(r.isValid()).as("%s", r).isTrue();
    assertThat(server.requests("/moved.cer")).isEqualTo(1);
  }

  @Test
  void resolve_tooManyRedirects_stops() {
    server.redirect("/r1.cer", "/r2.cer");
    server.redirect("/r2.cer", "/r3.cer");
    server.redirect("/r3.cer", "/issuing.cer");
    ChainResult r =
        resolver(FetchOptions.builder().maxRedirects(2).build()).resolve(leafAt("/r1.cer"), now);
    assertThat(r.fetches().get(0).detail())
        .isEqualTo("more than 2 redirects (the last to /issuing.cer)");
    assertThat(server.requests("/issuing.cer")).isZero();
  }

  @Test
  void resolve_redirectToNonHttpScheme_isRefused() {
    server.redirect("/ftp.cer", "ftp://127.0.0.1/issuing.cer");
    ChainResult r = resolver().resolve(leafAt("/ftp.cer"), now);
    assertThat(r.fetches().get(0).detail())
        .isEqualTo(
            "redirected to ftp://127.0.0.1/issuing.cer, not fetched: scheme 'ftp' is not fetched"
                + " (only http and https are)");
    assertThat(r.diagnosis().orElseThrow().status()).isEqualTo(ChainStatus.ISSUER_NOT_FOUND);
  }

  @Test
  void resolve_answerNotACertificate_isNamed() {
    server.serveBytes(
        "/html.cer", "text/html", "<html>moved</html>".getBytes(StandardCharsets.US_ASCII));
    ChainResult r = resolver().resolve(leafAt("/html.cer"), now);
    FetchAttempt a = r.fetches().get(0);
    assertThat(a.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(a.httpStatus()).isEqualTo(200);
    assertThat(a.detail()).startsWith("the answer (18 bytes) is not a certificate: ");
  }

  @Test
  void resolve_fetchedCertificateWithBadSignature_isRefused() {
    byte[] bad = issuing.der();
    bad[bad.length - 2] ^= 0x01; // inside the signature value
    server.serveBytes("/bad.cer", "application/pkix-cert", bad);
    ChainResult r =
        ChainResolver.builder()
            .trustAnchors(root.certificate())
            .intermediates(upper.certificate())
            .fetch(FetchOptions.defaults())
            .build()
            .resolve(leafAt("/bad.cer"), now);
    ChainDiagnosis d = r.diagnosis().orElseThrow();
    assertThat(d.status()).isEqualTo(ChainStatus.BAD_SIGNATURE);
    assertThat(d.reason())
        .contains("'CN=Fetch Issuing CA,O=smimekit test'")
        .contains("does not verify with the public key of its issuer candidate")
        .contains(server.url("/bad.cer") + ": fetched: 1 certificate");
    assertThat(r.fetchedCertificates()).hasSize(1);
  }

  @Test
  void resolve_ldapUrl_namedNotFetched_httpUrlUsed() {
    X509Certificate leaf =
        pki.leaf(issuing)
            .keyType(KeyType.EC_P256)
            .caIssuers(
                "ldap://ldap.example.com/cn=Fetch%20Issuing%20CA", server.url("/issuing.cer"))
            .build()
            .certificate();
    ChainResult r = resolver().resolve(leaf, now);
    assertThat(r.isValid()).isTrue();
    assertThat(r.fetches().get(0))
        .isEqualTo(
            new FetchAttempt(
                "ldap://ldap.example.com/cn=Fetch%20Issuing%20CA",
                Outcome.SKIPPED,
                0,
                0,
                "not fetched: scheme 'ldap' is not fetched (only http and https are)"));
  }

  @Test
  void resolve_urlWithCredentials_isNotFetched() {
    X509Certificate leaf =
        pki.leaf(issuing)
            .keyType(KeyType.EC_P256)
            .caIssuers(server.url("/issuing.cer").replace("http://", "http://user:secret@"))
            .build()
            .certificate();
    ChainResult r = resolver().resolve(leaf, now);
    assertThat(r.isValid()).isFalse();
    assertThat(r.fetches().get(0).detail())
        .isEqualTo("not fetched: the URL carries user information (credentials)");
    assertThat(server.requests()).isZero();
  }

  @Test
  void resolve_fetchLimit_stopsFetching() {
    ChainResult r =
        resolver(FetchOptions.builder().maxFetches(1).build()).resolve(leafAt("/issuing.cer"), now);
    assertThat(r.isValid()).isFalse();
    assertThat(r.fetches())
        .extracting(FetchAttempt::outcome)
        .containsExactly(Outcome.FETCHED, Outcome.SKIPPED);
    assertThat(r.fetches().get(1).detail())
        .isEqualTo("not fetched: the limit of 1 fetches was reached");
    assertThat(server.requests("/upper.cer")).isZero();
  }

  @Test
  void resolve_cacheDirectory_secondRunMakesNoRequest(@TempDir Path cache) {
    X509Certificate leaf = leafAt("/issuing.cer");
    FetchOptions options = FetchOptions.builder().cacheDirectory(cache).build();
    assertThat(resolver(options).resolve(leaf, now).isValid()).isTrue();
    assertThat(server.requests()).isEqualTo(2);
    ChainResult second = resolver(options).resolve(leaf, now);
    assertThat(second.isValid()).isTrue();
    assertThat(server.requests()).isEqualTo(2);
    assertThat(second.fetches()).extracting(FetchAttempt::outcome).containsOnly(Outcome.CACHED);
    ChainResult offline = resolver(options.toBuilder().offline(true).build()).resolve(leaf, now);
    assertThat(offline.isValid()).isTrue();
    assertThat(server.requests()).isEqualTo(2);
  }

  @Test
  void resolve_cacheEntryTamperedWith_isAMiss(@TempDir Path cache) throws IOException {
    X509Certificate leaf = leafAt("/issuing.cer");
    FetchOptions options = FetchOptions.builder().cacheDirectory(cache).build();
    assertThat(resolver(options).resolve(leaf, now).isValid()).isTrue();
    try (var objects = Files.list(cache.resolve("objects"))) {
      for (Path p : objects.toList()) {
        Files.write(p, new byte[] {1, 2, 3});
      }
    }
    ChainResult r = resolver(options).resolve(leaf, now);
    assertThat(r.isValid()).isTrue();
    assertThat(server.requests()).isEqualTo(4);
  }

  @Test
  void resolve_offlineColdCache_diagnosisSaysSo(@TempDir Path cache) {
    ChainResult r =
        resolver(FetchOptions.builder().cacheDirectory(cache).offline(true).build())
            .resolve(leafAt("/issuing.cer"), now);
    ChainDiagnosis d = r.diagnosis().orElseThrow();
    assertThat(d.status()).isEqualTo(ChainStatus.ISSUER_NOT_FOUND);
    assertThat(d.reason())
        .endsWith(
            "issuer fetching: "
                + server.url("/issuing.cer")
                + ": offline, and not in the cache directory");
    assertThat(server.requests()).isZero();
  }

  @Test
  void issuingCaCertificates_includeFetchedCasAndFetchEachUrlOnce() {
    ChainResolver resolver = resolver();
    X509Certificate a = leafAt("/issuing.cer");
    X509Certificate b = leafAt("/issuing.cer");
    IssuingCaCertificates cas = resolver.issuingCaCertificates(List.of(a, b), now);
    assertThat(cas.failed()).isEmpty();
    assertThat(cas.caCertificates())
        .contains(issuing.certificate(), upper.certificate(), root.certificate());
    assertThat(server.requests("/issuing.cer")).isEqualTo(1);
  }

  @Test
  void resolve_workingIssuerInPool_fetchesOnlyAboveIt() {
    X509Certificate leaf = leafAt("/issuing.cer");
    ChainResult r =
        ChainResolver.builder()
            .trustAnchors(root.certificate())
            .intermediates(issuing.certificate())
            .fetch(FetchOptions.defaults())
            .build()
            .resolve(leaf, now);
    assertThat(r.isValid()).as("%s", r).isTrue();
    assertThat(r.fetches()).extracting(FetchAttempt::url).containsExactly(server.url("/upper.cer"));
    assertThat(r.fetchedFrom(upper.certificate())).contains(server.url("/upper.cer"));
    assertThat(r.fetchedFrom(issuing.certificate())).isEmpty();
    assertThat(server.requests("/issuing.cer")).isZero();
  }

  /** A pool CA with the issuer's name that does not work: expired, or another key. */
  private TestCertificate staleIssuing(String kind) {
    return switch (kind) {
      // same name and key, expired: the leaf's signature verifies, the validity fails
      case "expired" -> pki.crossSigned(issuing, upper).expired().build();
      // same name, another key (and so another key identifier): the signature fails
      case "other key" ->
          pki.intermediateCa("Fetch Issuing CA", upper).keyType(KeyType.EC_P256).build();
      // same name and key, but not a CA
      case "not a CA" -> pki.crossSigned(issuing, upper).ca(false).build();
      default -> throw new IllegalArgumentException(kind);
    };
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"expired", "other key", "not a CA"})
  void resolve_sameNamedIssuerInPoolFails_fetchesAndPrefersTheWorkingOne(String kind) {
    TestCertificate stale = staleIssuing(kind);
    X509Certificate leaf = leafAt("/issuing.cer");
    ChainResolver resolver =
        ChainResolver.builder()
            .trustAnchors(root.certificate())
            .intermediates(stale.certificate(), upper.certificate())
            .fetch(FetchOptions.defaults())
            .build();
    ChainResult withoutFetch = resolver.toBuilder().noFetch().build().resolve(leaf, now);
    assertThat(withoutFetch.isValid()).as("%s: %s", kind, withoutFetch).isFalse();

    ChainResult r = resolver.resolve(leaf, now);
    assertThat(r.isValid()).as("%s: %s", kind, r).isTrue();
    assertThat(r.chain().orElseThrow().certificates())
        .containsExactly(leaf, issuing.certificate(), upper.certificate(), root.certificate());
    assertThat(r.fetches())
        .singleElement()
        .satisfies(a -> assertThat(a.outcome()).isEqualTo(Outcome.FETCHED));
    assertThat(r.fetchedFrom(issuing.certificate())).contains(server.url("/issuing.cer"));
    assertThat(server.requests("/issuing.cer")).isEqualTo(1);
  }

  @Test
  void resolve_sameNamedPoolIssuerAndFetchedIssuerBothFail_diagnosisNamesBoth() {
    TestCertificate stale = staleIssuing("expired");
    byte[] bad = issuing.der();
    bad[bad.length - 2] ^= 0x01; // inside the signature value: upper's signature on it fails
    server.serveBytes("/bad.cer", "application/pkix-cert", bad);
    ChainResult r =
        ChainResolver.builder()
            .trustAnchors(root.certificate())
            .intermediates(stale.certificate(), upper.certificate())
            .fetch(FetchOptions.defaults())
            .build()
            .resolve(leafAt("/bad.cer"), now);
    ChainDiagnosis d = r.diagnosis().orElseThrow();
    assertThat(d.status()).isEqualTo(ChainStatus.BAD_SIGNATURE);
    assertThat(d.reason())
        .contains("does not verify with the public key of its issuer candidate")
        .contains(
            "; and without the fetched certificates: certificate "
                + "'CN=Fetch Issuing CA,O=smimekit test' (SHA-1 "
                + Thumbprint.sha1(stale.certificate()).hex()
                + ") has expired")
        .contains("issuer fetching: " + server.url("/bad.cer") + ": fetched: 1 certificate");
  }

  @Test
  void resolve_sameNamedIssuerFailsAndNothingIsServed_diagnosisNamesThe404() {
    TestCertificate stale = staleIssuing("other key");
    ChainResult r =
        ChainResolver.builder()
            .trustAnchors(root.certificate())
            .intermediates(stale.certificate(), upper.certificate())
            .fetch(FetchOptions.defaults())
            .build()
            .resolve(leafAt("/gone.cer"), now);
    ChainDiagnosis d = r.diagnosis().orElseThrow();
    assertThat(d.status()).isEqualTo(ChainStatus.BAD_SIGNATURE);
    assertThat(d.reason()).endsWith("issuer fetching: " + server.url("/gone.cer") + ": HTTP 404");
  }

  @Test
  void resolve_leafItselfFails_fetchesNothing() {
    X509Certificate expiredLeaf =
        pki.leaf(issuing)
            .keyType(KeyType.EC_P256)
            .expired()
            .caIssuers(server.url("/issuing.cer"))
            .build()
            .certificate();
    ChainResult r = resolver().resolve(expiredLeaf, now);
    assertThat(r.diagnosis().orElseThrow().status()).isEqualTo(ChainStatus.EXPIRED);
    assertThat(r.fetches()).isEmpty();
    assertThat(server.requests()).isZero();
  }

  @Test
  void fetchOptions_offlineWithoutCache_isRefused() {
    assertThatThrownBy(() -> FetchOptions.builder().offline(true).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("offline fetching needs a cache directory");
    assertThatThrownBy(() -> FetchOptions.builder().readTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(resolver().fetchOptions()).isPresent();
    assertThat(resolver().toBuilder().noFetch().build().fetchOptions()).isEmpty();
  }
}
