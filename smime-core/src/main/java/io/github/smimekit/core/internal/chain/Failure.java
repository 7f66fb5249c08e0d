package io.github.smimekit.core.internal.chain;

import io.github.smimekit.core.ChainDiagnosis;
import io.github.smimekit.core.ChainStatus;
import org.jspecify.annotations.Nullable;

/**
 * One failed attempt at a chain, ranked by how far it got: a route that reached an anchor outranks
 * one that did not, a longer route a shorter one, and a route that ended for a reason outranks one
 * that looped.
 *
 * @param status what went wrong
 * @param reason the sentence for the diagnosis
 * @param cert the certificate to blame, or null
 * @param rank how far the attempt got; higher wins
 */
record Failure(ChainStatus status, String reason, @Nullable CertInfo cert, long rank) {

  /** The rank of a failure of the leaf itself: it outranks every other. */
  static final long LEAF = Long.MAX_VALUE;

  /** The rank of a failure met while looking for the issuer of a path of {@code pathSize}. */
  static long rank(int pathSize, boolean reachedAnchor, boolean loop) {
    return (reachedAnchor ? 1_000_000L : 0L) + pathSize * 2L + (loop ? 0 : 1);
  }

  ChainDiagnosis toDiagnosis() {
    CertInfo c = cert;
    return c == null
        ? new ChainDiagnosis(status, reason)
        : new ChainDiagnosis(status, reason, c.cert);
  }
}
