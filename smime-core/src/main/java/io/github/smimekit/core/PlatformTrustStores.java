package io.github.smimekit.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The trust anchors a platform already has, to use as {@link ChainResolver.Builder#trustAnchors
 * trust anchors}: the running JDK's trust store ({@link #jdk()}) and the operating system's store
 * the JDK can read ({@link #system()}).
 *
 * <p>Exchange Online's issuing-CA store is trusted on its own (Outlook on the web trusts only the
 * uploaded certificates), so a chain ending at a platform root still needs that root uploaded: a
 * resolver's {@link ChainResolver#issuingCaCertificates issuing-CA certificates} include it.
 */
public final class PlatformTrustStores {
  /** The PEM bundles of common Linux and BSD distributions, in the order they are looked for. */
  public static final List<Path> UNIX_BUNDLES =
      List.of(
          Path.of("/etc/ssl/certs/ca-certificates.crt"), // Debian, Ubuntu, Gentoo, Arch, Alpine
          Path.of("/etc/pki/tls/certs/ca-bundle.crt"), // Fedora, RHEL, CentOS
          Path.of("/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem"), // RHEL 7+
          Path.of("/etc/ssl/ca-bundle.pem"), // openSUSE, SLES
          Path.of("/etc/ssl/cert.pem"), // Alpine, macOS, OpenBSD
          Path.of("/usr/local/share/certs/ca-root-nss.crt"), // FreeBSD
          Path.of("/etc/ssl/certs/ca-bundle.crt")); // older distributions

  private PlatformTrustStores() {}

  /**
   * The certificates the running JDK trusts for TLS: its default trust manager's accepted issuers
   * ({@code javax.net.ssl.trustStore} when set, else {@code $JAVA_HOME/lib/security/jssecacerts} or
   * {@code cacerts}).
   *
   * @return the certificates, deduplicated, sorted by SHA-1 thumbprint
   * @throws SmimeException if the JDK's trust store cannot be loaded
   */
  public static List<X509Certificate> jdk() {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init((KeyStore) null);
      List<X509Certificate> out = new ArrayList<>();
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          Collections.addAll(out, x.getAcceptedIssuers());
        }
      }
      if (out.isEmpty()) {
        throw new SmimeException("the JDK's trust store holds no certificate");
      }
      return sorted(out);
    } catch (GeneralSecurityException e) {
      throw new SmimeException("cannot load the JDK's trust store", e);
    }
  }

  /**
   * The operating system's trusted roots that the JDK can read: on Windows the {@code Windows-ROOT}
   * key store, on macOS the {@code KeychainStore}, elsewhere the first of {@link #UNIX_BUNDLES}
   * that exists (the distribution's PEM bundle).
   *
   * @return the certificates, deduplicated, sorted by SHA-1 thumbprint
   * @throws IOException if the bundle exists but cannot be read
   * @throws SmimeException if this system has none of these stores, or the store is unreadable
   */
  public static List<X509Certificate> system() throws IOException {
    return system(
        System.getProperty("os.name", ""), PlatformTrustStores::loadKeyStore, UNIX_BUNDLES);
  }

  /** Loads the key store of a JDK type (with no stream and no password, as the OS stores load). */
  @FunctionalInterface
  interface KeyStoreLoader {
    KeyStore load(String type) throws GeneralSecurityException, IOException;
  }

  /**
   * {@link #system()} for the operating system named {@code osName}, with the platform key stores
   * loaded by {@code loader} and the PEM bundles looked for in {@code bundles}: what lets the
   * Windows and macOS paths be tested anywhere.
   */
  static List<X509Certificate> system(String osName, KeyStoreLoader loader, List<Path> bundles)
      throws IOException {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      return keyStore("Windows-ROOT", loader);
    }
    if (os.startsWith("mac")) {
      return keyStore("KeychainStore", loader);
    }
    for (Path p : bundles) {
      if (Files.isRegularFile(p)) {
        return fromBundle(p);
      }
    }
    throw new SmimeException("no system trust store found: none of " + bundles + " exists");
  }

  private static KeyStore loadKeyStore(String type) throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance(type);
    ks.load(null, null);
    return ks;
  }

  /**
   * The certificates of a PEM (or any other encoding core reads) trust bundle.
   *
   * @param bundle the bundle file
   * @return the certificates, deduplicated, sorted by SHA-1 thumbprint
   * @throws IOException if the file cannot be read
   * @throws SmimeFormatException if it holds no certificate
   */
  public static List<X509Certificate> fromBundle(Path bundle) throws IOException {
    return sorted(Certificates.read(bundle));
  }

  private static List<X509Certificate> keyStore(String type, KeyStoreLoader loader) {
    try {
      KeyStore ks = loader.load(type);
      List<X509Certificate> out = new ArrayList<>();
      for (String alias : Collections.list(ks.aliases())) {
        if (ks.isCertificateEntry(alias)) {
          Certificate c = ks.getCertificate(alias);
          if (c instanceof X509Certificate x) {
            out.add(x);
          }
        }
      }
      if (out.isEmpty()) {
        throw new SmimeException("the " + type + " key store holds no trusted certificate");
      }
      return sorted(out);
    } catch (GeneralSecurityException | IOException e) {
      throw new SmimeException("cannot load the " + type + " key store", e);
    }
  }

  private static List<X509Certificate> sorted(List<X509Certificate> certs) {
    List<X509Certificate> out = new ArrayList<>(new LinkedHashSet<>(certs));
    out.sort((a, b) -> Thumbprint.sha1(a).hex().compareTo(Thumbprint.sha1(b).hex()));
    return List.copyOf(out);
  }
}
