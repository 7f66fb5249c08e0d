package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code smime chain build} with issuer sources and policies: {@code --fetch} against a loopback
 * HTTP server serving the issuers at the caIssuers URLs of {@link TestPki} certificates, the cache
 * and offline mode, {@code --save-fetched}, {@code --anchor jdk|system}, {@code --strict} and
 * {@code --eku}.
 */
final class ChainSourcesCommandsTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final String AT = "2026-01-02T00:00:00Z";

  /**
   * A real public CA certificate issued under a root the JDK ships: "DarkMatter Assured CA", issued
   * by "QuoVadis Root CA 3 G3" (valid 2017-04-19 to 2025-04-19), from Microsoft's
   * disallowed-certificate list in {@code testdata/sst/windows/} (see testdata/sst/README.md).
   */
  private static final String DARKMATTER_SHA1 = "9FEB091E053D1C453C789E8E9C446D31CB177ED9";

  private final AtomicInteger requests = new AtomicInteger();
  private final Map<String, byte[]> served = new ConcurrentHashMap<>();
  private final HttpServer server;
  private final TestPki pki = TestPki.create(1413L);
  private final TestCertificate root;
  private final TestCertificate issuing;
  private final TestCertificate leaf;

  ChainSourcesCommandsTest() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          try (ex) {
            requests.incrementAndGet();
            byte[] body = served.get(ex.getRequestURI().getPath());
            if (body == null) {
              ex.sendResponseHeaders(404, -1);
              return;
            }
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    root = pki.rootCa("CLI Fetch Root").keyType(KeyType.EC_P256).build();
    issuing =
        pki.intermediateCa("CLI Fetch Issuing CA", root)
            .keyType(KeyType.EC_P256)
            .caIssuers(base + "/root.cer")
            .build();
    leaf =
        pki.leaf(issuing)
            .keyType(KeyType.EC_P256)
            .email("bob@example.com")
            .caIssuers(base + "/issuing.cer")
            .build();
    served.put("/issuing.cer", issuing.der());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static Path write(Path dir, String name, byte[] der) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, der);
    return p;
  }

  @Test
  void build_fetch_cacheAndSaveFetched(@TempDir Path dir) throws Exception {
    Path leafFile = write(dir, "bob.cer", leaf.der());
    Path rootFile = write(dir, "root.cer", root.der());
    Path cache = dir.resolve("cache");
    Path saved = dir.resolve("fetched");
    CliRunner.Result r =
        CliRunner.run(
            "chain",
            "build",
            leafFile.toString(),
            "--anchor",
            rootFile.toString(),
            "--fetch-cache",
            cache.toString(),
            "--save-fetched",
            saved.toString(),
            "--at",
            AT,
            "--json");
    assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("chain")).hasSize(3);
    assertThat(doc.get("chain").get(1).get("source").asText()).isEqualTo("fetched");
    assertThat(doc.get("chain").get(2).get("source").asText()).isEqualTo("anchor");
    assertThat(doc.get("fetches").get(0).get("outcome").asText()).isEqualTo("FETCHED");
    assertThat(doc.get("fetches").get(0).get("httpStatus").asInt()).isEqualTo(200);
    String name = "CLI_Fetch_Issuing_CA-" + Thumbprint.sha1(issuing.certificate()).hex() + ".cer";
    assertThat(Files.readAllBytes(saved.resolve(name))).isEqualTo(issuing.der());
    assertThat(requests.get()).isEqualTo(1);

    CliRunner.Result offline =
        CliRunner.run(
            "chain",
            "build",
            leafFile.toString(),
            "--anchor",
            rootFile.toString(),
            "--fetch-cache",
            cache.toString(),
            "--offline",
            "--at",
            AT);
    assertThat(offline.exitCode()).as(offline.err() + offline.out()).isZero();
    assertThat(offline.out()).contains("CLI Fetch Issuing CA").contains("[fetched]");
    assertThat(offline.err()).contains("from the cache directory");
    assertThat(requests.get()).isEqualTo(1);
  }

  @Test
  void exchangePlan_fromChainsFetch_plansTheFetchedCa_cacheAndOfflineOptions(@TempDir Path dir)
      throws Exception {
    write(dir, "bob.cer", leaf.der());
    write(dir, "root.cer", root.der());
    Path desired = dir.resolve("desired.json");
    Files.writeString(
        desired,
        "{\"recipients\":[{\"type\":\"MailContact\",\"identity\":\"bob@example.com\","
            + "\"name\":\"Bob\",\"certificates\":[\"bob.cer\"]}],"
            + "\"issuingCa\":{\"fromChains\":{\"anchors\":[\"root.cer\"],\"fetch\":true}}}");
    Path cache = dir.resolve("cache");
    CliRunner.Result r =
        CliRunner.run(
            "exchange",
            "plan",
            "--desired",
            desired.toString(),
            "--fetch-cache",
            cache.toString(),
            "--at",
            AT,
            "--json");
    assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
    JsonNode ca = JSON.readTree(r.out()).get("issuingCa");
    assertThat(ca.get("changes").toString()).contains(Thumbprint.sha1(issuing.certificate()).hex());
    assertThat(ca.get("findings").toString())
        .contains("fetched-ca")
        .contains("http://127.0.0.1:" + server.getAddress().getPort() + "/issuing.cer");
    assertThat(requests.get()).isEqualTo(1);

    CliRunner.Result offline =
        CliRunner.run(
            "exchange",
            "plan",
            "--desired",
            desired.toString(),
            "--fetch-cache",
            cache.toString(),
            "--offline",
            "--at",
            AT);
    assertThat(offline.exitCode()).as(offline.err() + offline.out()).isZero();
    assertThat(offline.out()).contains("warning fetched-ca: ");
    assertThat(requests.get()).isEqualTo(1);

    CliRunner.Result noCache =
        CliRunner.run("exchange", "plan", "--desired", desired.toString(), "--offline");
    assertThat(noCache.exitCode()).isEqualTo(2);
    assertThat(noCache.err()).contains("--offline needs --fetch-cache DIR");
  }

  @Test
  void build_withoutFetch_namesTheUrlAndMakesNoRequest(@TempDir Path dir) throws Exception {
    Path leafFile = write(dir, "bob.cer", leaf.der());
    CliRunner.Result r =
        CliRunner.run(
            "chain",
            "build",
            leafFile.toString(),
            "--anchor",
            write(dir, "r.cer", root.der()).toString(),
            "--at",
            AT,
            "--json");
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("status").asText()).isEqualTo("ISSUER_NOT_FOUND");
    assertThat(doc.get("reason").asText()).contains("/issuing.cer");
    assertThat(doc.get("fetches")).isEmpty();
    assertThat(requests.get()).isZero();
  }

  @Test
  void build_fetch404_exit1WithTheUrlAndStatus(@TempDir Path dir) throws Exception {
    served.clear();
    CliRunner.Result r =
        CliRunner.run(
            "chain",
            "build",
            write(dir, "bob.cer", leaf.der()).toString(),
            "--anchor",
            write(dir, "r.cer", root.der()).toString(),
            "--fetch",
            "--at",
            AT,
            "--json");
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("reason").asText()).contains("/issuing.cer: HTTP 404");
    assertThat(doc.get("fetches").get(0).get("outcome").asText()).isEqualTo("FAILED");
    assertThat(doc.get("fetches").get(0).get("httpStatus").asInt()).isEqualTo(404);
  }

  @Test
  void build_offlineColdCache_exit1SaysNotCached(@TempDir Path dir) throws Exception {
    CliRunner.Result r =
        CliRunner.run(
            "chain",
            "build",
            write(dir, "bob.cer", leaf.der()).toString(),
            "--anchor",
            write(dir, "r.cer", root.der()).toString(),
            "--fetch-cache",
            dir.resolve("empty-cache").toString(),
            "--offline",
            "--at",
            AT);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("offline, and not in the cache directory");
    assertThat(requests.get()).isZero();
  }

  @Test
  void build_offlineWithoutCache_usageError(@TempDir Path dir) throws Exception {
    CliRunner.Result r =
        CliRunner.run("chain", "build", write(dir, "bob.cer", leaf.der()).toString(), "--offline");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--offline needs --fetch-cache DIR");
  }

  @Test
  void build_anchorJdk_realPublicCaChainsToAJdkRoot(@TempDir Path dir) throws Exception {
    X509Certificate darkMatter =
        SerializedStore.read(
                SstdumpAgreementTest.TESTDATA.resolve(
                    "windows/GeekDuanLian-windows-cert-sync__disallowedcert.sst"))
            .certificates()
            .stream()
            .filter(c -> Thumbprint.sha1(c).hex().equals(DARKMATTER_SHA1))
            .findFirst()
            .orElseThrow();
    Path ca = write(dir, "darkmatter.cer", darkMatter.getEncoded());
    CliRunner.Result r =
        CliRunner.run(
            "chain", "build", ca.toString(), "--anchor", "jdk", "--at", "2020-01-01", "--json");
    assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("chain")).hasSize(2);
    assertThat(doc.get("chain").get(1).get("subject").asText()).contains("QuoVadis Root CA 3 G3");
    assertThat(doc.get("chain").get(1).get("source").asText()).isEqualTo("jdk");
    assertThat(doc.get("platformAnchor").asText()).isEqualTo("jdk");

    CliRunner.Result text =
        CliRunner.run("chain", "build", ca.toString(), "--anchor", "jdk", "--at", "2020-01-01");
    assertThat(text.out())
        .contains("[JDK trust store]")
        .contains("the anchor comes from the JDK trust store");
  }

  @Test
  void build_anchorSystem_linuxBundle(@TempDir Path dir) throws Exception {
    boolean bundle =
        Stream.of("/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt")
            .anyMatch(p -> Files.isRegularFile(Path.of(p)));
    org.junit.jupiter.api.Assumptions.assumeTrue(
        bundle || "true".equals(System.getenv("CI")), "no system CA bundle on this machine");
    CliRunner.Result r =
        CliRunner.run(
            "chain",
            "build",
            write(dir, "bob.cer", leaf.der()).toString(),
            "--pool",
            write(dir, "i.cer", issuing.der()).toString(),
            "--anchor",
            "system",
            "--at",
            AT,
            "--json");
    assertThat(r.exitCode()).as(r.err() + r.out()).isEqualTo(1);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("status").asText()).isEqualTo("ISSUER_NOT_FOUND");
    assertThat(doc.get("reason").asText()).containsPattern("none of the [1-9][0-9]+ trust anchors");
  }

  @Test
  void build_strict_refusesNonCriticalBasicConstraints(@TempDir Path dir) throws Exception {
    TestCertificate lax =
        pki.intermediateCa("Lax CA", root)
            .keyType(KeyType.EC_P256)
            .extension("2.5.29.19", false, new byte[] {0x30, 0x03, 0x01, 0x01, (byte) 0xff})
            .build();
    TestCertificate user = pki.leaf(lax).keyType(KeyType.EC_P256).build();
    String[] base = {
      "chain",
      "build",
      write(dir, "u.cer", user.der()).toString(),
      "--pool",
      write(dir, "lax.cer", lax.der()).toString(),
      "--anchor",
      write(dir, "r.cer", root.der()).toString(),
      "--at",
      AT,
      "--json"
    };
    assertThat(CliRunner.run(base).exitCode()).isZero();
    String[] strict = Stream.concat(Stream.of(base), Stream.of("--strict")).toArray(String[]::new);
    CliRunner.Result r = CliRunner.run(strict);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(JSON.readTree(r.out()).get("status").asText()).isEqualTo("PROFILE");
  }

  @Test
  void build_eku_byNameAndOid(@TempDir Path dir) throws Exception {
    TestCertificate tls =
        pki.leaf(issuing).keyType(KeyType.EC_P256).extendedKeyUsage("1.3.6.1.5.5.7.3.1").build();
    String[] base = {
      "chain",
      "build",
      write(dir, "tls.cer", tls.der()).toString(),
      "--pool",
      write(dir, "i.cer", issuing.der()).toString(),
      "--anchor",
      write(dir, "r.cer", root.der()).toString(),
      "--at",
      AT,
      "--json",
      "--eku"
    };
    CliRunner.Result email =
        CliRunner.run(
            Stream.concat(Stream.of(base), Stream.of("emailProtection")).toArray(String[]::new));
    assertThat(email.exitCode()).isEqualTo(1);
    assertThat(JSON.readTree(email.out()).get("status").asText()).isEqualTo("EXTENDED_KEY_USAGE");
    CliRunner.Result server =
        CliRunner.run(
            Stream.concat(Stream.of(base), Stream.of("1.3.6.1.5.5.7.3.1")).toArray(String[]::new));
    assertThat(server.exitCode()).as(server.err()).isZero();
    CliRunner.Result bad =
        CliRunner.run(
            Stream.concat(Stream.of(base), Stream.of("emailProtect")).toArray(String[]::new));
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("not a dotted OID nor a known purpose: 'emailProtect'");
  }

  @Test
  void fileName_sanitisesTheCommonName() {
    assertThat(ChainCommands.Build.fileName(issuing.certificate()))
        .isEqualTo("CLI_Fetch_Issuing_CA-" + Thumbprint.sha1(issuing.certificate()).hex() + ".cer");
  }
}
