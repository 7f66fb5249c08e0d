package io.github.smimekit.core.internal.chain;

import io.github.smimekit.core.ChainStatus;
import io.github.smimekit.core.internal.AlgorithmRules;
import io.github.smimekit.core.internal.cert.CertificateFields;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;
import org.jspecify.annotations.Nullable;

/**
 * The checks of RFC 5280 section 6.1 (and the optional section 4 profile rules) on one certificate
 * of a candidate route: each returns the {@link Failure} it finds, or null. Stateless.
 */
final class ChainChecks {
  private static final int KEY_CERT_SIGN = 5;

  private ChainChecks() {}

  /** The checks of the leaf on its own: decodable, valid at {@code at}, extensions, purpose. */
  static @Nullable Failure leaf(CertInfo leaf, Instant at, ChainOptions options) {
    long top = Failure.LEAF;
    if (leaf.malformed() != null) {
      return new Failure(
          ChainStatus.MALFORMED_CERTIFICATE, ChainMessages.malformed(leaf), leaf, top);
    }
    Failure v = validity(leaf, at, top);
    if (v != null) {
      return v;
    }
    if (!leaf.unknownCritical().isEmpty()) {
      return unknownCritical(leaf, top);
    }
    String eku = leaf.ekuProblem(options.requiredEku());
    if (eku != null) {
      return new Failure(
          ChainStatus.EXTENDED_KEY_USAGE, ChainMessages.extendedKeyUsage(leaf, eku), leaf, top);
    }
    boolean[] ku = leaf.keyUsage();
    if (options.strictProfile()
        && ku != null
        && ku.length > KEY_CERT_SIGN
        && ku[KEY_CERT_SIGN]
        && !leaf.isCa()) {
      return new Failure(
          ChainStatus.KEY_USAGE, ChainMessages.endEntityKeyCertSign(leaf), leaf, top);
    }
    return null;
  }

  /** Whether the algorithm {@code c} is signed with is refused by the policy. */
  static @Nullable Failure signatureAlgorithm(CertInfo c, ChainOptions options, long rank) {
    AlgorithmRules.Signature s = AlgorithmRules.signature(c.cert, options.algorithmPolicy());
    if (s.verdict() == AlgorithmRules.Verdict.BROKEN
        || s.verdict() == AlgorithmRules.Verdict.DISALLOWED) {
      return new Failure(
          ChainStatus.DISALLOWED_ALGORITHM,
          ChainMessages.refusedSignatureAlgorithm(c, s.algorithm(), s.reason()),
          c,
          rank);
    }
    return null;
  }

  static @Nullable Failure validity(CertInfo c, Instant at, long rank) {
    if (at.isBefore(c.notBefore)) {
      return new Failure(ChainStatus.NOT_YET_VALID, ChainMessages.notYetValid(c, at), c, rank);
    }
    if (at.isAfter(c.notAfter())) {
      return new Failure(ChainStatus.EXPIRED, ChainMessages.expired(c, at), c, rank);
    }
    return null;
  }

  static Failure unknownCritical(CertInfo c, long rank) {
    return new Failure(
        ChainStatus.UNKNOWN_CRITICAL_EXTENSION, ChainMessages.unknownCritical(c), c, rank);
  }

  /**
   * The checks of {@code c} as the issuer of the top of {@code path} (leaf first).
   *
   * @param c the issuer candidate, whose signature on the top of the path verified
   * @param isAnchor whether {@code c} is a trust anchor (then basicConstraints may be absent)
   * @param path the route so far, leaf first
   * @param at the validation time
   * @param options the policy
   * @param rank the rank of a failure found here
   * @return the failure, or null when {@code c} may issue the top of the path
   */
  static @Nullable Failure issuer(
      CertInfo c,
      boolean isAnchor,
      List<CertInfo> path,
      Instant at,
      ChainOptions options,
      long rank) {
    CertInfo subject = path.get(path.size() - 1);
    if (c.malformed() != null) {
      return new Failure(ChainStatus.MALFORMED_CERTIFICATE, ChainMessages.malformed(c), c, rank);
    }
    Failure v = validity(c, at, rank);
    if (v != null) {
      return v;
    }
    boolean notCa = isAnchor ? c.hasBasicConstraints() && !c.isCa() : !c.isCa();
    if (notCa) {
      return new Failure(ChainStatus.NOT_A_CA, ChainMessages.notACa(c, subject), c, rank);
    }
    boolean[] ku = c.keyUsage();
    if (ku != null && (ku.length <= KEY_CERT_SIGN || !ku[KEY_CERT_SIGN])) {
      return new Failure(ChainStatus.KEY_USAGE, ChainMessages.noKeyCertSign(c, subject), c, rank);
    }
    if (!c.unknownCritical().isEmpty()) {
      return unknownCritical(c, rank);
    }
    if (options.strictProfile() && c.hasBasicConstraints() && !c.basicConstraintsCritical()) {
      return new Failure(
          ChainStatus.PROFILE, ChainMessages.basicConstraintsNotCritical(c), c, rank);
    }
    if (c.isCa() && c.pathLen() != Integer.MAX_VALUE) {
      int below = 0;
      for (int i = 1; i < path.size(); i++) {
        if (!path.get(i).selfIssued()) {
          below++;
        }
      }
      if (below > c.pathLen()) {
        return new Failure(
            ChainStatus.PATH_LENGTH_EXCEEDED,
            ChainMessages.pathLength(c, below, path.get(0)),
            c,
            rank);
      }
    }
    NameConstraints nc = c.nameConstraints();
    return nc == null ? null : nameConstraints(c, nc, path, rank);
  }

  /**
   * RFC 5280 section 6.1.3 (b) and (c): every certificate below the CA (self-issued intermediates
   * excepted) must have its subject, its emailAddress attributes and its subjectAltNames within the
   * CA's permitted subtrees and outside its excluded ones.
   */
  static @Nullable Failure nameConstraints(
      CertInfo ca, NameConstraints nc, List<CertInfo> path, long rank) {
    PKIXNameConstraintValidator v = new PKIXNameConstraintValidator();
    CertInfo current = ca;
    try {
      GeneralSubtree[] permitted = nc.getPermittedSubtrees();
      if (permitted != null) {
        v.intersectPermittedSubtree(permitted);
      }
      GeneralSubtree[] excluded = nc.getExcludedSubtrees();
      if (excluded != null) {
        for (GeneralSubtree e : excluded) {
          v.addExcludedSubtree(e);
        }
      }
      for (int i = 0; i < path.size(); i++) {
        CertInfo d = path.get(i);
        if (i > 0 && d.selfIssued()) {
          continue;
        }
        current = d;
        X500Name dn = d.subjectName();
        if (dn.getRDNs().length > 0) {
          v.checkPermittedDN(dn);
          v.checkExcludedDN(dn);
        }
        for (String email : CertificateFields.dnEmails(dn)) {
          GeneralName gn = new GeneralName(GeneralName.rfc822Name, new DERIA5String(email));
          v.checkPermitted(gn);
          v.checkExcluded(gn);
        }
        for (GeneralName gn : d.subjectAltNames()) {
          v.checkPermitted(gn);
          v.checkExcluded(gn);
        }
      }
      return null;
    } catch (NameConstraintValidatorException e) {
      return new Failure(
          ChainStatus.NAME_CONSTRAINTS,
          ChainMessages.nameConstraintViolated(current, ca, e.getMessage()),
          current,
          rank);
    } catch (RuntimeException e) {
      return new Failure(
          ChainStatus.NAME_CONSTRAINTS,
          ChainMessages.nameConstraintUncheckable(current, ca, e.getMessage()),
          current,
          rank);
    }
  }
}
