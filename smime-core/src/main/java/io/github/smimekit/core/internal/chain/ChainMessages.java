package io.github.smimekit.core.internal.chain;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The sentences of chain diagnoses and warnings, in one place: each names the certificate by
 * subject and SHA-1 thumbprint ({@link CertInfo#describe()}) and says why, in our words.
 */
final class ChainMessages {
  private ChainMessages() {}

  static String malformed(CertInfo c) {
    return "certificate " + c.describe() + " is malformed: " + c.malformed();
  }

  static String notYetValid(CertInfo c, Instant at) {
    return "certificate "
        + c.describe()
        + " is not yet valid at "
        + at
        + ": it is valid from "
        + c.notBefore
        + " to "
        + c.notAfter();
  }

  static String expired(CertInfo c, Instant at) {
    return "certificate "
        + c.describe()
        + " has expired at "
        + at
        + ": it was valid from "
        + c.notBefore
        + " to "
        + c.notAfter();
  }

  static String unknownCritical(CertInfo c) {
    return "certificate "
        + c.describe()
        + " has critical extension"
        + (c.unknownCritical().size() > 1 ? "s " : " ")
        + String.join(", ", c.unknownCritical())
        + " that this resolver does not process";
  }

  static String extendedKeyUsage(CertInfo leaf, String problem) {
    return "certificate "
        + leaf.describe()
        + " is not allowed for the required purpose: "
        + problem;
  }

  static String endEntityKeyCertSign(CertInfo leaf) {
    return "certificate "
        + leaf.describe()
        + " asserts keyCertSign in its keyUsage but is not a CA (basicConstraints cA is"
        + " not TRUE), which RFC 5280 section 4.2.1.3 forbids";
  }

  static String notACa(CertInfo issuer, CertInfo subject) {
    return "certificate "
        + issuer.describe()
        + " issued "
        + subject.describe()
        + " but is not a CA: "
        + (issuer.hasBasicConstraints()
            ? "its basicConstraints has cA=FALSE"
            : "it has no basicConstraints extension");
  }

  static String noKeyCertSign(CertInfo issuer, CertInfo subject) {
    return "certificate "
        + issuer.describe()
        + " issued "
        + subject.describe()
        + " but its keyUsage lacks keyCertSign";
  }

  static String basicConstraintsNotCritical(CertInfo c) {
    return "CA certificate "
        + c.describe()
        + " has a basicConstraints extension that is not marked critical, which RFC 5280"
        + " section 4.2.1.9 requires";
  }

  static String pathLength(CertInfo ca, int below, CertInfo leaf) {
    return "CA certificate "
        + ca.describe()
        + " has pathLenConstraint "
        + ca.pathLen()
        + " but "
        + below
        + " intermediate CA certificate"
        + (below == 1 ? "" : "s")
        + " follow it on the route to "
        + leaf.describe();
  }

  static String nameConstraintViolated(CertInfo c, CertInfo ca, @Nullable String detail) {
    return "certificate "
        + c.describe()
        + " violates the name constraints of CA "
        + ca.describe()
        + ": "
        + detail;
  }

  static String nameConstraintUncheckable(CertInfo c, CertInfo ca, @Nullable String detail) {
    return "the names of certificate "
        + c.describe()
        + " cannot be checked against the name constraints of CA "
        + ca.describe()
        + ": "
        + detail;
  }

  static String refusedSignatureAlgorithm(CertInfo c, String algorithm, String reason) {
    return "certificate " + c.describe() + " is signed with " + algorithm + ": " + reason;
  }

  static String refusedKey(CertInfo subject, CertInfo candidate, String problem) {
    return "the signature of certificate "
        + subject.describe()
        + " was not verified with the key of its issuer candidate "
        + candidate.describe()
        + ", which has "
        + problem;
  }

  static String unverifiable(CertInfo subject, CertInfo candidate) {
    return "the signature algorithm "
        + subject.sigAlgName()
        + " of certificate "
        + subject.describe()
        + " cannot be verified with the "
        + candidate.keyAlgorithm()
        + " key of "
        + candidate.describe();
  }

  static String dsaParameters(CertInfo subject, CertInfo candidate, String why) {
    return "the signature of certificate "
        + subject.describe()
        + " cannot be verified with the DSA key of its issuer candidate "
        + candidate.describe()
        + ", which has no domain parameters to inherit (RFC 3279 section 2.3.2): "
        + why;
  }

  static String badSignature(CertInfo subject, CertInfo candidate) {
    return "the signature of certificate "
        + subject.describe()
        + " does not verify with the public key of its issuer candidate "
        + candidate.describe();
  }

  static String loop(CertInfo leaf, CertInfo top, CertInfo candidate, CertInfo loopWith) {
    return "no route from "
        + leaf.describe()
        + " reaches a trust anchor: every route loops (issuer candidate "
        + candidate.describe()
        + " of "
        + top.describe()
        + (loopWith == candidate
            ? " is already on the route)"
            : " repeats the subject and key of " + loopWith.describe() + ", already on the route)");
  }

  static String depth(int maxDepth, CertInfo leaf, CertInfo candidate) {
    return "no chain of at most "
        + maxDepth
        + " certificates (the depth budget) leads from "
        + leaf.describe()
        + " to a trust anchor; the search stopped above "
        + candidate.describe();
  }

  static String untrustedRoot(CertInfo leaf, CertInfo root) {
    return "the chain of "
        + leaf.describe()
        + " ends in the self-signed certificate "
        + root.describe()
        + ", which is not a trust anchor";
  }

  static String unanchoredWarning(CertInfo root) {
    return "the chain ends in the self-signed certificate "
        + root.describe()
        + ", which is not a trust anchor";
  }

  static String noRoute(CertInfo leaf) {
    return "no route from " + leaf.describe() + " reaches a trust anchor";
  }

  static String budget(
      CertInfo leaf, int candidates, int maxCandidates, @Nullable Failure furthest) {
    return "gave up building a chain for "
        + leaf.describe()
        + " after trying "
        + candidates
        + " issuer candidates (the work budget is "
        + maxCandidates
        + " units: one per candidate, more for keys that are slow to verify with)"
        + (furthest == null ? "" : "; the furthest attempt failed: " + furthest.reason());
  }

  static String issuerNotFound(
      CertInfo top, int anchorCount, int poolCount, @Nullable CertInfo sameKeyIdentifier) {
    StringBuilder sb = new StringBuilder();
    sb.append("no issuer found for certificate ")
        .append(top.describe())
        .append(": none of the ")
        .append(anchorCount)
        .append(" trust anchors and ")
        .append(poolCount)
        .append(" pool certificates has the subject '")
        .append(CertInfo.name(top.issuer))
        .append("'");
    if (top.aki() != null) {
      sb.append(" (authority key identifier ").append(top.aki()).append(")");
      if (sameKeyIdentifier != null) {
        sb.append("; ")
            .append(sameKeyIdentifier.describe())
            .append(" has that key identifier but a different subject name");
      }
    }
    List<String> urls = top.caIssuerUrls();
    if (!urls.isEmpty()) {
      sb.append("; the certificate says its issuer can be downloaded from ")
          .append(String.join(", ", urls));
    }
    return sb.toString();
  }

  /**
   * The diagnosis when the routes through fetched certificates and the routes without them both
   * fail: {@code best}, then the other's reason.
   */
  static String bothFailed(String best, Failure other, boolean otherIsWithoutFetched) {
    return best
        + "; and "
        + (otherIsWithoutFetched ? "without" : "with")
        + " the fetched certificates: "
        + other.reason();
  }

  static String sha1Warning(CertInfo c, String algorithm) {
    return "certificate "
        + c.describe()
        + " is signed with "
        + algorithm
        + "; SHA-1 signatures are weak and refused by many clients";
  }

  static String budgetWarning(int maxCandidates) {
    return "the search stopped at its work budget of "
        + maxCandidates
        + " units; a preferable chain may exist";
  }
}
