package io.github.smimekit.core.internal.chain;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.AlgorithmPolicy;
import java.util.Set;

/**
 * The policy and budget of a resolver.
 *
 * @param maxCandidates the work budget of one resolution: one unit per issuer candidate tried, more
 *     for a candidate whose key is slow to verify with
 * @param maxDepth longest chain, leaf and anchor included
 * @param checkAnchorConstraints whether anchor certificates are checked like the rest
 * @param strictProfile whether RFC 5280 section 4 profile rules are enforced
 * @param acceptUnanchored whether, with anchors, a chain may end in a non-anchor self-signed root
 * @param requiredEku extendedKeyUsage OIDs of which the leaf must allow one; empty for none
 * @param algorithmPolicy which signature algorithms and keys are accepted
 */
public record ChainOptions(
    int maxCandidates,
    int maxDepth,
    boolean checkAnchorConstraints,
    boolean strictProfile,
    boolean acceptUnanchored,
    Set<String> requiredEku,
    AlgorithmPolicy algorithmPolicy) {

  /** Copies the set. */
  public ChainOptions {
    requiredEku = Set.copyOf(requiredEku);
    requireNonNull(algorithmPolicy, "algorithmPolicy");
  }
}
