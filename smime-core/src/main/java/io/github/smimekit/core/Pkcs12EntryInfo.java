package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One entry of a PKCS#12 file, as {@link Pkcs12#inspect} found it: a certificate with or without
 * its private key, or a private key whose certificate is missing.
 *
 * @param friendlyName the friendly name (the alias keytool shows, the name Windows shows)
 * @param localKeyId the local key id attribute that pairs a key with its certificate
 * @param hasKey whether the file holds the private key of this entry
 * @param subject the certificate's subject (RFC 2253), empty for a key without certificate
 * @param sha1 the certificate's SHA-1 thumbprint, empty for a key without certificate
 */
public record Pkcs12EntryInfo(
    Optional<String> friendlyName,
    Optional<Bytes> localKeyId,
    boolean hasKey,
    Optional<String> subject,
    Optional<Thumbprint> sha1) {
  /** Checks the components. */
  public Pkcs12EntryInfo {
    requireNonNull(friendlyName, "friendlyName");
    requireNonNull(localKeyId, "localKeyId");
    requireNonNull(subject, "subject");
    requireNonNull(sha1, "sha1");
  }
}
