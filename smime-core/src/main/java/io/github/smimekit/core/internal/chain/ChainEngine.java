package io.github.smimekit.core.internal.chain;

import io.github.smimekit.core.CertificateChain;
import io.github.smimekit.core.ChainDiagnosis;
import io.github.smimekit.core.ChainResult;
import io.github.smimekit.core.ChainStatus;
import io.github.smimekit.core.internal.Providers;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;
import org.jspecify.annotations.Nullable;

/**
 * The chain-building engine behind {@code ChainResolver}: indexes anchors and pool at construction,
 * then runs one bounded depth-first search per resolution. Immutable apart from a bounded,
 * thread-safe cache of verified signatures between shared certificates.
 */
public final class ChainEngine {
  private static final int LINK_CACHE_LIMIT = 262_144;

  private static final Set<String> WEAK_DIGEST_OIDS =
      Set.of(
          "1.2.840.113549.1.1.2", // md2WithRSAEncryption
          "1.2.840.113549.1.1.3", // md4WithRSAEncryption
          "1.2.840.113549.1.1.4", // md5WithRSAEncryption
          "1.3.14.3.2.3", // md5WithRSA (OIW)
          "1.3.14.3.2.25"); // md2WithRSA (OIW)
  private static final Set<String> SHA1_OIDS =
      Set.of(
          "1.2.840.113549.1.1.5", // sha1WithRSAEncryption
          "1.3.14.3.2.29", // sha1WithRSA (OIW)
          "1.2.840.10045.4.1", // ecdsa-with-SHA1
          "1.2.840.10040.4.3", // dsa-with-sha1
          "1.3.14.3.2.27"); // dsaWithSHA1 (OIW)
  private static final Set<String> DSA_OIDS =
      Set.of(
          "1.2.840.10040.4.3",
          "1.3.14.3.2.27",
          "2.16.840.1.101.3.4.3.1",
          "2.16.840.1.101.3.4.3.2",
          "2.16.840.1.101.3.4.3.3",
          "2.16.840.1.101.3.4.3.4");

  private enum Sig {
    OK,
    BAD,
    UNSUPPORTED
  }

  private final ChainOptions options;
  private final int anchorCount;
  private final int poolCount;
  private final Map<X509Certificate, CertInfo> shared = new HashMap<>();
  private final Map<X500Principal, List<CertInfo>> anchorsBySubject = new HashMap<>();
  private final Map<X500Principal, List<CertInfo>> poolBySubject = new HashMap<>();

  /** Pool certificates of one (crowded) subject grouped by subject key identifier, built lazily. */
  private final ConcurrentHashMap<X500Principal, Map<String, List<CertInfo>>> bySubjectAndKeyId =
      new ConcurrentHashMap<>();

  private final ConcurrentHashMap<Link, Sig> linkCache = new ConcurrentHashMap<>();

  /** A (subject, issuer) pair; CertInfo compares by identity. */
  private record Link(CertInfo subject, CertInfo issuer) {}

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
    int ac = 0;
    for (X509Certificate c : anchors) {
      if (!shared.containsKey(c)) {
        CertInfo info = CertInfo.shared(c, true);
        shared.put(c, info);
        anchorsBySubject.computeIfAbsent(info.subject, k -> new ArrayList<>()).add(info);
        ac++;
      }
    }
    int pc = 0;
    for (X509Certificate c : pool) {
      if (!shared.containsKey(c)) {
        CertInfo info = CertInfo.shared(c, false);
        shared.put(c, info);
        poolBySubject.computeIfAbsent(info.subject, k -> new ArrayList<>()).add(info);
        pc++;
      }
    }
    for (List<CertInfo> l : poolBySubject.values()) {
      if (l.size() > 1) {
        l.sort(NEWEST_FIRST);
      }
    }
    this.anchorCount = ac;
    this.poolCount = pc;
  }

  private static final Comparator<CertInfo> NEWEST_FIRST =
      Comparator.comparing((CertInfo c) -> c.notBefore, Comparator.reverseOrder())
          .thenComparing(c -> c.sha1());

  /**
   * Resolves one leaf.
   *
   * @param leafCert the certificate to build a chain for
   * @param at the validation time
   * @param all whether to collect every valid chain or only the preferred one
   * @return the result
   */
  public ChainResult resolve(X509Certificate leafCert, Instant at, boolean all) {
    CertInfo known = shared.get(leafCert);
    CertInfo leaf = known != null ? known : CertInfo.of(leafCert);
    Search s = new Search(at, all);
    Failure leafFailure = s.checkLeaf(leaf);
    if (leafFailure != null) {
      return new ChainResult(leafCert, at, List.of(), leafFailure.toDiagnosis());
    }
    if (leaf.anchor) {
      return new ChainResult(leafCert, at, List.of(s.toChain(List.of(leaf), true)), null);
    }
    s.path.add(leaf);
    if (leaf.selfIssued() && s.verify(leaf, leaf) == Sig.OK) {
      s.endsInSelfSigned(leaf);
    } else {
      s.extend();
    }
    return s.result(leafCert);
  }

  /** One failed attempt, ranked by how far it got. */
  private record Failure(ChainStatus status, String reason, @Nullable CertInfo cert, long rank) {
    ChainDiagnosis toDiagnosis() {
      return cert == null
          ? new ChainDiagnosis(status, reason, null, null)
          : new ChainDiagnosis(status, reason, cert.cert, cert.sha1());
    }
  }

  private record Found(List<CertInfo> certs, boolean anchored) {}

  private static final Comparator<Found> PREFERENCE =
      Comparator.comparing((Found f) -> !f.anchored())
          .thenComparingInt(f -> f.certs().size())
          .thenComparing(ChainEngine::compareNotBefore)
          .thenComparing(f -> f.certs().stream().map(c -> c.sha1()).collect(Collectors.joining()));

  /** Newer notBefore first, comparing issuers from the leaf upwards. */
  private static int compareNotBefore(Found a, Found b) {
    int n = Math.min(a.certs().size(), b.certs().size());
    for (int i = 1; i < n; i++) {
      int c = b.certs().get(i).notBefore.compareTo(a.certs().get(i).notBefore);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** The state of one resolution. Not thread-safe; lives on one thread for one call. */
  private final class Search {
    final Instant at;
    final boolean all;
    final List<CertInfo> path = new ArrayList<>();
    final List<Found> found = new ArrayList<>();
    final Map<Link, Sig> localSigs = new HashMap<>();
    @Nullable Failure best;
    int tried;
    boolean budgetHit;
    int bestAnchoredLength = Integer.MAX_VALUE;

    Search(Instant at, boolean all) {
      this.at = at;
      this.all = all;
    }

    void fail(ChainStatus status, @Nullable CertInfo cert, long rank, Supplier<String> reason) {
      if (best == null || rank > best.rank()) {
        best = new Failure(status, reason.get(), cert, rank);
      }
    }

    void fail(Failure f) {
      if (best == null || f.rank() > best.rank()) {
        best = f;
      }
    }

    /** Rank of a failure found while looking at the issuer of path position {@code depth}. */
    long rank(boolean reachedAnchor, boolean loop) {
      return (reachedAnchor ? 1_000_000L : 0L) + path.size() * 2L + (loop ? 0 : 1);
    }

    @Nullable Failure checkLeaf(CertInfo leaf) {
      long top = Long.MAX_VALUE;
      if (leaf.malformed() != null) {
        return new Failure(
            ChainStatus.MALFORMED_CERTIFICATE,
            "certificate " + leaf.describe() + " is malformed: " + leaf.malformed(),
            leaf,
            top);
      }
      Failure v = validity(leaf, top);
      if (v != null) {
        return v;
      }
      if (!leaf.unknownCritical().isEmpty()) {
        return unknownCritical(leaf, top);
      }
      String eku = leaf.ekuProblem(options.requiredEku());
      if (eku != null) {
        return new Failure(
            ChainStatus.EXTENDED_KEY_USAGE,
            "certificate " + leaf.describe() + " is not allowed for the required purpose: " + eku,
            leaf,
            top);
      }
      if (options.strictProfile()
          && leaf.keyUsage() != null
          && leaf.keyUsage().length > 5
          && leaf.keyUsage()[5]
          && !leaf.isCa()) {
        return new Failure(
            ChainStatus.KEY_USAGE,
            "certificate "
                + leaf.describe()
                + " asserts keyCertSign in its keyUsage but is not a CA (basicConstraints cA is"
                + " not TRUE), which RFC 5280 section 4.2.1.3 forbids",
            leaf,
            top);
      }
      return null;
    }

    @Nullable Failure validity(CertInfo c, long rank) {
      if (at.isBefore(c.notBefore)) {
        return new Failure(
            ChainStatus.NOT_YET_VALID,
            "certificate "
                + c.describe()
                + " is not yet valid at "
                + at
                + ": it is valid from "
                + c.notBefore
                + " to "
                + c.notAfter(),
            c,
            rank);
      }
      if (at.isAfter(c.notAfter())) {
        return new Failure(
            ChainStatus.EXPIRED,
            "certificate "
                + c.describe()
                + " has expired at "
                + at
                + ": it was valid from "
                + c.notBefore
                + " to "
                + c.notAfter(),
            c,
            rank);
      }
      return null;
    }

    Failure unknownCritical(CertInfo c, long rank) {
      return new Failure(
          ChainStatus.UNKNOWN_CRITICAL_EXTENSION,
          "certificate "
              + c.describe()
              + " has critical extension"
              + (c.unknownCritical().size() > 1 ? "s " : " ")
              + String.join(", ", c.unknownCritical())
              + " that this resolver does not process",
          c,
          rank);
    }

    Sig verify(CertInfo subject, CertInfo issuer) {
      boolean cacheable = subject.shared && issuer.shared;
      Link key = new Link(subject, issuer);
      Sig cached = cacheable ? linkCache.get(key) : localSigs.get(key);
      if (cached != null) {
        return cached;
      }
      Sig result = doVerify(subject, issuer);
      if (cacheable) {
        if (linkCache.size() < LINK_CACHE_LIMIT) {
          linkCache.put(key, result);
        }
      } else {
        localSigs.put(key, result);
      }
      return result;
    }

    /** Looks for issuers of the top of the path; recursive, depth bounded by maxDepth. */
    void extend() {
      CertInfo top = path.get(path.size() - 1);
      List<CertInfo> anchorCands = anchorsBySubject.getOrDefault(top.issuer, List.of());
      List<CertInfo> poolCands = poolBySubject.getOrDefault(top.issuer, List.of());
      if (anchorCands.isEmpty() && poolCands.isEmpty()) {
        fail(ChainStatus.ISSUER_NOT_FOUND, top, rank(false, false), () -> issuerNotFound(top));
        return;
      }
      String algProblem = algorithmProblem(top.sigAlgOid());
      if (algProblem != null) {
        fail(
            ChainStatus.DISALLOWED_ALGORITHM,
            top,
            rank(false, false),
            () ->
                "certificate "
                    + top.describe()
                    + " is signed with "
                    + top.sigAlgName()
                    + algProblem);
        return;
      }
      // Candidates in order: anchors (authority key identifier matches first), then pool
      // certificates whose subject key identifier matches, then the rest of the pool (newest
      // first, as sorted at construction). Nothing is materialised beyond the index lists.
      String aki = top.aki();
      if (anchorCands.size() > 1) {
        anchorCands = new ArrayList<>(anchorCands);
        anchorCands.sort(
            Comparator.comparing((CertInfo c) -> aki == null || !aki.equals(c.ski()))
                .thenComparing((CertInfo c) -> c.notBefore, Comparator.reverseOrder())
                .thenComparing(c -> c.sha1()));
      }
      for (CertInfo c : anchorCands) {
        if (!tryCandidate(top, c)) {
          return;
        }
      }
      if (aki != null) {
        List<CertInfo> akiMatches;
        if (poolCands.size() <= 16) {
          akiMatches = new ArrayList<>(2);
          for (CertInfo c : poolCands) {
            if (aki.equals(c.ski())) {
              akiMatches.add(c);
            }
          }
        } else {
          List<CertInfo> crowd = poolCands;
          akiMatches =
              bySubjectAndKeyId
                  .computeIfAbsent(top.issuer, k -> groupByKeyId(crowd))
                  .getOrDefault(aki, List.of());
        }
        for (CertInfo c : akiMatches) {
          if (!tryCandidate(top, c)) {
            return;
          }
        }
      }
      for (CertInfo c : poolCands) {
        if (aki != null && aki.equals(c.ski())) {
          continue; // tried above
        }
        if (!tryCandidate(top, c)) {
          return;
        }
      }
    }

    /** Tries one issuer candidate; false when the budget is exhausted and the search must stop. */
    boolean tryCandidate(CertInfo top, CertInfo c) {
      if (budgetHit) {
        return false;
      }
      if (++tried > options.maxCandidates()) {
        budgetHit = true;
        return false;
      }
      CertInfo loopWith = loopWith(c);
      if (loopWith != null) {
        fail(
            ChainStatus.NO_PATH,
            top,
            rank(false, true),
            () ->
                "no route from "
                    + path.get(0).describe()
                    + " reaches a trust anchor: every route loops (issuer candidate "
                    + c.describe()
                    + " of "
                    + top.describe()
                    + (loopWith == c
                        ? " is already on the route)"
                        : " repeats the subject and key of "
                            + loopWith.describe()
                            + ", already on the route)"));
        return true;
      }
      Sig sig = verify(top, c);
      if (sig == Sig.UNSUPPORTED) {
        fail(
            ChainStatus.DISALLOWED_ALGORITHM,
            top,
            rank(false, false),
            () ->
                "the signature algorithm "
                    + top.sigAlgName()
                    + " of certificate "
                    + top.describe()
                    + " cannot be verified with the "
                    + c.key().getAlgorithm()
                    + " key of "
                    + c.describe());
        return true;
      }
      if (sig == Sig.BAD) {
        fail(
            ChainStatus.BAD_SIGNATURE,
            top,
            rank(false, false),
            () ->
                "the signature of certificate "
                    + top.describe()
                    + " does not verify with the public key of its issuer candidate "
                    + c.describe());
        return true;
      }
      boolean isAnchor = c.anchor;
      if (!isAnchor || options.checkAnchorConstraints()) {
        Failure f = checkIssuer(c, isAnchor, rank(isAnchor, false));
        if (f != null) {
          fail(f);
          return true;
        }
      }
      if (isAnchor) {
        List<CertInfo> chain = new ArrayList<>(path);
        chain.add(c);
        found.add(new Found(List.copyOf(chain), true));
        bestAnchoredLength = Math.min(bestAnchoredLength, chain.size());
        return true;
      }
      if (c.selfIssued() && verify(c, c) == Sig.OK) {
        path.add(c);
        endsInSelfSigned(c);
        path.remove(path.size() - 1);
        return true;
      }
      if (path.size() + 2 > options.maxDepth()) {
        fail(
            ChainStatus.BUDGET_EXCEEDED,
            c,
            rank(false, false) + 1,
            () ->
                "no chain of at most "
                    + options.maxDepth()
                    + " certificates (the depth budget) leads from "
                    + path.get(0).describe()
                    + " to a trust anchor; the search stopped above "
                    + c.describe());
        return true;
      }
      if (!all && path.size() + 2 > bestAnchoredLength) {
        return true;
      }
      path.add(c);
      extend();
      path.remove(path.size() - 1);
      return !budgetHit;
    }

    /** The top of the path is self-signed and not an anchor. */
    void endsInSelfSigned(CertInfo root) {
      if (anchorCount == 0 || options.acceptUnanchored()) {
        found.add(new Found(List.copyOf(path), false));
      } else {
        fail(
            ChainStatus.UNTRUSTED_ROOT,
            root,
            rank(false, false),
            () ->
                "the chain of "
                    + path.get(0).describe()
                    + " ends in the self-signed certificate "
                    + root.describe()
                    + ", which is not a trust anchor");
      }
    }

    @Nullable CertInfo loopWith(CertInfo c) {
      for (CertInfo p : path) {
        if (p == c || p.cert.equals(c.cert)) {
          return p;
        }
        if (p.subject.equals(c.subject) && p.sameKey(c)) {
          return p;
        }
      }
      return null;
    }

    /** RFC 5280 section 6.1 checks of {@code c} as the issuer of the top of the path. */
    @Nullable Failure checkIssuer(CertInfo c, boolean isAnchor, long rank) {
      if (c.malformed() != null) {
        return new Failure(
            ChainStatus.MALFORMED_CERTIFICATE,
            "certificate " + c.describe() + " is malformed: " + c.malformed(),
            c,
            rank);
      }
      Failure v = validity(c, rank);
      if (v != null) {
        return v;
      }
      boolean notCa = isAnchor ? c.hasBasicConstraints() && !c.isCa() : !c.isCa();
      if (notCa) {
        return new Failure(
            ChainStatus.NOT_A_CA,
            "certificate "
                + c.describe()
                + " issued "
                + path.get(path.size() - 1).describe()
                + " but is not a CA: "
                + (c.hasBasicConstraints()
                    ? "its basicConstraints has cA=FALSE"
                    : "it has no basicConstraints extension"),
            c,
            rank);
      }
      if (c.keyUsage() != null && (c.keyUsage().length <= 5 || !c.keyUsage()[5])) {
        return new Failure(
            ChainStatus.KEY_USAGE,
            "certificate "
                + c.describe()
                + " issued "
                + path.get(path.size() - 1).describe()
                + " but its keyUsage lacks keyCertSign",
            c,
            rank);
      }
      if (!c.unknownCritical().isEmpty()) {
        return unknownCritical(c, rank);
      }
      if (options.strictProfile() && c.hasBasicConstraints() && !c.basicConstraintsCritical()) {
        return new Failure(
            ChainStatus.PROFILE,
            "CA certificate "
                + c.describe()
                + " has a basicConstraints extension that is not marked critical, which RFC 5280"
                + " section 4.2.1.9 requires",
            c,
            rank);
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
              "CA certificate "
                  + c.describe()
                  + " has pathLenConstraint "
                  + c.pathLen()
                  + " but "
                  + below
                  + " intermediate CA certificate"
                  + (below == 1 ? "" : "s")
                  + " follow it on the route to "
                  + path.get(0).describe(),
              c,
              rank);
        }
      }
      if (c.nameConstraints() != null) {
        return checkNameConstraints(c, c.nameConstraints(), rank);
      }
      return null;
    }

    @Nullable Failure checkNameConstraints(CertInfo ca, NameConstraints nc, long rank) {
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
          for (String email : emailsInDn(dn)) {
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
            "certificate "
                + current.describe()
                + " violates the name constraints of CA "
                + ca.describe()
                + ": "
                + e.getMessage(),
            current,
            rank);
      } catch (RuntimeException e) {
        return new Failure(
            ChainStatus.NAME_CONSTRAINTS,
            "the names of certificate "
                + current.describe()
                + " cannot be checked against the name constraints of CA "
                + ca.describe()
                + ": "
                + e.getMessage(),
            current,
            rank);
      }
    }

    String issuerNotFound(CertInfo top) {
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
        String aki = top.aki();
        shared.values().stream()
            .filter(c -> aki.equals(c.ski()))
            .min(NEWEST_FIRST)
            .ifPresent(
                c ->
                    sb.append("; ")
                        .append(c.describe())
                        .append(" has that key identifier but a different subject name"));
      }
      if (!top.caIssuerUrls().isEmpty()) {
        sb.append("; the certificate says its issuer can be downloaded from ")
            .append(String.join(", ", top.caIssuerUrls()));
      }
      return sb.toString();
    }

    ChainResult result(X509Certificate leafCert) {
      if (!found.isEmpty()) {
        List<Found> sorted = new ArrayList<>(found);
        sorted.sort(PREFERENCE);
        List<CertificateChain> chains = new ArrayList<>();
        for (Found f : all ? sorted : sorted.subList(0, 1)) {
          chains.add(toChain(f.certs(), f.anchored()));
        }
        return new ChainResult(leafCert, at, chains, null);
      }
      CertInfo leaf = path.get(0);
      if (budgetHit) {
        String lead = best == null ? "" : "; the furthest attempt failed: " + best.reason();
        return new ChainResult(
            leafCert,
            at,
            List.of(),
            new ChainDiagnosis(
                ChainStatus.BUDGET_EXCEEDED,
                "gave up building a chain for "
                    + leaf.describe()
                    + " after trying "
                    + options.maxCandidates()
                    + " issuer candidates (the candidate budget)"
                    + lead,
                leaf.cert,
                leaf.sha1()));
      }
      Failure f = best;
      if (f == null) {
        f =
            new Failure(
                ChainStatus.NO_PATH,
                "no route from " + leaf.describe() + " reaches a trust anchor",
                leaf,
                0);
      }
      return new ChainResult(leafCert, at, List.of(), f.toDiagnosis());
    }

    CertificateChain toChain(List<CertInfo> certs, boolean anchored) {
      List<X509Certificate> list = new ArrayList<>(certs.size());
      List<String> thumbs = new ArrayList<>(certs.size());
      List<String> warnings = new ArrayList<>();
      for (int i = 0; i < certs.size(); i++) {
        CertInfo c = certs.get(i);
        list.add(c.cert);
        thumbs.add(c.sha1());
        if (i < certs.size() - 1 && SHA1_OIDS.contains(c.sigAlgOid())) {
          warnings.add(
              "certificate "
                  + c.describe()
                  + " is signed with "
                  + c.sigAlgName()
                  + "; SHA-1 signatures are weak and refused by many clients");
        }
      }
      if (!anchored) {
        CertInfo root = certs.get(certs.size() - 1);
        warnings.add(
            "the chain ends in the self-signed certificate "
                + root.describe()
                + ", which is not a trust anchor");
      }
      if (budgetHit) {
        warnings.add(
            "the search stopped at its budget of "
                + options.maxCandidates()
                + " candidates; a preferable chain may exist");
      }
      return new CertificateChain(list, thumbs, anchored, warnings);
    }
  }

  private static Map<String, List<CertInfo>> groupByKeyId(List<CertInfo> certs) {
    Map<String, List<CertInfo>> m = new HashMap<>();
    for (CertInfo c : certs) {
      String ski = c.ski();
      if (ski != null) {
        m.computeIfAbsent(ski, k -> new ArrayList<>()).add(c);
      }
    }
    return m;
  }

  private @Nullable String algorithmProblem(String oid) {
    if (WEAK_DIGEST_OIDS.contains(oid)) {
      return ", an algorithm with a broken digest that is never accepted";
    }
    if (!options.allowSha1() && SHA1_OIDS.contains(oid)) {
      return ", and SHA-1 signatures are refused by this resolver's policy";
    }
    if (!options.allowDsa() && DSA_OIDS.contains(oid)) {
      return ", and DSA signatures are refused by this resolver's policy";
    }
    return null;
  }

  private static Sig doVerify(CertInfo subject, CertInfo issuer) {
    try {
      subject.cert.verify(issuer.key());
      return Sig.OK;
    } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
      try {
        subject.cert.verify(issuer.key(), Providers.bc());
        return Sig.OK;
      } catch (NoSuchAlgorithmException e2) {
        return Sig.UNSUPPORTED;
      } catch (GeneralSecurityException | RuntimeException e2) {
        return Sig.BAD;
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      return Sig.BAD;
    }
  }

  private static List<String> emailsInDn(X500Name dn) {
    List<String> out = new ArrayList<>();
    for (RDN rdn : dn.getRDNs()) {
      for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
        if (atv.getType().equals(PKCSObjectIdentifiers.pkcs_9_at_emailAddress)) {
          ASN1Encodable value = atv.getValue();
          out.add(value instanceof ASN1String str ? str.getString() : value.toString());
        }
      }
    }
    return out;
  }
}
