package io.github.smimekit.core.internal.chain;

import io.github.smimekit.core.CertificateChain;
import io.github.smimekit.core.ChainDiagnosis;
import io.github.smimekit.core.ChainResult;
import io.github.smimekit.core.ChainStatus;
import io.github.smimekit.core.internal.AlgorithmRules;
import io.github.smimekit.core.internal.chain.SignatureLinks.Sig;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.DSAPublicKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One resolution: a bounded depth-first search from the leaf towards the anchors, keeping every
 * valid chain it finds and the failure that got furthest. Not thread-safe; lives on one thread for
 * one call.
 *
 * <p>The work budget is charged one unit per issuer candidate, and the verification cost of the
 * candidate's key ({@link AlgorithmRules#verificationCost}) when its signature is actually checked
 * (a cached link costs one unit), so a pool of keys that are slow to verify with exhausts the
 * budget sooner instead of stretching it.
 */
final class ChainSearch {
  /** A valid chain, leaf first. */
  private record Found(List<CertInfo> certs, boolean anchored) {}

  /** The preference order of RFC-valid chains; see {@code ChainResolver}. */
  private static final Comparator<Found> PREFERENCE =
      Comparator.comparing((Found f) -> !f.anchored())
          .thenComparingInt(f -> f.certs().size())
          .thenComparing(ChainSearch::compareNotBefore)
          .thenComparing(f -> f.certs().stream().map(c -> c.sha1()).collect(Collectors.joining()));

  private final ChainIndex index;
  private final SignatureLinks links;
  private final ChainOptions options;
  private final Instant at;
  private final boolean all;
  private final List<CertInfo> path = new ArrayList<>();
  private final List<Found> found = new ArrayList<>();
  private @Nullable Failure best;
  private int candidates;
  private long work;
  private boolean budgetHit;
  private int bestAnchoredLength = Integer.MAX_VALUE;

  /** Issuer-fetching bookkeeping; null when the resolver does not fetch. */
  private final @Nullable Tracking tracking;

  /** The candidate being tried (for {@link Tracking}); null while no candidate is. */
  private @Nullable CertInfo trying;

  /**
   * What issuer fetching needs to know of a search: which certificates found no working issuer (so
   * their caIssuers URLs are worth fetching), and the furthest failures of the routes with and
   * without fetched certificates (so a diagnosis names both).
   */
  static final class Tracking {
    private final Set<X509Certificate> fetched;
    private final Set<CertInfo> visited = new LinkedHashSet<>();
    private final Set<CertInfo> linked = new HashSet<>();
    private @Nullable Failure bestWithFetched;
    private @Nullable Failure bestWithoutFetched;

    /** Tracking for a search whose pool holds {@code fetched} besides the resolver's own. */
    Tracking(Set<X509Certificate> fetched) {
      this.fetched = fetched;
    }

    /** The certificates, in the order they were met, none of whose issuer candidates worked. */
    List<X509Certificate> stuck() {
      List<X509Certificate> out = new ArrayList<>();
      for (CertInfo c : visited) {
        if (!linked.contains(c)) {
          out.add(c.cert);
        }
      }
      return out;
    }
  }

  ChainSearch(
      ChainIndex index, SignatureLinks links, ChainOptions options, Instant at, boolean all) {
    this(index, links, options, at, all, null);
  }

  ChainSearch(
      ChainIndex index,
      SignatureLinks links,
      ChainOptions options,
      Instant at,
      boolean all,
      @Nullable Tracking tracking) {
    this.index = index;
    this.links = links;
    this.options = options;
    this.at = at;
    this.all = all;
    this.tracking = tracking;
  }

  /** Runs the search for {@code leaf} and returns the result. */
  ChainResult run(CertInfo leaf) {
    Failure leafFailure = ChainChecks.leaf(leaf, at, options);
    if (leafFailure != null) {
      return ChainResult.failed(leaf.cert, at, leafFailure.toDiagnosis());
    }
    if (leaf.anchor) {
      return ChainResult.valid(leaf.cert, at, List.of(toChain(List.of(leaf), true)));
    }
    path.add(leaf);
    if (leaf.selfIssued() && links.verify(leaf, leaf) == Sig.OK) {
      endsInSelfSigned(leaf);
    } else {
      extend();
    }
    return result(leaf);
  }

  private void fail(Failure f) {
    Failure b = best;
    if (b == null || f.rank() > b.rank()) {
      best = f;
    }
    track(f.status(), f.cert(), f.rank(), f::reason);
  }

  /** Records a failure whose sentence is built only when it becomes the best. */
  private void fail(ChainStatus status, CertInfo cert, long rank, MessageSupplier reason) {
    Failure b = best;
    if (b == null || rank > b.rank()) {
      best = new Failure(status, reason.get(), cert, rank);
    }
    track(status, cert, rank, reason);
  }

  /** Keeps the furthest failure of routes with, and of routes without, a fetched certificate. */
  private void track(
      ChainStatus status, @Nullable CertInfo cert, long rank, MessageSupplier reason) {
    Tracking t = tracking;
    if (t == null || t.fetched.isEmpty()) {
      return;
    }
    boolean withFetched = trying != null && t.fetched.contains(trying.cert);
    for (int i = 0; i < path.size() && !withFetched; i++) {
      withFetched = t.fetched.contains(path.get(i).cert);
    }
    Failure b = withFetched ? t.bestWithFetched : t.bestWithoutFetched;
    if (b == null || rank > b.rank()) {
      Failure f = new Failure(status, reason.get(), cert, rank);
      if (withFetched) {
        t.bestWithFetched = f;
      } else {
        t.bestWithoutFetched = f;
      }
    }
  }

  @FunctionalInterface
  private interface MessageSupplier {
    String get();
  }

  private long rank(boolean reachedAnchor, boolean loop) {
    return Failure.rank(path.size(), reachedAnchor, loop);
  }

  /** Looks for issuers of the top of the path; recursive, depth bounded by maxDepth. */
  private void extend() {
    CertInfo top = path.get(path.size() - 1);
    Tracking t = tracking;
    if (t != null) {
      t.visited.add(top);
    }
    if (!index.hasSubject(top.issuer)) {
      fail(
          ChainStatus.ISSUER_NOT_FOUND,
          top,
          rank(false, false),
          () -> {
            String aki = top.aki();
            return ChainMessages.issuerNotFound(
                top,
                index.anchorCount(),
                index.poolCount(),
                aki == null ? null : index.withKeyIdentifier(aki));
          });
      return;
    }
    Failure alg = ChainChecks.signatureAlgorithm(top, options, rank(false, false));
    if (alg != null) {
      fail(alg);
      return;
    }
    index.forEachCandidate(
        top,
        c -> {
          trying = c;
          try {
            return tryCandidate(top, c);
          } finally {
            trying = null;
          }
        });
  }

  /** Tries one issuer candidate; false when the budget is exhausted and the search must stop. */
  private boolean tryCandidate(CertInfo top, CertInfo c) {
    if (budgetHit) {
      return false;
    }
    if (work + 1 > options.maxCandidates()) {
      budgetHit = true;
      return false;
    }
    work++;
    candidates++;
    CertInfo loopWith = loopWith(c);
    if (loopWith != null) {
      fail(
          ChainStatus.NO_PATH,
          top,
          rank(false, true),
          () -> ChainMessages.loop(path.get(0), top, c, loopWith));
      return true;
    }
    CertInfo.KeyVerdict key = c.keyVerdict(options.algorithmPolicy());
    String keyProblem = key.problem();
    if (keyProblem != null) {
      fail(
          ChainStatus.DISALLOWED_ALGORITHM,
          top,
          rank(false, false),
          () -> ChainMessages.refusedKey(top, c, keyProblem));
      return true;
    }
    if (key.cost() > 1 && links.cached(top, c) == null) {
      work += key.cost() - 1;
      if (work > options.maxCandidates()) {
        budgetHit = true;
        return false;
      }
    }
    Sig sig;
    if (c.dsaWithoutParameters()) {
      Inherited inherited = inheritDsaParameters(c, 0);
      DSAParams params = inherited.params();
      PublicKey completed = params == null ? null : dsaKey(c, params);
      if (completed == null && !c.anchor && !index.hasSubject(c.issuer)) {
        // the parameters would come from c's issuer, which is missing: say that, one level up
        Tracking t = tracking;
        if (t != null) {
          t.visited.add(c);
        }
        path.add(c);
        fail(
            ChainStatus.ISSUER_NOT_FOUND,
            c,
            rank(false, false),
            () -> {
              String aki = c.aki();
              return ChainMessages.issuerNotFound(
                  c,
                  index.anchorCount(),
                  index.poolCount(),
                  aki == null ? null : index.withKeyIdentifier(aki));
            });
        path.remove(path.size() - 1);
        return true;
      }
      if (completed == null) {
        fail(
            ChainStatus.DISALLOWED_ALGORITHM,
            top,
            rank(false, false),
            () -> ChainMessages.dsaParameters(top, c, inherited.why()));
        return true;
      }
      sig = links.verifyWith(top, c, completed);
    } else {
      sig = links.verify(top, c);
    }
    if (sig == Sig.UNSUPPORTED || sig == Sig.REFUSED) {
      fail(
          ChainStatus.DISALLOWED_ALGORITHM,
          top,
          rank(false, false),
          () -> ChainMessages.unverifiable(top, c));
      return true;
    }
    if (sig == Sig.BAD) {
      fail(
          ChainStatus.BAD_SIGNATURE,
          top,
          rank(false, false),
          () -> ChainMessages.badSignature(top, c));
      return true;
    }
    boolean isAnchor = c.anchor;
    if (!isAnchor || options.checkAnchorConstraints()) {
      Failure f = ChainChecks.issuer(c, isAnchor, path, at, options, rank(isAnchor, false));
      if (f != null) {
        fail(f);
        return true;
      }
    }
    Tracking t = tracking;
    if (t != null) {
      t.linked.add(top);
    }
    if (isAnchor) {
      List<CertInfo> chain = new ArrayList<>(path);
      chain.add(c);
      found.add(new Found(List.copyOf(chain), true));
      bestAnchoredLength = Math.min(bestAnchoredLength, chain.size());
      return true;
    }
    if (c.selfIssued() && links.verify(c, c) == Sig.OK) {
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
          () -> ChainMessages.depth(options.maxDepth(), path.get(0), c));
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

  /** The DSA domain parameters a key without them inherits, or why there are none. */
  private record Inherited(@Nullable DSAParams params, String why) {}

  /** The deepest chain of parameterless DSA CA keys that inherit from one another. */
  private static final int MAX_INHERITANCE = 4;

  /**
   * The DSA domain parameters {@code c}'s key inherits (RFC 3279 section 2.3.2, RFC 5280 section
   * 6.1.4 (f)): those of an issuer candidate of {@code c} (anchors first, then the pool, as
   * offered) with a DSA key, whose key, completed with its own or inherited parameters, verifies
   * {@code c}'s signature. An issuer with another key algorithm passes no parameters on. Each
   * signature checked costs one unit of the work budget.
   */
  private Inherited inheritDsaParameters(CertInfo c, int depth) {
    if (depth >= MAX_INHERITANCE) {
      return new Inherited(
          null, "more than " + MAX_INHERITANCE + " CA certificates in a row inherit them");
    }
    List<CertInfo> candidates = new ArrayList<>();
    index.forEachCandidate(
        c,
        p -> {
          if (p != c) {
            candidates.add(p);
          }
          return candidates.size() < 8;
        });
    String nonDsa = null;
    for (CertInfo p : candidates) {
      PublicKey pk = p.key();
      if (!(pk instanceof DSAPublicKey dsa)) {
        if (pk != null && nonDsa == null) {
          nonDsa = p.keyAlgorithm() + " key of its issuer " + p.describe();
        }
        continue;
      }
      DSAParams params = dsa.getParams();
      PublicKey verifier = pk;
      if (params == null) {
        Inherited up = inheritDsaParameters(p, depth + 1);
        DSAParams upParams = up.params();
        PublicKey completed = upParams == null ? null : dsaKey(p, upParams);
        if (completed == null) {
          continue;
        }
        params = upParams;
        verifier = completed;
      }
      work++;
      if (SignatureLinks.doVerify(c.cert, verifier) == Sig.OK) {
        return new Inherited(params, "");
      }
    }
    return new Inherited(
        null,
        nonDsa != null
            ? "parameters are not inherited through the " + nonDsa
            : "no issuer candidate of " + c.describe() + " with DSA parameters signed it");
  }

  /** {@code c}'s DSA public value with {@code params}; null when the key cannot be made. */
  private static @Nullable PublicKey dsaKey(CertInfo c, DSAParams params) {
    if (!(c.key() instanceof DSAPublicKey k)) {
      return null;
    }
    try {
      return KeyFactory.getInstance("DSA")
          .generatePublic(
              new DSAPublicKeySpec(k.getY(), params.getP(), params.getQ(), params.getG()));
    } catch (GeneralSecurityException | RuntimeException e) {
      return null;
    }
  }

  /** The top of the path is self-signed and not an anchor. */
  private void endsInSelfSigned(CertInfo root) {
    if (index.anchorCount() == 0 || options.acceptUnanchored()) {
      found.add(new Found(List.copyOf(path), false));
    } else {
      fail(
          ChainStatus.UNTRUSTED_ROOT,
          root,
          rank(false, false),
          () -> ChainMessages.untrustedRoot(path.get(0), root));
    }
  }

  private @Nullable CertInfo loopWith(CertInfo c) {
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

  private ChainResult result(CertInfo leaf) {
    if (!found.isEmpty()) {
      List<Found> sorted = new ArrayList<>(found);
      sorted.sort(PREFERENCE);
      List<CertificateChain> chains = new ArrayList<>();
      for (Found f : all ? sorted : sorted.subList(0, 1)) {
        chains.add(toChain(f.certs(), f.anchored()));
      }
      return ChainResult.valid(leaf.cert, at, chains);
    }
    if (budgetHit) {
      return ChainResult.failed(
          leaf.cert,
          at,
          new ChainDiagnosis(
              ChainStatus.BUDGET_EXCEEDED,
              ChainMessages.budget(leaf, candidates, options.maxCandidates(), best),
              leaf.cert));
    }
    Failure f = best;
    if (f == null) {
      f = new Failure(ChainStatus.NO_PATH, ChainMessages.noRoute(leaf), leaf, 0);
    }
    Tracking t = tracking;
    if (t != null && t.bestWithFetched != null && t.bestWithoutFetched != null) {
      Failure with = t.bestWithFetched;
      Failure without = t.bestWithoutFetched;
      if (!with.reason().equals(without.reason())) {
        boolean bestIsWith = f.reason().equals(with.reason());
        f =
            new Failure(
                f.status(),
                ChainMessages.bothFailed(f.reason(), bestIsWith ? without : with, bestIsWith),
                f.cert(),
                f.rank());
      }
    }
    return ChainResult.failed(leaf.cert, at, f.toDiagnosis());
  }

  private CertificateChain toChain(List<CertInfo> certs, boolean anchored) {
    List<X509Certificate> x509 = new ArrayList<>(certs.size());
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < certs.size(); i++) {
      CertInfo c = certs.get(i);
      x509.add(c.cert);
      if (i < certs.size() - 1) {
        AlgorithmRules.Signature s = AlgorithmRules.signature(c.cert, options.algorithmPolicy());
        if (s.verdict() == AlgorithmRules.Verdict.WEAK) {
          warnings.add(ChainMessages.sha1Warning(c, s.algorithm()));
        }
      }
    }
    if (!anchored) {
      warnings.add(ChainMessages.unanchoredWarning(certs.get(certs.size() - 1)));
    }
    if (budgetHit) {
      warnings.add(ChainMessages.budgetWarning(options.maxCandidates()));
    }
    return CertificateChain.of(x509, anchored, warnings);
  }

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
}
