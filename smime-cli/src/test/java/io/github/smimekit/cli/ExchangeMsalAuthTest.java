package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.smimekit.testing.exchange.FakeExchangeServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --client-id ID --certificate FILE.p12}: app-only sign-in through MSAL4J against a loopback
 * token endpoint over real TLS (its certificate made by keytool, trusted with {@code
 * --authority-trust}), then the Admin API fake with the token the endpoint issued.
 */
@Timeout(120)
final class ExchangeMsalAuthTest {
  private static final String CLIENT_ID = "3f1c2a9e-7b4d-4e21-9c8a-5d6e7f8a9b0c";
  private static final String TENANT = "contoso.onmicrosoft.com";
  private static final String ISSUED = "eyJ0eXAi.MSALLEAK-5b1e0c7d.sig";

  @TempDir Path dir;
  private HttpsServer server;
  private Path serverCert;
  private final List<Map<String, String>> tokenForms = new CopyOnWriteArrayList<>();
  private volatile int failWith;

  @BeforeEach
  void setUp() throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    if (!Files.isExecutable(keytool) && !"true".equals(System.getenv("CI"))) {
      assumeTrue(false, "keytool not found at " + keytool + ": skipping the MSAL sign-in test");
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
    serverCert = dir.resolve("token-endpoint.cer");
    Files.write(serverCert, keyStore.getCertificate("server").getEncoded());
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    server =
        HttpsServer.create(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.stop(0);
    }
  }

  private String authority() {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      byte[] body = ex.getRequestBody().readAllBytes();
      String base = authority();
      String answer;
      int status = 200;
      if (path.endsWith("/oauth2/v2.0/token")) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String kv : new String(body, StandardCharsets.UTF_8).split("&", -1)) {
          int eq = kv.indexOf('=');
          form.put(
              URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        tokenForms.add(form);
        if (failWith != 0) {
          status = failWith;
          answer =
              "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS700027: bad assertion\"}";
        } else {
          answer =
              "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"" + ISSUED + "\"}";
        }
      } else if (path.endsWith("/.well-known/openid-configuration")) {
        answer =
            "{\"token_endpoint\":\""
                + base
                + TENANT
                + "/oauth2/v2.0/token\",\"issuer\":\""
                + base
                + TENANT
                + "/v2.0\",\"authorization_endpoint\":\""
                + base
                + TENANT
                + "/oauth2/v2.0/authorize\"}";
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

  private String[] args(FakeExchangeServer fake) {
    return new String[] {
      "exchange",
      "audit",
      "--json",
      "--tenant",
      TENANT,
      "--base-uri",
      fake.baseUri().toString(),
      "--client-id",
      CLIENT_ID,
      "--certificate",
      "../samples/alice.p12",
      "--password-env",
      "APP_P12_PASSWORD",
      "--authority-host",
      authority(),
      "--authority-trust",
      serverCert.toString()
    };
  }

  @Test
  void clientCertificate_signsInThroughMsal_andTheTokenReachesTheAdminApi() throws Exception {
    try (FakeExchangeServer fake = FakeExchangeServer.builder().token(ISSUED).start()) {
      fake.tenant().addMailbox("alice@contoso.example");
      CliRunner.Result r = CliRunner.run(Map.of("APP_P12_PASSWORD", "smimekit-demo"), args(fake));
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).contains("\"clean\" : true"); // alice holds no certificate yet
      assertThat(tokenForms).hasSize(1);
      Map<String, String> form = tokenForms.get(0);
      assertThat(form.get("grant_type")).isEqualTo("client_credentials");
      assertThat(form.get("client_id")).isEqualTo(CLIENT_ID);
      assertThat(form.get("scope")).contains("https://outlook.office365.com/.default");
      assertThat(form.get("client_assertion")).isNotBlank();
      assertThat(fake.recordedRequests())
          .isNotEmpty()
          .allSatisfy(q -> assertThat(q.header("Authorization")).contains("Bearer " + ISSUED));
      for (String s : List.of(r.out(), r.err())) {
        assertThat(s).doesNotContain("MSALLEAK").doesNotContain("smimekit-demo");
        assertThat(s).doesNotContain(form.get("client_assertion"));
      }
    }
  }

  @Test
  void tokenEndpointRefuses_exit3NamingTheApp() throws Exception {
    failWith = 401;
    try (FakeExchangeServer fake = FakeExchangeServer.builder().token(ISSUED).start()) {
      CliRunner.Result r = CliRunner.run(Map.of("APP_P12_PASSWORD", "smimekit-demo"), args(fake));
      assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
      assertThat(r.err()).contains("refused app " + CLIENT_ID).contains("invalid_client");
      assertThat(r.err()).doesNotContain("smimekit-demo");
      assertThat(fake.requestCount()).isZero();
    }
  }

  @Test
  void wrongPassword_exit3() throws Exception {
    try (FakeExchangeServer fake = FakeExchangeServer.builder().token(ISSUED).start()) {
      CliRunner.Result r = CliRunner.run(Map.of("APP_P12_PASSWORD", "wrong"), args(fake));
      assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
      assertThat(r.err()).contains("alice.p12");
      assertThat(tokenForms).isEmpty();
    }
  }

  @Test
  void clientIdWithoutCertificate_isAUsageError() {
    CliRunner.Result r =
        CliRunner.run("exchange", "audit", "--tenant", TENANT, "--client-id", CLIENT_ID);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--client-id needs --certificate FILE.p12");
  }
}
