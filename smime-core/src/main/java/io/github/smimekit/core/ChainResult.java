package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of resolving one certificate's chain of trust: either one or more valid {@link
 * CertificateChain}s (the preferred one first) or a {@link ChainDiagnosis} saying why there is
 * none. Immutable.
 */
public final class ChainResult {
  private final X509Certificate leaf;
  private final Instant at;
  private final List<CertificateChain> chains;
  private final @Nullable ChainDiagnosis diagnosis;

  private ChainResult(
      X509Certificate leaf,
      Instant at,
      List<CertificateChain> chains,
      @Nullable ChainDiagnosis diagnosis) {
    this.leaf = leaf;
    this.at = at;
    this.chains = chains;
    this.diagnosis = diagnosis;
  }

  /**
   * A result with one or more valid chains for {@code leaf}.
   *
   * @param leaf the certificate the chains were built for
   * @param at the validation time used
   * @param chains the valid chains, preferred first; not empty, each starting with {@code leaf}
   * @return the result
   * @throws IllegalArgumentException if {@code chains} is empty or a chain starts with another
   *     certificate
   */
  public static ChainResult valid(X509Certificate leaf, Instant at, List<CertificateChain> chains) {
    requireNonNull(leaf, "leaf");
    requireNonNull(at, "at");
    List<CertificateChain> copy = List.copyOf(requireNonNull(chains, "chains"));
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("a valid result has at least one chain");
    }
    for (int i = 0; i < copy.size(); i++) {
      if (!copy.get(i).leaf().equals(leaf)) {
        throw new IllegalArgumentException(
            "chain #" + (i + 1) + " does not start with the leaf of the result");
      }
    }
    return new ChainResult(leaf, at, copy, null);
  }

  /**
   * A result without a chain for {@code leaf}, saying why.
   *
   * @param leaf the certificate no chain was found for
   * @param at the validation time used
   * @param diagnosis why there is no chain
   * @return the result
   */
  public static ChainResult failed(X509Certificate leaf, Instant at, ChainDiagnosis diagnosis) {
    return new ChainResult(
        requireNonNull(leaf, "leaf"),
        requireNonNull(at, "at"),
        List.of(),
        requireNonNull(diagnosis, "diagnosis"));
  }

  /** The certificate the chain was built for. */
  public X509Certificate leaf() {
    return leaf;
  }

  /** The validation time used. */
  public Instant at() {
    return at;
  }

  /**
   * The valid chains, preferred first: at most one from {@link ChainResolver#resolve}, every one
   * found from {@link ChainResolver#resolveAll}; empty when there is none.
   */
  public List<CertificateChain> chains() {
    return chains;
  }

  /** Whether a valid chain was found. */
  public boolean isValid() {
    return !chains.isEmpty();
  }

  /** The preferred chain, when one was found. */
  public Optional<CertificateChain> chain() {
    return chains.isEmpty() ? Optional.empty() : Optional.of(chains.get(0));
  }

  /** Why no chain was found; empty when {@link #isValid()}. */
  public Optional<ChainDiagnosis> diagnosis() {
    return Optional.ofNullable(diagnosis);
  }

  /**
   * The preferred chain.
   *
   * @return the preferred chain
   * @throws ChainBuildingException carrying the diagnosis when there is no valid chain
   */
  public CertificateChain chainOrThrow() {
    ChainDiagnosis d = diagnosis;
    if (d != null) {
      throw new ChainBuildingException(d);
    }
    return chains.get(0);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ChainResult r
        && r.leaf.equals(leaf)
        && r.at.equals(at)
        && r.chains.equals(chains)
        && Objects.equals(r.diagnosis, diagnosis);
  }

  @Override
  public int hashCode() {
    return Objects.hash(leaf, at, chains, diagnosis);
  }

  @Override
  public String toString() {
    return diagnosis != null
        ? "ChainResult[" + diagnosis + "]"
        : "ChainResult[chains="
            + chains.size()
            + ", preferred="
            + chains.get(0).thumbprints()
            + "]";
  }
}
