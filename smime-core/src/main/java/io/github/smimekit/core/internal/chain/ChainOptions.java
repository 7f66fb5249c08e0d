package io.github.smimekit.core.internal.chain;

import java.util.Set;

/**
 * The policy and budget of a resolver.
 *
 * @param maxCandidates most issuer candidates tried per resolution
 * @param maxDepth longest chain, leaf and anchor included
 * @param checkAnchorConstraints whether anchor certificates are checked like the rest
 * @param strictProfile whether RFC 5280 section 4 profile rules are enforced
 * @param allowSha1 whether SHA-1 signatures are accepted (with a warning)
 * @param allowDsa whether DSA signatures are accepted
 * @param acceptUnanchored whether, with anchors, a chain may end in a non-anchor self-signed root
 * @param requiredEku extendedKeyUsage OIDs of which the leaf must allow one; empty for none
 */
public record ChainOptions(
    int maxCandidates,
    int maxDepth,
    boolean checkAnchorConstraints,
    boolean strictProfile,
    boolean allowSha1,
    boolean allowDsa,
    boolean acceptUnanchored,
    Set<String> requiredEku) {

  /** Copies the set. */
  public ChainOptions {
    requiredEku = Set.copyOf(requiredEku);
  }
}
