package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.FetchOptions;
import io.github.smimekit.sst.SerializedStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Where the desired issuing-CA store ({@code Set-SmimeConfig -SMIMECertificateIssuingCA}) comes
 * from: listed certificates, an {@code .sst} file, or the CA certificates of every recipient's
 * chain built from a pool.
 */
public sealed interface IssuingCa
    permits IssuingCa.Listed, IssuingCa.FromStore, IssuingCa.FromChains {

  /**
   * {@code {"certificates": [...]}}: exactly these CA certificates.
   *
   * @param certificates the certificates, in order
   */
  record Listed(List<X509Certificate> certificates) implements IssuingCa {
    /** Copies. */
    public Listed {
      certificates = List.copyOf(certificates);
    }
  }

  /**
   * {@code {"sst": "path"}}: the certificates of a store file.
   *
   * @param store the store read
   */
  record FromStore(SerializedStore store) implements IssuingCa {
    /** Validates. */
    public FromStore {
      requireNonNull(store, "store");
    }
  }

  /**
   * {@code {"fromChains": {"pool": [...], "anchors": [...], "fetch": {...}}}}: the CA certificates
   * of every recipient certificate's chain, built by the chain resolver from {@code pool} up to one
   * of {@code anchors}; with {@code fetch}, issuers missing from the pool (or whose same-named pool
   * certificate does not work) are fetched from the certificates' caIssuers URLs, and the plan
   * names each fetched CA certificate and its URL.
   *
   * @param pool intermediate (and other) CA certificates
   * @param anchors the trust anchors (roots)
   * @param fetch how missing issuers are fetched; empty for no network access
   */
  record FromChains(
      List<X509Certificate> pool, List<X509Certificate> anchors, Optional<FetchOptions> fetch)
      implements IssuingCa {
    /** Copies. */
    public FromChains {
      pool = List.copyOf(pool);
      anchors = List.copyOf(anchors);
      requireNonNull(fetch, "fetch");
    }

    /**
     * Chains built from the pool only, with no fetching.
     *
     * @param pool intermediate (and other) CA certificates
     * @param anchors the trust anchors (roots)
     */
    public FromChains(List<X509Certificate> pool, List<X509Certificate> anchors) {
      this(pool, anchors, Optional.empty());
    }

    /**
     * These chains with other fetch options.
     *
     * @param options how missing issuers are fetched; empty for no fetching
     * @return the changed copy
     */
    public FromChains withFetch(Optional<FetchOptions> options) {
      return new FromChains(pool, anchors, options);
    }
  }
}
