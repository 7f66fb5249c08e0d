package io.github.smimekit.core.internal.chain;

import io.github.smimekit.core.ChainResult;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

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
}
