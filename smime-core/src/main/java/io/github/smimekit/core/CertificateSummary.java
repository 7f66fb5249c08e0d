package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What a person wants to see of a certificate, as {@code smime cert info} prints it: from {@link
 * Certificates#summarize}.
 *
 * @param subject the subject in RFC 2253 form, with {@code E=} for e-mail address attributes
 * @param issuer the issuer, in the same form
 * @param serial the serial number as upper-case hex
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param sha1 SHA-1 thumbprint, upper-case hex (as Windows shows it)
 * @param sha256 SHA-256 thumbprint, upper-case hex
 * @param emails e-mail addresses in the order Outlook picks them (see {@link
 *     Certificates#emailAddresses})
 * @param keyAlgorithm "RSA", "EC", "Ed25519", ...
 * @param keySize key size in bits (RSA modulus, EC field size), 0 when unknown
 * @param keyUsage names of the key usage bits set, e.g. {@code digitalSignature}; empty when the
 *     certificate has no key usage extension
 * @param extendedKeyUsage extended key usages by name where known ({@code emailProtection}), else
 *     by OID; empty when the certificate has no extended key usage extension
 */
public record CertificateSummary(
    String subject,
    String issuer,
    String serial,
    Instant notBefore,
    Instant notAfter,
    Thumbprint sha1,
    Thumbprint sha256,
    List<String> emails,
    String keyAlgorithm,
    int keySize,
    List<String> keyUsage,
    List<String> extendedKeyUsage) {

  /** Checks and copies the components. */
  public CertificateSummary {
    requireNonNull(subject, "subject");
    requireNonNull(issuer, "issuer");
    requireNonNull(serial, "serial");
    requireNonNull(notBefore, "notBefore");
    requireNonNull(notAfter, "notAfter");
    requireNonNull(sha1, "sha1");
    requireNonNull(sha256, "sha256");
    emails = List.copyOf(emails);
    requireNonNull(keyAlgorithm, "keyAlgorithm");
    keyUsage = List.copyOf(keyUsage);
    extendedKeyUsage = List.copyOf(extendedKeyUsage);
  }
}
