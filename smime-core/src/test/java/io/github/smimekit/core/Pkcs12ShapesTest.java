package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Pkcs12#inspect} on every shape of file (OpenSSL- and keytool-made): certificates only, a
 * key without certificate, two identities; and bytes after the end of the PFX structure.
 */
final class Pkcs12ShapesTest {
  private static final String PW = "shapes";

  @TempDir static Path dir;
  private static Pkcs12Fixtures fx;

  @BeforeAll
  static void setUp() throws Exception {
    fx = new Pkcs12Fixtures(dir);
  }

  private static Password pw() {
    return Password.of(PW.toCharArray());
  }

  private static byte[] identity() throws Exception {
    fx.openssl(
        "pkcs12",
        "-export",
        "-inkey",
        "alice.key",
        "-in",
        "alice.pem",
        "-certfile",
        "chain.pem",
        "-name",
        "alice",
        "-passout",
        "pass:" + PW,
        "-out",
        "id.p12");
    return Files.readAllBytes(dir.resolve("id.p12"));
  }

  @Test
  void inspect_identity_listsKeyWithAlgorithmSizeCertificateAndChain() throws Exception {
    Pkcs12Info info = Pkcs12.inspect(identity(), pw());

    assertThat(info.keys()).hasSize(1);
    Pkcs12Info.Key key = info.keys().get(0);
    assertThat(key.friendlyName()).contains("alice");
    assertThat(key.localKeyId()).isPresent();
    assertThat(key.algorithm()).contains("EC");
    assertThat(key.size()).hasValue(256);
    assertThat(key.certificate()).contains(fx.alice.certificate());
    assertThat(key.chain()).containsExactly(fx.ica.certificate(), fx.root.certificate());
    assertThat(info.certificates())
        .extracting(Pkcs12Info.Certificate::hasKey)
        .containsExactly(true, false, false);
    assertThat(info.certificates().get(0).sha1())
        .isEqualTo(Thumbprint.sha1(fx.alice.certificate()));
    assertThat(info.warnings()).isEmpty();
  }

  @Test
  void inspect_keyWithoutCertificate_listsKeyAndReadRefusesWithCandidate() throws Exception {
    fx.openssl(
        "pkcs12",
        "-export",
        "-nocerts",
        "-inkey",
        "bob.key",
        "-name",
        "bob",
        "-passout",
        "pass:" + PW,
        "-out",
        "key.p12");
    byte[] p12 = Files.readAllBytes(dir.resolve("key.p12"));

    Pkcs12Info info = Pkcs12.inspect(p12, pw());

    assertThat(info.certificates()).isEmpty();
    assertThat(info.keys()).hasSize(1);
    assertThat(info.keys().get(0).friendlyName()).contains("bob");
    assertThat(info.keys().get(0).certificate()).isEmpty();
    assertThat(info.keys().get(0).algorithm()).isEmpty(); // encrypted, nothing says what it is
    IdentitySelectionException e =
        catchThrowableOfType(IdentitySelectionException.class, () -> Pkcs12.read(p12, pw()));
    assertThat(e).hasMessageContaining("no matching certificate");
    assertThat(e.candidates()).extracting(c -> c.alias().orElse("")).containsExactly("bob");
  }

  @Test
  void inspect_keytoolTrustedCertificates_listsCertificatesAndNoKey() throws Exception {
    Files.writeString(dir.resolve("root.pem"), fx.root.pem());
    fx.keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "root ca",
        "-file",
        "root.pem",
        "-keystore",
        "trust.p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        PW);

    Pkcs12Info info = Pkcs12.inspect(Files.readAllBytes(dir.resolve("trust.p12")), pw());

    assertThat(info.keys()).isEmpty();
    assertThat(info.certificates()).hasSize(1);
    assertThat(info.certificates().get(0).certificate()).isEqualTo(fx.root.certificate());
    assertThat(info.certificates().get(0).friendlyName()).contains("root ca");
    assertThat(info.certificates().get(0).hasKey()).isFalse();
  }

  @Test
  void inspect_twoIdentities_listsBothAndReadSelects() throws Exception {
    for (String who : new String[] {"alice", "bob"}) {
      fx.openssl(
          "pkcs12",
          "-export",
          "-inkey",
          who + ".key",
          "-in",
          who + ".pem",
          "-name",
          who,
          "-passout",
          "pass:" + PW,
          "-out",
          who + "-src.p12");
      fx.keytool(
          "-importkeystore",
          "-noprompt",
          "-srckeystore",
          who + "-src.p12",
          "-srcstoretype",
          "PKCS12",
          "-srcstorepass",
          PW,
          "-destkeystore",
          "two.p12",
          "-deststoretype",
          "PKCS12",
          "-deststorepass",
          PW);
    }
    byte[] p12 = Files.readAllBytes(dir.resolve("two.p12"));

    Pkcs12Info info = Pkcs12.inspect(p12, pw());

    assertThat(info.keys()).hasSize(2);
    assertThat(info.keys())
        .extracting(k -> k.friendlyName().orElse(""))
        .containsExactlyInAnyOrder("alice", "bob");
    assertThat(info.keys())
        .extracting(k -> k.algorithm().orElse(""))
        .containsExactlyInAnyOrder("EC", "RSA");
    assertThat(info.keys()).allSatisfy(k -> assertThat(k.certificate()).isPresent());
    IdentitySelectionException e =
        catchThrowableOfType(IdentitySelectionException.class, () -> Pkcs12.read(p12, pw()));
    assertThat(e.candidates()).hasSize(2);
    assertThat(
            Pkcs12.read(p12, pw(), Pkcs12ReadOptions.builder().alias("bob").build()).certificate())
        .isEqualTo(fx.bob.certificate());
  }

  @Test
  void read_trailingBytes_readWithWarningNamingTheCount() throws Exception {
    byte[] clean = identity();
    byte[] padded = Arrays.copyOf(clean, clean.length + 37); // zero padding, as .NET writes it
    padded[padded.length - 1] = 0x55;

    Pkcs12Info info = Pkcs12.inspect(padded, pw());

    assertThat(info.warnings())
        .containsExactly(
            "37 bytes after the end of the PFX structure at offset " + clean.length + " ignored");
    assertThat(info.keys()).hasSize(1);
    assertThat(Pkcs12.read(padded, pw()).certificate()).isEqualTo(fx.alice.certificate());
  }

  @Test
  void read_trailingBytesStrict_refusedWithOffset() throws Exception {
    byte[] clean = identity();
    byte[] padded = Arrays.copyOf(clean, clean.length + 4);
    Pkcs12ReadOptions strict = Pkcs12ReadOptions.builder().strict(true).build();

    assertThatThrownBy(() -> Pkcs12.inspect(padded, pw(), strict))
        .isInstanceOfSatisfying(
            SmimeFormatException.class, e -> assertThat(e.offset()).hasValue(clean.length))
        .hasMessageContaining("4 bytes after the end of the PFX structure")
        .hasMessageContaining("strict");
    assertThat(Pkcs12.inspect(clean, pw(), strict).warnings()).isEmpty();
  }
}
