package io.github.smimekit.testing;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One random PKI made by {@link RandomPkis}.
 *
 * @param anchors the self-signed roots (trust anchors)
 * @param intermediates the shuffled pool of CA certificates that are not anchors: intermediates,
 *     cross-certificates (also root-to-root ones), expired links and renewed CAs (same name, new
 *     key)
 * @param leaves the end-entity certificates
 * @param at the instant at which to validate (the PKI's "now")
 * @param issuedChains for each leaf (same order), the chain it was issued under: leaf, issuers,
 *     root. Other valid paths may exist through cross-certificates.
 */
public record GeneratedPki(
    List<X509Certificate> anchors,
    List<X509Certificate> intermediates,
    List<X509Certificate> leaves,
    Instant at,
    List<List<X509Certificate>> issuedChains) {

  /** Validates and copies. */
  public GeneratedPki {
    anchors = List.copyOf(anchors);
    intermediates = List.copyOf(intermediates);
    leaves = List.copyOf(leaves);
    Objects.requireNonNull(at, "at");
    issuedChains = issuedChains.stream().map(List::copyOf).toList();
    if (!issuedChains.isEmpty() && issuedChains.size() != leaves.size()) {
      throw new IllegalArgumentException(
          "issuedChains size " + issuedChains.size() + " != leaves size " + leaves.size());
    }
  }

  /** A PKI without issued-chain information. */
  public GeneratedPki(
      List<X509Certificate> anchors,
      List<X509Certificate> intermediates,
      List<X509Certificate> leaves,
      Instant at) {
    this(anchors, intermediates, leaves, at, List.of());
  }
}
