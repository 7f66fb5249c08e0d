package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
  private final List<FetchAttempt> fetches;
  private final List<X509Certificate> fetched;
  private final Map<X509Certificate, String> fetchedFrom;

  private ChainResult(
      X509Certificate leaf,
      Instant at,
      List<CertificateChain> chains,
      @Nullable ChainDiagnosis diagnosis) {
    this(leaf, at, chains, diagnosis, List.of(), Map.of());
  }

  private ChainResult(
      X509Certificate leaf,
      Instant at,
      List<CertificateChain> chains,
      @Nullable ChainDiagnosis diagnosis,
      List<FetchAttempt> fetches,
      Map<X509Certificate, String> fetchedFrom) {
    this.leaf = leaf;
    this.at = at;
    this.chains = chains;
    this.diagnosis = diagnosis;
    this.fetches = List.copyOf(fetches);
    this.fetched = List.copyOf(fetchedFrom.keySet());
    this.fetchedFrom = Map.copyOf(fetchedFrom);
  }

  /**
   * This result with the issuer fetching that led to it; a diagnosis is replaced by {@code
   * diagnosis}.
   */
  ChainResult withFetches(
      List<FetchAttempt> attempts,
      Map<X509Certificate, String> fetchedCertificates,
      @Nullable ChainDiagnosis newDiagnosis) {
    return new ChainResult(
        leaf,
        at,
        chains,
        diagnosis == null ? null : requireNonNull(newDiagnosis, "diagnosis"),
        attempts,
        fetchedCertificates);
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
   * The caIssuers URLs tried while resolving, in order, with what came of each; empty when the
   * resolver does not fetch (see {@link ChainResolver.Builder#fetch(FetchOptions)}) or needed no
   * fetch.
   */
  public List<FetchAttempt> fetches() {
    return fetches;
  }

  /**
   * The certificates obtained by fetching (from the network or the cache), deduplicated, in the
   * order they arrived; those on a returned chain are among them. Empty without fetching.
   */
  public List<X509Certificate> fetchedCertificates() {
    return fetched;
  }

  /**
   * The caIssuers URL whose answer (from the network or the cache) first held {@code certificate},
   * when it is one of the {@linkplain #fetchedCertificates() fetched certificates}.
   *
   * @param certificate a certificate, for example a CA certificate of the chain
   * @return the URL, or empty when the certificate was not fetched
   */
  public Optional<String> fetchedFrom(X509Certificate certificate) {
    return Optional.ofNullable(fetchedFrom.get(requireNonNull(certificate, "certificate")));
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
        && Objects.equals(r.diagnosis, diagnosis)
        && r.fetches.equals(fetches)
        && r.fetched.equals(fetched)
        && r.fetchedFrom.equals(fetchedFrom);
  }

  @Override
  public int hashCode() {
    return Objects.hash(leaf, at, chains, diagnosis, fetches, fetched, fetchedFrom);
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
