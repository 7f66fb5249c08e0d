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
 * The CA certificates to publish as an organisation's issuing-CA store (the {@code .sst} given to
 * {@code Set-SmimeConfig -SMIMECertificateIssuingCA}), gathered from the chains of many leaves.
 *
 * <p>{@link #caCertificates()} holds every CA certificate (intermediates and roots, never the
 * leaves) of every valid result's preferred chain, once each, in a stable order that does not
 * depend on the order of the results: roots first, then the CAs they issued, level by level (a
 * certificate's level is its smallest distance from the top of any chain it is on), and within a
 * level by subject name and then SHA-1 thumbprint. {@link #failed()} lists the results without a
 * chain, in input order.
 *
 * @param caCertificates the deduplicated CA certificates, in the stable order described above
 * @param thumbprints the SHA-1 thumbprints of {@code caCertificates}, same order
 * @param failed the results that have no valid chain, in input order
 */
public record CaStoreSelection(
    List<X509Certificate> caCertificates, List<String> thumbprints, List<ChainResult> failed) {

  /** Validates and copies. */
  public CaStoreSelection {
    caCertificates = List.copyOf(requireNonNull(caCertificates, "caCertificates"));
    thumbprints = List.copyOf(requireNonNull(thumbprints, "thumbprints"));
    failed = List.copyOf(requireNonNull(failed, "failed"));
    if (caCertificates.size() != thumbprints.size()) {
      throw new IllegalArgumentException("caCertificates and thumbprints differ in size");
    }
  }

  /**
   * Gathers the CA certificates of the preferred chain of every valid result.
   *
   * @param results the results of resolving many leaves
   * @return the selection
   */
  public static CaStoreSelection of(Collection<ChainResult> results) {
    requireNonNull(results, "results");
    Map<String, Entry> entries = new HashMap<>();
    List<ChainResult> failed = new ArrayList<>();
    for (ChainResult r : results) {
      requireNonNull(r, "results contains null");
      if (!r.isValid()) {
        failed.add(r);
        continue;
      }
      CertificateChain chain = r.chainOrThrow();
      int n = chain.length();
      for (int i = 1; i < n; i++) {
        int level = n - 1 - i;
        String sha1 = chain.thumbprints().get(i);
        X509Certificate cert = chain.certificates().get(i);
        Entry e = entries.get(sha1);
        if (e == null || level < e.level) {
          entries.put(sha1, new Entry(cert, sha1, level));
        }
      }
    }
    List<Entry> sorted = new ArrayList<>(entries.values());
    sorted.sort(
        Comparator.comparingInt((Entry e) -> e.level)
            .thenComparing(e -> e.cert.getSubjectX500Principal().getName())
            .thenComparing(e -> e.sha1));
    List<X509Certificate> certs = new ArrayList<>();
    List<String> thumbs = new ArrayList<>();
    for (Entry e : sorted) {
      certs.add(e.cert);
      thumbs.add(e.sha1);
    }
    return new CaStoreSelection(certs, thumbs, failed);
  }

  private static final class Entry {
    final X509Certificate cert;
    final String sha1;
    final int level;

    Entry(X509Certificate cert, String sha1, int level) {
      this.cert = cert;
      this.sha1 = sha1;
      this.level = level;
    }
  }
}
