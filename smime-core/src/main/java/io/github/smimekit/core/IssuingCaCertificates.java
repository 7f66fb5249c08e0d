package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CA certificates to upload for a set of users: what an organisation publishes as its
 * issuing-CA store (the {@code .sst} given to {@code Set-SmimeConfig -SMIMECertificateIssuingCA}),
 * gathered from the chains of the users' certificates. Made by {@link
 * ChainResolver#issuingCaCertificates}, or by {@link #of} from results resolved otherwise.
 *
 * <p>{@link #caCertificates()} holds every CA certificate (intermediates and roots, never the
 * users' certificates) of every valid result's preferred chain, once each, in a stable order that
 * does not depend on the order of the users: roots first, then the CAs they issued, level by level
 * (a certificate's level is its smallest distance from the top of any chain it is on), and within a
 * level by subject name and then SHA-1 thumbprint. {@link #results()} holds every user's result in
 * input order, {@link #failed()} those without a chain.
 *
 * <p>Consistent by construction (everything is derived from the results) and immutable.
 */
public final class IssuingCaCertificates {
  private final List<X509Certificate> caCertificates;
  private final List<Thumbprint> thumbprints;
  private final List<ChainResult> results;
  private final List<ChainResult> failed;

  private IssuingCaCertificates(
      List<X509Certificate> caCertificates,
      List<Thumbprint> thumbprints,
      List<ChainResult> results,
      List<ChainResult> failed) {
    this.caCertificates = List.copyOf(caCertificates);
    this.thumbprints = List.copyOf(thumbprints);
    this.results = List.copyOf(results);
    this.failed = List.copyOf(failed);
  }

  /**
   * Gathers the CA certificates of the preferred chain of every valid result.
   *
   * @param results the results of resolving the users' certificates
   * @return the CA certificates and the results
   */
  public static IssuingCaCertificates of(Collection<ChainResult> results) {
    requireNonNull(results, "results");
    Map<Thumbprint, Entry> entries = new HashMap<>();
    List<ChainResult> all = new ArrayList<>(results.size());
    List<ChainResult> failed = new ArrayList<>();
    for (ChainResult r : results) {
      all.add(requireNonNull(r, "results contains null"));
      if (!r.isValid()) {
        failed.add(r);
        continue;
      }
      CertificateChain chain = r.chainOrThrow();
      int n = chain.length();
      List<Thumbprint> thumbs = chain.thumbprints();
      for (int i = 1; i < n; i++) {
        int level = n - 1 - i;
        Thumbprint sha1 = thumbs.get(i);
        Entry e = entries.get(sha1);
        if (e == null || level < e.level) {
          entries.put(sha1, new Entry(chain.certificates().get(i), sha1, level));
        }
      }
    }
    List<Entry> sorted = new ArrayList<>(entries.values());
    sorted.sort(
        Comparator.comparingInt((Entry e) -> e.level)
            .thenComparing(e -> e.cert.getSubjectX500Principal().getName())
            .thenComparing(e -> e.sha1));
    List<X509Certificate> certs = new ArrayList<>(sorted.size());
    List<Thumbprint> thumbs = new ArrayList<>(sorted.size());
    for (Entry e : sorted) {
      certs.add(e.cert);
      thumbs.add(e.sha1);
    }
    return new IssuingCaCertificates(certs, thumbs, all, failed);
  }

  /** The deduplicated CA certificates to upload, roots first (see the class description). */
  public List<X509Certificate> caCertificates() {
    return caCertificates;
  }

  /** The SHA-1 thumbprints of {@link #caCertificates()}, same order. */
  public List<Thumbprint> thumbprints() {
    return thumbprints;
  }

  /** Every user's result, in input order. */
  public List<ChainResult> results() {
    return results;
  }

  /** The results without a valid chain (each with its diagnosis), in input order. */
  public List<ChainResult> failed() {
    return failed;
  }

  /** Whether every user's certificate has a valid chain. */
  public boolean isComplete() {
    return failed.isEmpty();
  }

  @Override
  public String toString() {
    return "IssuingCaCertificates[caCertificates="
        + caCertificates.size()
        + ", users="
        + results.size()
        + ", failed="
        + failed.size()
        + "]";
  }

  private static final class Entry {
    final X509Certificate cert;
    final Thumbprint sha1;
    final int level;

    Entry(X509Certificate cert, Thumbprint sha1, int level) {
      this.cert = cert;
      this.sha1 = sha1;
      this.level = level;
    }
  }
}
