package io.github.smimekit.core;

import static io.github.smimekit.core.Pkcs12Fixtures.keysMatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Pkcs12}: files made at test time by openssl, keytool, the JDK and our writer. */
final class Pkcs12Test {
  private static final String SECRET = "s3cret";

  @TempDir static Path dir;
  private static Pkcs12Fixtures fx;

  @BeforeAll
  static void setUp() throws Exception {
    fx = new Pkcs12Fixtures(dir);
  }

  private static Password pw(String s) {
    return Password.of(s.toCharArray());
  }

  /** openssl pkcs12 -export of alice (EC) with chain, friendly name "alice", and extra options. */
  private static byte[] opensslExport(String out, String passout, String... extra)
      throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
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
                passout,
                "-out",
                out));
    args.addAll(Arrays.asList(extra));
    fx.openssl(args.toArray(new String[0]));
    return Files.readAllBytes(dir.resolve(out));
  }

  static Stream<Arguments> opensslVariants() {
    return Stream.of(
        Arguments.of("openssl3-default", new String[] {}),
        Arguments.of("openssl-legacy", new String[] {"-legacy"}),
        Arguments.of(
            "windows-3des-sha1",
            new String[] {
              "-keypbe", "PBE-SHA1-3DES", "-certpbe", "PBE-SHA1-3DES", "-macalg", "sha1"
            }),
        Arguments.of(
            "windows-aes256-sha256",
            new String[] {
              "-keypbe", "AES-256-CBC", "-certpbe", "AES-256-CBC", "-macalg", "sha256"
            }),
        Arguments.of("nomac", new String[] {"-nomac"}),
        Arguments.of("mac-sha512", new String[] {"-macalg", "sha512"}),
        Arguments.of("aes128", new String[] {"-keypbe", "AES-128-CBC", "-certpbe", "AES-128-CBC"}),
        Arguments.of("plain-certs", new String[] {"-certpbe", "NONE"}),
        Arguments.of("plain-key-and-certs", new String[] {"-keypbe", "NONE", "-certpbe", "NONE"}),
        Arguments.of(
            "plain-no-mac", new String[] {"-keypbe", "NONE", "-certpbe", "NONE", "-nomac"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("opensslVariants")
  void read_opensslVariant_returnsKeyCertificateChainAndName(String name, String[] options)
      throws Exception {
    byte[] p12 = opensslExport(name + ".p12", "pass:" + SECRET, options);

    Pkcs12Identity id = Pkcs12.read(p12, pw(SECRET));

    assertThat(id.certificate()).isEqualTo(fx.alice.certificate());
    assertThat(id.chain()).containsExactly(fx.ica.certificate(), fx.root.certificate());
    assertThat(id.friendlyName()).contains("alice");
    assertThat(id.localKeyId()).isPresent();
    assertThat(keysMatch(id.privateKey(), fx.alice.publicKey())).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("opensslVariants")
  void read_opensslVariantWrongPassword_throwsWrongPassword(String name, String[] options)
      throws Exception {
    byte[] p12 = opensslExport(name + "-w.p12", "pass:" + SECRET, options);
    boolean anythingProtected = !name.equals("plain-no-mac");

    if (anythingProtected) {
      assertThatThrownBy(() -> Pkcs12.read(p12, pw("not-" + SECRET)))
          .isInstanceOf(WrongPasswordException.class)
          .hasMessage("PKCS#12: wrong password (or the file's integrity check failed)");
    } else {
      // nothing depends on the password: the file opens with any
      assertThat(Pkcs12.read(p12, pw("whatever")).certificate()).isEqualTo(fx.alice.certificate());
    }
  }

  @Test
  void inspect_opensslLegacy_reportsRc2For40BitsAndWeak() throws Exception {
    byte[] p12 = opensslExport("inspect-legacy.p12", "pass:" + SECRET, "-legacy");

    Pkcs12Info info = Pkcs12.inspect(p12, pw(SECRET));

    assertThat(info.mac()).isPresent();
    assertThat(info.mac().get().algorithm()).isEqualTo("HMAC-SHA-1");
    assertThat(info.encryptions())
        .extracting(Pkcs12Info.Encryption::target, Pkcs12Info.Encryption::scheme)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Pkcs12Info.Encryption.Target.SAFE, "pbeWithSHAAnd40BitRC2-CBC"),
            org.assertj.core.groups.Tuple.tuple(
                Pkcs12Info.Encryption.Target.KEY, "pbeWithSHAAnd3-KeyTripleDES-CBC"));
    assertThat(info.encryptions().get(0).weak()).isTrue();
    assertThat(info.encryptions().get(1).weak()).isFalse();
    assertThat(info.weak()).isTrue();
    assertThat(info.certificates()).hasSize(3);
    assertThat(info.certificates().get(0).hasKey()).isTrue();
    assertThat(info.certificates().get(0).friendlyName()).contains("alice");
    assertThat(info.certificates().get(0).sha1()).isEqualTo(sha1(fx.alice.der()));
  }

  @Test
  void inspect_opensslDefault_reportsAes256Pbkdf2Sha256AndNotWeak() throws Exception {
    byte[] p12 = opensslExport("inspect-modern.p12", "pass:" + SECRET);

    Pkcs12Info info = Pkcs12.inspect(p12, pw(SECRET));

    assertThat(info.mac())
        .hasValueSatisfying(
            m -> {
              assertThat(m.algorithm()).isEqualTo("HMAC-SHA-256");
              assertThat(m.iterations()).isEqualTo(2048);
              assertThat(m.saltLength()).isEqualTo(8);
            });
    assertThat(info.macDescription()).isEqualTo("HMAC-SHA-256, 2048 iterations, 8-byte salt");
    assertThat(info.encryptions())
        .extracting(Pkcs12Info.Encryption::scheme)
        .containsOnly("PBES2 AES-256-CBC PBKDF2-HMAC-SHA256");
    assertThat(info.encryptions()).extracting(Pkcs12Info.Encryption::iterations).containsOnly(2048);
    assertThat(info.weak()).isFalse();
  }

  @Test
  void inspect_noMac_reportsNoneAndWeak() throws Exception {
    byte[] p12 = opensslExport("inspect-nomac.p12", "pass:" + SECRET, "-nomac");

    Pkcs12Info info = Pkcs12.inspect(p12, pw(SECRET));

    assertThat(info.mac()).isEmpty();
    assertThat(info.macDescription()).isEqualTo("none");
    assertThat(info.weak()).isTrue();
  }

  @Test
  void read_opensslEmptyPassword_opensWithEmptyPassword() throws Exception {
    byte[] p12 = opensslExport("empty.p12", "pass:");

    assertThat(Pkcs12.read(p12, Password.empty()).certificate()).isEqualTo(fx.alice.certificate());
    assertThatThrownBy(() -> Pkcs12.read(p12, pw("x"))).isInstanceOf(WrongPasswordException.class);
  }

  @Test
  void read_opensslLegacyEmptyPassword_opensWithEmptyPassword() throws Exception {
    byte[] p12 = opensslExport("empty-legacy.p12", "pass:", "-legacy");

    assertThat(Pkcs12.read(p12, Password.empty()).certificate()).isEqualTo(fx.alice.certificate());
  }

  @Test
  void read_opensslNonAsciiPassword_opens() throws Exception {
    String password = "pässwörd€";
    byte[] modern = opensslExport("utf8.p12", fx.passFile("utf8.pw", password));
    byte[] legacy = opensslExport("utf8-legacy.p12", fx.passFile("utf8.pw", password), "-legacy");

    assertThat(Pkcs12.read(modern, pw(password)).certificate()).isEqualTo(fx.alice.certificate());
    assertThat(Pkcs12.read(legacy, pw(password)).certificate()).isEqualTo(fx.alice.certificate());
    assertThatThrownBy(() -> Pkcs12.read(legacy, pw("passwörd€")))
        .isInstanceOf(WrongPasswordException.class);
  }

  @Test
  void readCertificatesOnly_certificateOnlyFile_returnsAllAndReadThrowsSelection()
      throws Exception {
    fx.openssl(
        "pkcs12",
        "-export",
        "-nokeys",
        "-in",
        "alice.pem",
        "-certfile",
        "chain.pem",
        "-passout",
        "pass:" + SECRET,
        "-out",
        "certs-only.p12");
    byte[] p12 = Files.readAllBytes(dir.resolve("certs-only.p12"));

    assertThat(Pkcs12.readCertificatesOnly(p12, pw(SECRET)))
        .containsExactly(fx.alice.certificate(), fx.ica.certificate(), fx.root.certificate());
    IdentitySelectionException e =
        catchThrowableOfType(IdentitySelectionException.class, () -> Pkcs12.read(p12, pw(SECRET)));
    assertThat(e)
        .hasMessageContaining("no private key")
        .hasMessageContaining("readCertificatesOnly");
    assertThat(e.candidates()).isEmpty();
  }

  @Test
  void read_keytoolGenkeypair_returnsIdentityWithAlias() throws Exception {
    fx.keytool(
        "-genkeypair",
        "-storetype",
        "PKCS12",
        "-keystore",
        "keytool.p12",
        "-storepass",
        SECRET,
        "-alias",
        "carol",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=carol",
        "-validity",
        "10");
    byte[] p12 = Files.readAllBytes(dir.resolve("keytool.p12"));

    Pkcs12Identity id = Pkcs12.read(p12, pw(SECRET));

    assertThat(id.friendlyName()).contains("carol");
    assertThat(id.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=carol");
    assertThat(keysMatch(id.privateKey(), id.certificate().getPublicKey())).isTrue();
    assertThat(id.chain()).isEmpty();
  }

  @Test
  void read_keytoolImportkeystore_returnsIdentity() throws Exception {
    opensslExport("to-import.p12", "pass:" + SECRET, "-legacy");
    fx.keytool(
        "-importkeystore",
        "-srckeystore",
        "to-import.p12",
        "-srcstoretype",
        "PKCS12",
        "-srcstorepass",
        SECRET,
        "-destkeystore",
        "imported.p12",
        "-deststoretype",
        "PKCS12",
        "-deststorepass",
        SECRET,
        "-noprompt");
    byte[] p12 = Files.readAllBytes(dir.resolve("imported.p12"));

    Pkcs12Identity id = Pkcs12.read(p12, pw(SECRET));

    assertThat(id.certificate()).isEqualTo(fx.alice.certificate());
    assertThat(id.chain()).containsExactly(fx.ica.certificate(), fx.root.certificate());
    assertThat(id.friendlyName()).contains("alice");
  }

  private static byte[] jdkKeyStore(char[] password, Object... aliasAndCerts) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    for (int i = 0; i < aliasAndCerts.length; i += 2) {
      var c = (io.github.smimekit.testing.TestCertificate) aliasAndCerts[i + 1];
      ks.setKeyEntry(
          (String) aliasAndCerts[i],
          c.privateKey(),
          password,
          c.chain().toArray(new Certificate[0]));
    }
    var out = new java.io.ByteArrayOutputStream();
    ks.store(out, password);
    return out.toByteArray();
  }

  @Test
  void read_severalKeysWithoutSelection_throwsSelectionListingCandidates() throws Exception {
    byte[] p12 = jdkKeyStore(SECRET.toCharArray(), "one", fx.alice, "two", fx.bob);

    IdentitySelectionException e =
        catchThrowableOfType(IdentitySelectionException.class, () -> Pkcs12.read(p12, pw(SECRET)));

    assertThat(e).hasMessageContaining("2 private keys");
    assertThat(e.candidates())
        .extracting(c -> c.alias().orElseThrow())
        .containsExactlyInAnyOrder("one", "two");
    assertThat(e.candidates())
        .extracting(c -> c.sha1().orElseThrow())
        .contains(sha1(fx.bob.der()), sha1(fx.alice.der()));
    assertThat(e.getMessage()).doesNotContain(SECRET);
  }

  @Test
  void read_severalKeysByAliasOrThumbprint_returnsChosen() throws Exception {
    byte[] p12 = jdkKeyStore(SECRET.toCharArray(), "one", fx.alice, "two", fx.bob);

    Pkcs12Identity two =
        Pkcs12.read(p12, pw(SECRET), Pkcs12ReadOptions.builder().alias("two").build());
    Pkcs12Identity one =
        Pkcs12.read(
            p12,
            pw(SECRET),
            Pkcs12ReadOptions.builder()
                .thumbprint(
                    Thumbprint.parse(sha1(fx.alice.der()).hex().toLowerCase(java.util.Locale.ROOT)))
                .build());

    assertThat(two.certificate()).isEqualTo(fx.bob.certificate());
    assertThat(keysMatch(two.privateKey(), fx.bob.publicKey())).isTrue();
    assertThat(one.certificate()).isEqualTo(fx.alice.certificate());
    assertThat(one.chain()).containsExactly(fx.ica.certificate(), fx.root.certificate());
    assertThatThrownBy(
            () -> Pkcs12.read(p12, pw(SECRET), Pkcs12ReadOptions.builder().alias("three").build()))
        .isInstanceOf(IdentitySelectionException.class)
        .hasMessageContaining("'three'");
  }

  @ParameterizedTest
  @EnumSource(Pkcs12Protection.class)
  void write_thenRead_roundTrips(Pkcs12Protection protection) throws Exception {
    Bytes p12 =
        Pkcs12.encode(
            fx.bob.privateKey(),
            fx.bob.certificate(),
            List.of(fx.ica.certificate(), fx.root.certificate()),
            "Bob (S/MIME)",
            pw(SECRET),
            protection);

    Pkcs12Identity id = Pkcs12.read(p12, pw(SECRET));

    assertThat(id.privateKey().getEncoded()).isEqualTo(fx.bob.privateKey().getEncoded());
    assertThat(id.certificate()).isEqualTo(fx.bob.certificate());
    assertThat(id.chain()).containsExactly(fx.ica.certificate(), fx.root.certificate());
    assertThat(id.friendlyName()).contains("Bob (S/MIME)");
    assertThat(id.localKeyId()).contains(sha1(fx.bob.der()).bytes());
    Pkcs12Info info = Pkcs12.inspect(p12, pw(SECRET));
    if (protection == Pkcs12Protection.MODERN) {
      assertThat(info.macDescription()).isEqualTo("HMAC-SHA-256, 2048 iterations, 16-byte salt");
      assertThat(info.encryptions())
          .extracting(Pkcs12Info.Encryption::scheme)
          .containsOnly("PBES2 AES-256-CBC PBKDF2-HMAC-SHA256");
      assertThat(info.weak()).isFalse();
    } else {
      assertThat(info.macDescription()).isEqualTo("HMAC-SHA-1, 2000 iterations, 8-byte salt");
      assertThat(info.encryptions())
          .extracting(Pkcs12Info.Encryption::scheme)
          .containsOnly("pbeWithSHAAnd3-KeyTripleDES-CBC");
      assertThat(info.weak()).isTrue(); // SHA-1 MAC with fewer than 2048 iterations
    }
  }

  @ParameterizedTest
  @EnumSource(Pkcs12Protection.class)
  void write_readByJdkKeyStore_returnsKeyAndChain(Pkcs12Protection protection) throws Exception {
    Bytes p12 =
        Pkcs12.encode(
            fx.alice.privateKey(),
            fx.alice.certificate(),
            List.of(fx.ica.certificate(), fx.root.certificate()),
            "alice",
            pw(SECRET),
            protection);

    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(new ByteArrayInputStream(p12.toByteArray()), SECRET.toCharArray());
    String alias = Collections.list(ks.aliases()).get(0);
    Key key = ks.getKey(alias, SECRET.toCharArray());

    assertThat(alias).isEqualTo("alice");
    assertThat(key.getEncoded()).isEqualTo(fx.alice.privateKey().getEncoded());
    assertThat(ks.getCertificateChain(alias))
        .containsExactly(fx.alice.certificate(), fx.ica.certificate(), fx.root.certificate());
  }

  @ParameterizedTest
  @EnumSource(Pkcs12Protection.class)
  void write_readByOpenssl_verifiesMacAndDecryptsKey(Pkcs12Protection protection) throws Exception {
    Bytes p12 =
        Pkcs12.encode(
            fx.alice.privateKey(),
            fx.alice.certificate(),
            List.of(fx.ica.certificate(), fx.root.certificate()),
            "alice",
            pw(SECRET),
            protection);
    Path file = dir.resolve("ours-" + protection + ".p12");
    Files.write(file, p12.toByteArray());

    fx.openssl("pkcs12", "-in", file.toString(), "-info", "-noout", "-passin", "pass:" + SECRET);
    String pem =
        fx.openssl("pkcs12", "-in", file.toString(), "-nodes", "-passin", "pass:" + SECRET);

    assertThat(pem).contains("BEGIN PRIVATE KEY").contains("friendlyName: alice");
    assertThat(pem.split("BEGIN CERTIFICATE", -1)).hasSize(4);
    assertThat(
            fx.opensslExit(
                "pkcs12", "-in", file.toString(), "-info", "-noout", "-passin", "pass:wrong"))
        .isNotZero();
  }

  @Test
  void write_emptyPassword_readByUsAndOpenssl() throws Exception {
    Bytes p12 =
        Pkcs12.encode(
            fx.alice.privateKey(),
            fx.alice.certificate(),
            List.of(),
            "alice",
            Password.empty(),
            Pkcs12Protection.MODERN);
    Path file = dir.resolve("ours-empty.p12");
    Files.write(file, p12.toByteArray());

    assertThat(Pkcs12.read(p12, Password.empty()).certificate()).isEqualTo(fx.alice.certificate());
    fx.openssl("pkcs12", "-in", file.toString(), "-info", "-noout", "-passin", "pass:");
  }

  @Test
  void write_nonAsciiPassword_readByUsAndOpenssl() throws Exception {
    String password = "pässwörd€";
    Bytes p12 =
        Pkcs12.encode(
            fx.alice.privateKey(),
            fx.alice.certificate(),
            List.of(),
            "alice",
            pw(password),
            Pkcs12Protection.WINDOWS_LEGACY);
    Path file = dir.resolve("ours-utf8.p12");
    Files.write(file, p12.toByteArray());

    assertThat(Pkcs12.read(p12, pw(password)).certificate()).isEqualTo(fx.alice.certificate());
    fx.openssl(
        "pkcs12",
        "-in",
        file.toString(),
        "-info",
        "-noout",
        "-passin",
        fx.passFile("ours-utf8.pw", password));
  }

  @Test
  void write_sameRandomSeed_sameBytes() {
    Bytes a = writeSeeded(1);
    Bytes b = writeSeeded(1);
    Bytes c = writeSeeded(2);

    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }

  private static Bytes writeSeeded(long seed) {
    SecureRandom random = deterministic(seed);
    return Pkcs12.encode(
        Pkcs12Identity.of(fx.alice.privateKey(), fx.alice.certificate(), List.of()),
        pw(SECRET),
        Pkcs12Protection.MODERN,
        random);
  }

  /** A SecureRandom whose bytes come from a seeded java.util.Random (tests only). */
  static SecureRandom deterministic(long seed) {
    Random r = new Random(seed);
    return new SecureRandom() {
      private static final long serialVersionUID = 1L;

      @Override
      public void nextBytes(byte[] bytes) {
        r.nextBytes(bytes);
      }
    };
  }

  @Test
  void read_truncatedFile_throwsFormatExceptionWithOffset() throws Exception {
    byte[] p12 =
        Pkcs12.encode(
                fx.alice.privateKey(),
                fx.alice.certificate(),
                List.of(),
                "a",
                pw(SECRET),
                Pkcs12Protection.MODERN)
            .toByteArray();
    for (int length : new int[] {1, 2, 4, 100, p12.length / 2, p12.length - 1}) {
      byte[] cut = Arrays.copyOf(p12, length);

      SmimeFormatException e =
          catchThrowableOfType(SmimeFormatException.class, () -> Pkcs12.read(cut, pw(SECRET)));

      assertThat(e).as("length %d", length).isNotNull();
      assertThat(e.getMessage()).as("length %d", length).startsWith("PKCS#12");
      assertThat(e.offset()).as("length %d", length).isPresent();
    }
  }

  @Test
  void read_pemCertificate_throwsFormatExceptionNamingPem() {
    byte[] pem = fx.alice.pem().getBytes(StandardCharsets.US_ASCII);

    SmimeFormatException e =
        catchThrowableOfType(SmimeFormatException.class, () -> Pkcs12.read(pem, pw(SECRET)));

    assertThat(e).hasMessageContaining("PEM");
    assertThat(e.offset()).hasValue(0);
  }

  @Test
  void read_derCertificate_throwsFormatException() {
    assertThatThrownBy(() -> Pkcs12.read(fx.alice.der(), pw(SECRET)))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageStartingWith("PKCS#12");
  }

  @Test
  void read_randomBytes_throwsFormatException() {
    long seed = 20261125L;
    Random random = new Random(seed);
    for (int i = 0; i < 200; i++) {
      byte[] junk = new byte[1 + random.nextInt(300)];
      random.nextBytes(junk);
      if (i % 2 == 0) {
        junk[0] = 0x30; // get past the first check
      }
      assertThatThrownBy(() -> Pkcs12.read(junk, pw(SECRET)))
          .as("seed %d, input %d", seed, i)
          .isInstanceOf(SmimeFormatException.class);
    }
  }

  @Test
  void read_iterationsAboveLimit_throwsBeforeDeriving() throws Exception {
    byte[] p12 = opensslExport("iter.p12", "pass:" + SECRET);
    Pkcs12ReadOptions options = Pkcs12ReadOptions.builder().maxIterations(2047).build();

    assertThatThrownBy(() -> Pkcs12.read(p12, pw(SECRET), options))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("iteration count 2048 exceeds the limit of 2047");
  }

  @Test
  void read_limitsOfSizeAndBags_throwFormatException() throws Exception {
    byte[] p12 = opensslExport("limits.p12", "pass:" + SECRET);

    assertThatThrownBy(
            () ->
                Pkcs12.read(
                    p12,
                    pw(SECRET),
                    Pkcs12ReadOptions.builder()
                        .limits(ReadLimits.defaults().withMaxInputBytes(100))
                        .build()))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("over the limit of 100 bytes");
    assertThatThrownBy(
            () -> Pkcs12.read(p12, pw(SECRET), Pkcs12ReadOptions.builder().maxBags(3).build()))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("more than 3 safes and bags");
  }

  @Test
  void read_path_readsFileAndRefusesLargeOnes() throws Exception {
    opensslExport("path.p12", "pass:" + SECRET);
    Path file = dir.resolve("path.p12");

    assertThat(Pkcs12.read(file, pw(SECRET)).certificate()).isEqualTo(fx.alice.certificate());
    assertThatThrownBy(
            () ->
                Pkcs12.read(
                    file,
                    pw(SECRET),
                    Pkcs12ReadOptions.builder()
                        .limits(ReadLimits.defaults().withMaxInputBytes(10))
                        .build()))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessageContaining("over the limit");
  }

  @Test
  void read_doesNotDestroyCallersPassword() {
    Bytes p12 = writeSeeded(3);
    Password password = pw(SECRET);

    Pkcs12.read(p12, password);

    assertThat(password.isDestroyed()).isFalse();
    assertThat(password.length()).isEqualTo(SECRET.length());
  }

  @Test
  void identityToString_showsSubjectButNoKeyMaterial() {
    Pkcs12Identity id = Pkcs12.read(writeSeeded(4), pw(SECRET));
    PrivateKey key = id.privateKey();
    String text = id.toString();

    assertThat(text).contains("alice").contains("EC");
    assertThat(text).doesNotContain(Bytes.copyOf(key.getEncoded()).hex().substring(0, 16));
    assertThat(text).doesNotContain(SECRET);
  }

  @Test
  void read_bcWrittenTestPkiFile_returnsIdentity() {
    byte[] p12 = fx.bob.pkcs12(SECRET.toCharArray(), "bob");

    Pkcs12Identity id = Pkcs12.read(p12, pw(SECRET));

    assertThat(id.certificate()).isEqualTo(fx.bob.certificate());
    assertThat(id.friendlyName()).contains("bob");
  }

  static Thumbprint sha1(byte[] der) throws Exception {
    return Thumbprint.parse(
        Bytes.copyOf(java.security.MessageDigest.getInstance("SHA-1").digest(der)).hex());
  }

  @Test
  void readCertificatesOnly_identityFile_returnsLeafAndChain() throws Exception {
    byte[] p12 = opensslExport("certs.p12", "pass:" + SECRET);

    List<X509Certificate> certs = Pkcs12.readCertificatesOnly(p12, pw(SECRET));

    assertThat(certs)
        .containsExactlyInAnyOrder(
            fx.alice.certificate(), fx.ica.certificate(), fx.root.certificate());
  }
}
