package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A person's identity from a PKCS#12 file: the private key, its certificate and the issuers found
 * in the file. Immutable; {@link #toString()} never shows the key.
 */
public final class Pkcs12Identity {
  private final PrivateKey privateKey;
  private final X509Certificate certificate;
  private final List<X509Certificate> chain;
  private final Optional<String> friendlyName;
  private final Optional<Bytes> localKeyId;

  private Pkcs12Identity(
      PrivateKey privateKey,
      X509Certificate certificate,
      List<X509Certificate> chain,
      Optional<String> friendlyName,
      Optional<Bytes> localKeyId) {
    this.privateKey = requireNonNull(privateKey, "privateKey");
    this.certificate = requireNonNull(certificate, "certificate");
    this.chain = List.copyOf(chain);
    this.friendlyName = requireNonNull(friendlyName, "friendlyName");
    this.localKeyId = requireNonNull(localKeyId, "localKeyId");
  }

  /**
   * An identity without friendly name and local key id.
   *
   * @param chain the issuers of {@code certificate}, leaf-up, without {@code certificate} itself
   */
  public static Pkcs12Identity of(
      PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {
    return new Pkcs12Identity(privateKey, certificate, chain, Optional.empty(), Optional.empty());
  }

  /**
   * An identity with all its parts.
   *
   * @param chain the issuers of {@code certificate}, leaf-up, without {@code certificate} itself
   */
  public static Pkcs12Identity of(
      PrivateKey privateKey,
      X509Certificate certificate,
      List<X509Certificate> chain,
      Optional<String> friendlyName,
      Optional<Bytes> localKeyId) {
    return new Pkcs12Identity(privateKey, certificate, chain, friendlyName, localKeyId);
  }

  /** The private key. */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /** The certificate of the private key. */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * The issuers of {@link #certificate()} found in the file, ordered leaf-up (issuer first, root
   * last) as far as they are present; does not contain {@link #certificate()}.
   */
  public List<X509Certificate> chain() {
    return chain;
  }

  /** The friendly name (alias) of the key, or of its certificate. */
  public Optional<String> friendlyName() {
    return friendlyName;
  }

  /** The local key id attribute of the key (usually the SHA-1 of the certificate). */
  public Optional<Bytes> localKeyId() {
    return localKeyId;
  }

  /** A copy with another friendly name. */
  public Pkcs12Identity withFriendlyName(String name) {
    return new Pkcs12Identity(
        privateKey, certificate, chain, Optional.of(requireNonNull(name, "name")), localKeyId);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Pkcs12Identity other
        && privateKey.equals(other.privateKey)
        && certificate.equals(other.certificate)
        && chain.equals(other.chain)
        && friendlyName.equals(other.friendlyName)
        && localKeyId.equals(other.localKeyId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(certificate, chain, friendlyName, localKeyId);
  }

  /** The subject, the key algorithm, the chain length and the friendly name; never the key. */
  @Override
  public String toString() {
    return "Pkcs12Identity[subject="
        + certificate.getSubjectX500Principal().getName()
        + ", key="
        + privateKey.getAlgorithm()
        + ", chain="
        + chain.size()
        + friendlyName.map(n -> ", friendlyName=" + n).orElse("")
        + "]";
  }
}
