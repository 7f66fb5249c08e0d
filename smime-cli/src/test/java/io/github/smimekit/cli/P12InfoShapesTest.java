package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.smimekit.core.Password;
import io.github.smimekit.core.Pkcs12;
import io.github.smimekit.core.Pkcs12Identity;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code p12 info} on files that do not hold exactly one identity (written by the JDK's PKCS#12
 * KeyStore, what keytool uses), and on a file with bytes after the PFX structure.
 */
final class P12InfoShapesTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final String PW = P12CommandsTest.PASSWORD;
  private static final Map<String, String> ENV = Map.of("P12_PASSWORD", PW);

  private static CliRunner.Result info(Path file, String... extra) {
    List<String> args =
        new ArrayList<>(List.of("p12", "info", file.toString(), "--password-env", "P12_PASSWORD"));
    args.addAll(Arrays.asList(extra));
    return CliRunner.run(ENV, args.toArray(new String[0]));
  }

  private static Pkcs12Identity alice() throws Exception {
    return Pkcs12.read(P12CommandsTest.ALICE_P12, Password.of(PW.toCharArray()));
  }

  private static Path store(Path dir, String name, KeyStore ks) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ks.store(out, PW.toCharArray());
    Path f = dir.resolve(name);
    Files.write(f, out.toByteArray());
    return f;
  }

  @Test
  void info_certificatesOnly_listsThemAndExitsZero(@TempDir Path dir) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    for (X509Certificate c : alice().chain()) {
      ks.setCertificateEntry(c.getSubjectX500Principal().getName(), c);
    }
    Path f = store(dir, "trust.p12", ks);

    CliRunner.Result r = info(f, "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("identities")).isEmpty();
    assertThat(doc.get("certificate").isNull()).isTrue();
    assertThat(doc.get("certificates")).hasSize(alice().chain().size());
    assertThat(doc.get("certificates").get(0).get("hasKey").asBoolean()).isFalse();
    CliRunner.Result text = info(f);
    assertThat(text.exitCode()).isZero();
    assertThat(text.out()).contains("the file holds no private key").contains("certificates ");
  }

  @Test
  void info_twoIdentities_listsBothAndAliasSelectsOne(@TempDir Path dir) throws Exception {
    Pkcs12Identity a = alice();
    Certificate[] chain = new Certificate[1 + a.chain().size()];
    chain[0] = a.certificate();
    for (int i = 0; i < a.chain().size(); i++) {
      chain[i + 1] = a.chain().get(i);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("first", a.privateKey(), PW.toCharArray(), chain);
    ks.setKeyEntry("second", a.privateKey(), PW.toCharArray(), new Certificate[] {chain[0]});
    Path f = store(dir, "two.p12", ks);

    CliRunner.Result r = info(f, "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("identities")).hasSize(2);
    List<String> names = new ArrayList<>();
    doc.get("identities").forEach(i -> names.add(i.get("friendlyName").asText()));
    assertThat(names).containsExactlyInAnyOrder("first", "second");
    assertThat(doc.get("identities").get(0).get("key").get("algorithm").asText()).isEqualTo("RSA");
    assertThat(doc.get("friendlyName").isNull()).isTrue(); // not exactly one identity

    CliRunner.Result one = info(f, "--json", "--alias", "second");
    assertThat(one.exitCode()).as(one.err()).isZero();
    assertThat(JSON.readTree(one.out()).get("friendlyName").asText()).isEqualTo("second");

    CliRunner.Result export =
        CliRunner.run(
            ENV,
            "p12",
            "export-cert",
            f.toString(),
            "--password-env",
            "P12_PASSWORD",
            "--out",
            dir.resolve("x.cer").toString());
    assertThat(export.exitCode()).isEqualTo(3);
    assertThat(export.err()).contains("first").contains("second");
  }

  @Test
  void info_trailingBytes_warnsAndStrictRefuses(@TempDir Path dir) throws Exception {
    byte[] clean = Files.readAllBytes(P12CommandsTest.ALICE_P12);
    Path f = dir.resolve("padded.pfx");
    Files.write(f, Arrays.copyOf(clean, clean.length + 16));

    CliRunner.Result r = info(f, "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("16 bytes after the end of the PFX structure");
    assertThat(JSON.readTree(r.out()).get("warnings").get(0).asText())
        .startsWith("16 bytes after the end of the PFX structure at offset " + clean.length);

    CliRunner.Result strict = info(f, "--strict");
    assertThat(strict.exitCode()).isEqualTo(3);
    assertThat(strict.err()).contains("16 bytes after the end").contains("strict");
  }
}
