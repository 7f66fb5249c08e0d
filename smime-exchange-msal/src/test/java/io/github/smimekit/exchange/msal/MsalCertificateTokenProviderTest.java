package io.github.smimekit.exchange.msal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.smimekit.core.SmimeException;
import io.github.smimekit.exchange.AccessToken;
import io.github.smimekit.exchange.CmdletCall;
import io.github.smimekit.exchange.ExchangeClient;
import io.github.smimekit.exchange.TenantId;
import io.github.smimekit.exchange.TokenRequest;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import io.github.smimekit.testing.exchange.FakeExchangeServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * MSAL4J app-only certificate authentication against a loopback token endpoint over real TLS: the
 * endpoint checks the signed client assertion with the app certificate's public key.
 */
@Timeout(120)
final class MsalCertificateTokenProviderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLIENT_ID = "3f1c2a9e-7b4d-4e21-9c8a-5d6e7f8a9b0c";
  private static final TenantId TENANT = TenantId.parse("contoso.onmicrosoft.com");

  @TempDir Path dir;
  private HttpsServer server;
  private SSLContext clientTls;
  private TestCertificate app;
  private final List<Map<String, String>> tokenForms = new CopyOnWriteArrayList<>();
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final AtomicInteger issued = new AtomicInteger();
  private volatile int failWith;

  @BeforeEach
  void setUp() throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    boolean ci = "true".equals(System.getenv("CI"));
    if (!Files.isExecutable(keytool) && !ci) {
      assumeTrue(
          false, "keytool not found at " + keytool + ": skipping the TLS token endpoint test");
    }
    Path ks = dir.resolve("server.p12");
    Process p =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "san=ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                ks.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      keyStore.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore, "changeit".toCharArray());
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", keyStore.getCertificate("server"));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, tmf.getTrustManagers(), null);

    app = TestPki.create(11).selfSigned("app@contoso.com").keyType(KeyType.RSA_2048).build();

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.stop(0);
    }
  }

  private URI authorityHost() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private MsalCertificateTokenProvider provider() {
    return MsalCertificateTokenProvider.builder()
        .tenant(TENANT)
        .clientId(CLIENT_ID)
        .certificate(app.privateKey(), app.certificate())
        .authorityHost(authorityHost())
        .sslSocketFactory(clientTls.getSocketFactory())
        .build();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      paths.add(ex.getRequestMethod() + " " + path);
      byte[] body = ex.getRequestBody().readAllBytes();
      String base = authorityHost().toString();
      String answer;
      int status = 200;
      if (path.endsWith("/oauth2/v2.0/token")) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String kv : new String(body, StandardCharsets.UTF_8).split("&")) {
          int eq = kv.indexOf('=');
          form.put(
              URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        tokenForms.add(form);
        if (failWith != 0) {
          status = failWith;
          answer =
              "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS700027: the assertion was not signed by a key of the app\",\"error_codes\":[700027]}";
        } else {
          answer =
              "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\"eyJ.fake-at-"
                  + issued.incrementAndGet()
                  + "\"}";
        }
      } else if (path.endsWith("/.well-known/openid-configuration")) {
        answer =
            "{\"token_endpoint\":\""
                + base
                + TENANT.value()
                + "/oauth2/v2.0/token\",\"issuer\":\""
                + base
                + TENANT.value()
                + "/v2.0\",\"authorization_endpoint\":\""
                + base
                + TENANT.value()
                + "/oauth2/v2.0/authorize\"}";
      } else if (path.endsWith("/discovery/instance")) {
        String hostPort = "127.0.0.1:" + server.getAddress().getPort();
        answer =
            "{\"tenant_discovery_endpoint\":\""
                + base
                + TENANT.value()
                + "/v2.0/.well-known/openid-configuration\",\"api-version\":\"1.1\",\"metadata\":[{\"preferred_network\":\""
                + hostPort
                + "\",\"preferred_cache\":\""
                + hostPort
                + "\",\"aliases\":[\""
                + hostPort
                + "\"]}]}";
      } else {
        status = 404;
        answer = "{}";
      }
      byte[] out = answer.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, out.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(out);
      }
    }
  }

  @Test
  void token_isIssuedForASignedAssertion_andCached() throws Exception {
    MsalCertificateTokenProvider provider = provider();
    AccessToken t = provider.token(TokenRequest.of(TokenRequest.EXCHANGE_ONLINE_SCOPE));
    assertThat(new String(t.toCharArray())).isEqualTo("eyJ.fake-at-1");
    assertThat(t.expiresAt()).isPresent();
    assertThat(t.toString()).isEqualTo("AccessToken[***]");

    assertThat(tokenForms).hasSize(1);
    Map<String, String> form = tokenForms.get(0);
    assertThat(form.get("grant_type")).isEqualTo("client_credentials");
    assertThat(form.get("client_id")).isEqualTo(CLIENT_ID);
    assertThat(form.get("scope")).contains("https://outlook.office365.com/.default");
    assertThat(form.get("client_assertion_type"))
        .isEqualTo("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    verifyAssertion(form.get("client_assertion"));

    // cached: no second request
    provider.token(TokenRequest.of(TokenRequest.EXCHANGE_ONLINE_SCOPE));
    assertThat(tokenForms).hasSize(1);
  }

  private void verifyAssertion(String jwt) throws Exception {
    String[] parts = jwt.split("\\.");
    assertThat(parts).hasSize(3);
    Base64.Decoder d = Base64.getUrlDecoder();
    JsonNode header = JSON.readTree(d.decode(parts[0]));
    JsonNode claims = JSON.readTree(d.decode(parts[1]));
    assertThat(claims.path("iss").asText()).isEqualTo(CLIENT_ID);
    assertThat(claims.path("sub").asText()).isEqualTo(CLIENT_ID);
    assertThat(claims.path("aud").toString()).contains("/" + TENANT.value() + "/oauth2/v2.0/token");
    String alg = header.path("alg").asText();
    Signature s;
    if (alg.equals("PS256")) {
      s = Signature.getInstance("RSASSA-PSS");
      s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    } else {
      assertThat(alg).isEqualTo("RS256");
      s = Signature.getInstance("SHA256withRSA");
    }
    s.initVerify(app.publicKey());
    s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(s.verify(d.decode(parts[2]))).as("assertion signed with the app key").isTrue();
    assertThat(header.has("x5c") || header.has("x5t") || header.has("x5t#S256")).isTrue();
  }

  @Test
  void forceRefreshWithClaims_skipsTheCacheAndPassesTheClaims() {
    MsalCertificateTokenProvider provider = provider();
    provider.token(TokenRequest.of(TokenRequest.EXCHANGE_ONLINE_SCOPE));
    String claims = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1700000000\"}}}";
    AccessToken t =
        provider.token(
            new TokenRequest(
                TokenRequest.EXCHANGE_ONLINE_SCOPE,
                Optional.of(
                    Base64.getEncoder().encodeToString(claims.getBytes(StandardCharsets.UTF_8))),
                true));
    assertThat(new String(t.toCharArray())).isEqualTo("eyJ.fake-at-2");
    assertThat(tokenForms).hasSize(2);
    assertThat(tokenForms.get(1).get("claims")).contains("\"nbf\"");
  }

  @Test
  void refusedByTokenEndpoint_isSmimeExceptionWithoutSecrets() {
    failWith = 401;
    MsalCertificateTokenProvider provider = provider();
    assertThatThrownBy(() -> provider.token(TokenRequest.of(TokenRequest.EXCHANGE_ONLINE_SCOPE)))
        .isInstanceOf(SmimeException.class)
        .hasMessageContaining("refused app " + CLIENT_ID)
        .hasMessageContaining("invalid_client")
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain(tokenForms.get(0).get("client_assertion")));
  }

  @Test
  void provider_drivesTheExchangeClientAgainstTheFake() throws Exception {
    try (FakeExchangeServer fake = FakeExchangeServer.builder().token("eyJ.fake-at-1").start()) {
      ExchangeClient client =
          ExchangeClient.builder()
              .baseUri(fake.baseUri())
              .tenant(TENANT)
              .tokenProvider(provider())
              .build();
      assertThat(client.invoke(CmdletCall.builder("Get-SmimeConfig").build()).values()).hasSize(1);
      assertThat(fake.takeRequest().header("Authorization")).contains("Bearer eyJ.fake-at-1");
    }
  }

  @Test
  void builder_validatesItsInput() {
    assertThatThrownBy(() -> MsalCertificateTokenProvider.builder().clientId("not-a-guid"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                MsalCertificateTokenProvider.builder()
                    .authorityHost(URI.create("http://127.0.0.1/")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MsalCertificateTokenProvider.builder().tenant(TENANT).build())
        .isInstanceOf(IllegalStateException.class);
    assertThat(provider().toString()).doesNotContain("PRIVATE").contains(CLIENT_ID);
  }
}
