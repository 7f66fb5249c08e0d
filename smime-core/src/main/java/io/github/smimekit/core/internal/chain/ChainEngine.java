package io.github.smimekit.core.internal.chain;

import io.github.smimekit.core.ChainResult;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The chain-building engine behind {@code ChainResolver}: the anchors and pool indexed once ({@link
 * ChainIndex}), verified links remembered across resolutions ({@link SignatureLinks}), and one
 * bounded depth-first search per resolution ({@link ChainSearch}) applying the checks of {@link
 * ChainChecks}. Thread-safe.
 */
public final class ChainEngine {
  private final ChainOptions options;
  private final ChainIndex index;
  private final SignatureLinks links;

  /**
   * Indexes the anchors and the pool.
   *
   * @param anchors trust anchors
   * @param pool untrusted candidates; a certificate also among the anchors is an anchor
   * @param options policy and budget
   */
  public ChainEngine(
      List<X509Certificate> anchors, List<X509Certificate> pool, ChainOptions options) {
    this.options = options;
    this.index = new ChainIndex(anchors, pool);
    this.links = new SignatureLinks(options.algorithmPolicy());
  }

  /**
   * Resolves one leaf.
   *
   * @param leaf the certificate to build a chain for
   * @param at the validation time
   * @param all whether to collect every valid chain or only the preferred one
   * @return the result
   */
  public ChainResult resolve(X509Certificate leaf, Instant at, boolean all) {
    return new ChainSearch(index, links, options, at, all).run(index.info(leaf));
  }

  /**
   * A resolution, with what issuer fetching needs to know of it.
   *
   * @param result the result
   * @param stuck the certificates met on the way up from the leaf none of whose issuer candidates
   *     worked (no candidate with the issuer name, or none that verified and passed the issuer
   *     checks), in the order they were met: fetching their caIssuers URLs may help
   */
  public record Tracked(ChainResult result, List<X509Certificate> stuck) {
    /** Copies the list. */
    public Tracked {
      stuck = List.copyOf(stuck);
    }
  }

  /**
   * Resolves one leaf, keeping track of which certificates found no working issuer, and, when
   * {@code fetched} is not empty, naming in a failure's diagnosis both the furthest route through a
   * fetched certificate and the furthest route without one.
   *
   * @param leaf the certificate to build a chain for
   * @param at the validation time
   * @param all whether to collect every valid chain or only the preferred one
   * @param fetched the pool certificates that were fetched
   * @return the result and the stuck certificates
   */
  public Tracked resolveTracked(
      X509Certificate leaf, Instant at, boolean all, Set<X509Certificate> fetched) {
    ChainSearch.Tracking tracking = new ChainSearch.Tracking(fetched);
    ChainResult r = new ChainSearch(index, links, options, at, all, tracking).run(index.info(leaf));
    return new Tracked(r, r.isValid() ? List.of() : tracking.stuck());
  }
}
