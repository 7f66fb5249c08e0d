package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PlatformTrustStores#system()} on every operating system, wherever the tests run: the key
 * store type asked for on Windows and macOS, only trusted-certificate entries taken from it (a
 * Keychain also holds identities), and the PEM bundle search elsewhere.
 */
final class PlatformTrustStoresOsTest {
  private static final TestPki PKI = TestPki.create(1402L);
  private static final TestCertificate ROOT_A = PKI.rootCa("Platform Root A").build();
  private static final TestCertificate ROOT_B = PKI.rootCa("Platform Root B").build();
  private static final TestCertificate USER = PKI.leaf(ROOT_A).email("me@contoso.example").build();

  @TempDir Path dir;

  /** A stand-in for the OS store: two trusted roots and one identity (key entry). */
  private static KeyStore storeWithRootsAndAnIdentity() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("root a", ROOT_A.certificate());
    ks.setCertificateEntry("root b", ROOT_B.certificate());
    ks.setKeyEntry(
        "me",
        USER.keyPair().getPrivate(),
        "pw".toCharArray(),
        new Certificate[] {USER.certificate(), ROOT_A.certificate()});
    return ks;
  }

  @Test
  void windows_readsWindowsRootTrustedEntriesOnly() throws Exception {
    List<String> asked = new ArrayList<>();
    KeyStore store = storeWithRootsAndAnIdentity();

    List<java.security.cert.X509Certificate> roots =
        PlatformTrustStores.system(
            "Windows Server 2022",
            type -> {
              asked.add(type);
              return store;
            },
            List.of());

    assertThat(asked).containsExactly("Windows-ROOT");
    assertThat(roots).containsExactlyInAnyOrder(ROOT_A.certificate(), ROOT_B.certificate());
  }

  @Test
  void macos_readsKeychainStore() throws Exception {
    List<String> asked = new ArrayList<>();
    KeyStore store = storeWithRootsAndAnIdentity();

    List<java.security.cert.X509Certificate> roots =
        PlatformTrustStores.system(
            "Mac OS X",
            type -> {
              asked.add(type);
              return store;
            },
            List.of());

    assertThat(asked).containsExactly("KeychainStore");
    assertThat(roots).hasSize(2).doesNotContain(USER.certificate());
  }

  @Test
  void windows_storeUnavailable_typedErrorNamingTheStore() {
    assertThatThrownBy(
            () ->
                PlatformTrustStores.system(
                    "Windows 11",
                    type -> {
                      throw new KeyStoreException(type + " not found");
                    },
                    List.of()))
        .isInstanceOf(SmimeException.class)
        .hasMessageContaining("cannot load the Windows-ROOT key store");
  }

  @Test
  void macos_keychainWithoutTrustedCertificates_typedError() throws Exception {
    KeyStore empty = KeyStore.getInstance("PKCS12");
    empty.load(null, null);

    assertThatThrownBy(() -> PlatformTrustStores.system("Mac OS X", type -> empty, List.of()))
        .isInstanceOf(SmimeException.class)
        .hasMessageContaining("the KeychainStore key store holds no trusted certificate");
  }

  @Test
  void linux_firstExistingBundleIsRead() throws Exception {
    Path missing = dir.resolve("missing.crt");
    Path bundle = dir.resolve("ca-bundle.crt");
    Files.writeString(bundle, ROOT_B.pem() + ROOT_A.pem() + ROOT_B.pem());

    List<java.security.cert.X509Certificate> roots =
        PlatformTrustStores.system(
            "Linux",
            type -> {
              throw new AssertionError("no key store on Linux: " + type);
            },
            List.of(missing, bundle));

    assertThat(roots).containsExactlyInAnyOrder(ROOT_A.certificate(), ROOT_B.certificate());
  }

  @Test
  void freebsd_noBundle_typedErrorListingWhereItLooked() {
    Path missing = dir.resolve("ca-root-nss.crt");

    assertThatThrownBy(
            () ->
                PlatformTrustStores.system(
                    "FreeBSD",
                    type -> {
                      throw new AssertionError(type);
                    },
                    List.of(missing)))
        .isInstanceOf(SmimeException.class)
        .hasMessageContaining("no system trust store found")
        .hasMessageContaining(missing.toString());
  }
}
