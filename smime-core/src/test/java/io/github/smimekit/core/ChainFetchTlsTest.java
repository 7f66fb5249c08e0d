package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.core.FetchAttempt.Outcome;
import io.github.smimekit.testing.AiaServer;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issuer fetching over TLS: a real loopback HTTPS server (the JDK's {@code HttpsServer}) with a
 * {@link TestPki} server certificate for 127.0.0.1, trusted by the fetcher through the resolver's
 * TLS test hook (the certificate and the host name are still verified). A redirect from https to
 * https is followed; one from https down to http is refused and the diagnosis names it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class ChainFetchTlsTest {
  /** subjectAltName with the single iPAddress 127.0.0.1. */
  private static final byte[] SAN_127_0_0_1 = {0x30, 0x06, (byte) 0x87, 0x04, 127, 0, 0, 1};

  private static final char[] STORE_PASSWORD = "changeit".toCharArray();

  private final TestPki pki = TestPki.create(1515L);
  private final Instant now = pki.now();
  private final TestCertificate tlsRoot =
      pki.rootCa("Loopback TLS Root").keyType(KeyType.EC_P256).build();
  private final AiaServer https;
  private final AiaServer http = AiaServer.http();
  private final SSLContext clientTls;
  private final TestCertificate root;
  private final TestCertificate issuing;

  ChainFetchTlsTest() throws Exception {
    TestCertificate serverCert =
        pki.leaf(tlsRoot)
            .keyType(KeyType.EC_P256)
            .commonName("127.0.0.1")
            .noSubjectAltName()
            .extension("2.5.29.17", false, SAN_127_0_0_1)
            .extendedKeyUsage("1.3.6.1.5.5.7.3.1")
            .build();
    https = AiaServer.https(serverTls(serverCert));
    clientTls = trusting(tlsRoot.certificate());
    root = pki.rootCa("TLS Fetch Root").keyType(KeyType.EC_P256).build();
    issuing = pki.intermediateCa("TLS Fetch Issuing CA", root).keyType(KeyType.EC_P256).build();
    https.serveBytes("/issuing.cer", "application/pkix-cert", issuing.der());
    http.serveBytes("/issuing.cer", "application/pkix-cert", issuing.der());
  }

  @AfterEach
  void stop() {
    https.close();
    http.close();
  }

  private static SSLContext serverTls(TestCertificate cert) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(
        "server", cert.privateKey(), STORE_PASSWORD, cert.chain().toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, STORE_PASSWORD);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    return tls;
  }

  private static SSLContext trusting(X509Certificate anchor) throws Exception {
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    ts.setCertificateEntry("root", anchor);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    return tls;
  }

  private X509Certificate leafAt(String url) {
    return pki.leaf(issuing).keyType(KeyType.EC_P256).caIssuers(url).build().certificate();
  }

  private ChainResolver.Builder resolver() {
    return ChainResolver.builder()
        .trustAnchors(root.certificate())
        .fetch(FetchOptions.builder().readTimeout(Duration.ofSeconds(10)).build());
  }

  @Test
  void resolve_httpsUrl_fetchedOverVerifiedTls() {
    ChainResult r =
        resolver().fetchTls(clientTls).build().resolve(leafAt(https.url("/issuing.cer")), now);
    assertThat(r.isValid()).as("%s", r).isTrue();
    assertThat(r.fetches().get(0).outcome()).isEqualTo(Outcome.FETCHED);
    assertThat(https.requests("/issuing.cer")).isEqualTo(1);
  }

  @Test
  void resolve_httpsServerNotTrusted_handshakeFailureNamed() {
    ChainResult r = resolver().build().resolve(leafAt(https.url("/issuing.cer")), now);
    assertThat(r.isValid()).isFalse();
    assertThat(r.fetches().get(0).detail()).isEqualTo("the TLS handshake failed");
    assertThat(https.requests()).isZero();
  }

  @Test
  void resolve_redirectHttpsToHttps_isFollowed() {
    https.redirect("/moved.cer", "/issuing.cer");
    ChainResult r =
        resolver().fetchTls(clientTls).build().resolve(leafAt(https.url("/moved.cer")), now);
    assertThat(r.isValid()).as("%s", r).isTrue();
    assertThat(https.requests("/moved.cer")).isEqualTo(1);
    assertThat(https.requests("/issuing.cer")).isEqualTo(1);
  }

  @Test
  void resolve_redirectHttpsToHttp_isRefusedAndNamed() {
    String target = http.url("/issuing.cer");
    https.redirect("/down.cer", target);
    ChainResult r =
        resolver().fetchTls(clientTls).build().resolve(leafAt(https.url("/down.cer")), now);
    assertThat(r.isValid()).isFalse();
    FetchAttempt a = r.fetches().get(0);
    assertThat(a.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(a.httpStatus()).isEqualTo(302);
    assertThat(a.detail())
        .isEqualTo("redirected to " + target + ", not followed: a redirect from https to http");
    assertThat(r.diagnosis().orElseThrow().reason())
        .contains(https.url("/down.cer") + ": redirected to " + target + ", not followed");
    assertThat(https.requests("/down.cer")).isEqualTo(1);
    assertThat(http.requests()).isZero();
  }
}
