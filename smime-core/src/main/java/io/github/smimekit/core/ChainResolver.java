package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.internal.chain.AiaFetcher;
import io.github.smimekit.core.internal.chain.ChainEngine;
import io.github.smimekit.core.internal.chain.ChainOptions;
import io.github.smimekit.core.internal.chain.IssuerFetching;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Builds chains of trust (leaf → intermediates → trust anchor) out of an unordered pool of CA
 * certificates, and says precisely why when no valid chain exists: the "Certification Path" tab of
 * Windows, for many certificates at once.
 *
 * <pre>{@code
 * ChainResolver resolver = ChainResolver.builder()
 *     .trustAnchors(roots)
 *     .pool(CertificatePool.load(Path.of("partner-cas")))
 *     .build();
 * ChainResult result = resolver.resolve(leaf, Instant.now());
 * if (result.isValid()) { ... result.chain().get().certificates() ... }
 * else { System.err.println(result.diagnosis().get().reason()); }
 *
 * // the CA certificates to upload for many users (Exchange Online's issuing-CA store)
 * IssuingCaCertificates cas = resolver.issuingCaCertificates(users, Instant.now());
 * }</pre>
 *
 * <h2>What is checked</h2>
 *
 * Each candidate chain is validated as RFC 5280 section 6 describes, at the validation time given
 * to {@link #resolve}: every certificate's validity period; each link's signature; that every
 * issuer is a CA (basicConstraints {@code cA=TRUE}) whose keyUsage, when present, includes
 * keyCertSign; pathLenConstraint (self-issued intermediates do not count); name constraints on
 * distinguished names, rfc822Name (also applied to emailAddress attributes of the subject),
 * dNSName, URI, IP address and otherName; critical extensions (a critical extension the resolver
 * does not process refuses the certificate); and the {@link AlgorithmPolicy} (the same value {@link
 * SmimeFitness} takes): MD2, MD4 and MD5 are always refused, SHA-1 is accepted with a warning and
 * DSA is accepted unless the policy refuses them (NIST PKITS 4.1.4 and 4.1.5 use DSA and are valid
 * by default; 4.1.6 is a DSA chain with a bad signature), and an issuer candidate whose RSA key has
 * an absurd modulus or public exponent is refused with {@link ChainStatus#DISALLOWED_ALGORITHM}
 * before any signature is verified with it. Certificate policies are not processed (any policy is
 * acceptable, no explicit policy is required).
 *
 * <p><b>No revocation checking</b> is done (no CRL, no OCSP), and <b>no network access</b> unless
 * asked for: by default the authority information access (AIA) extension is never fetched, but a
 * diagnosis for a missing issuer names its caIssuers URL so the user knows where to get the
 * certificate. With {@link Builder#fetch(FetchOptions)}, when a resolution finds no chain and a
 * certificate on the way up from the leaf found no working issuer (none on offer has its issuer's
 * name, or those that have it fail: expired, another key, not a CA...), its caIssuers URLs are
 * fetched (bounded as {@link FetchOptions} says), what they hold joins the pool as untrusted
 * candidates (checked like every other), and the search runs again, level by level. What was tried
 * is in {@link ChainResult#fetches()}, what arrived in {@link ChainResult#fetchedCertificates()}
 * (and from where: {@link ChainResult#fetchedFrom}), and a diagnosis after fetching ends with each
 * URL's outcome; when both a same-named pool certificate and a fetched one fail, it names both
 * failures.
 *
 * <h2>Policy choices</h2>
 *
 * <ul>
 *   <li>Trust anchor certificates are checked like the rest of the chain by default (their
 *       validity, basicConstraints and keyUsage when present, name constraints, critical
 *       extensions; not their self-signature), as OpenSSL and Windows do. {@link
 *       Builder#checkAnchorConstraints(boolean) checkAnchorConstraints(false)} treats anchors as
 *       plain names and keys, as the JDK's PKIX implementation does.
 *   <li>Certificate-profile rules of RFC 5280 section 4 that path validation does not demand are
 *       enforced only with {@link Builder#strictProfile(boolean) strictProfile(true)}: a CA's
 *       basicConstraints must be critical (else {@link ChainStatus#PROFILE}), and an end-entity
 *       certificate asserting keyCertSign must have {@code cA=TRUE} (else {@link
 *       ChainStatus#KEY_USAGE}).
 *   <li>No extendedKeyUsage is required of the leaf unless the caller asks with {@link
 *       Builder#requiredExtendedKeyUsages(String...)}; a leaf without the extension allows every
 *       purpose, as does anyExtendedKeyUsage.
 *   <li>Without trust anchors, a self-signed certificate from the pool ends a chain, and the chain
 *       says it is not {@link CertificateChain#anchored() anchored}. With anchors, such a chain is
 *       refused with {@link ChainStatus#UNTRUSTED_ROOT} unless {@link
 *       Builder#acceptUnanchored(boolean) acceptUnanchored(true)}.
 * </ul>
 *
 * <h2>How candidates are found, and which chain wins</h2>
 *
 * Anchors and pool are indexed by subject name (compared as RFC 5280 asks: {@link
 * javax.security.auth.x500.X500Principal} equality, which ignores case and insignificant white
 * space, not string equality) and by subject key identifier. A certificate's issuer candidates are
 * those whose subject equals its issuer name: anchors first, then those whose subject key
 * identifier equals its authority key identifier, then the newest. Key identifiers only order the
 * search: a signature check always decides (each link's signature is verified once and the result
 * cached). The search is depth-first; a route that meets the same certificate, or the same subject
 * with the same public key, twice is a loop and is dropped. When several valid chains exist, the
 * preferred one is chosen in this order: (1) valid at the given time (every returned chain is); (2)
 * anchored before unanchored; (3) fewer certificates; (4) the newest notBefore, comparing issuers
 * from the leaf upwards; (5) the smaller SHA-1 thumbprints, so the choice never depends on pool
 * order. {@link #resolveAll} returns every valid chain in that order.
 *
 * <h2>Bounded work</h2>
 *
 * One resolution spends at most {@code maxCandidates} units of work and builds chains of at most
 * {@code maxDepth} certificates (leaf and anchor included; see {@link Builder#budget(int, int)});
 * exceeding either without a chain gives {@link ChainStatus#BUDGET_EXCEEDED}, never a hang. Each
 * issuer candidate tried costs one unit, and a signature verified with a key that is slow to verify
 * with costs its weight: one unit per verification with a 4096-bit RSA key and exponent 65537 (a
 * 16,384-bit key costs 16). The algorithm policy bounds the cost of each verification.
 *
 * <p>A resolver is immutable and thread-safe: build it once and resolve from many threads. It keeps
 * a bounded cache of verified links between its certificates and from the leaves it resolved, so
 * resolving the same certificate again, or gathering {@link #issuingCaCertificates the CA
 * certificates of many users}, verifies no signature twice.
 */
public final class ChainResolver {
  /** Default work budget of one resolution, in issuer candidates of ordinary cost. */
  public static final int DEFAULT_MAX_CANDIDATES = 1_000;

  /** Default maximum chain length, leaf and anchor included. */
  public static final int DEFAULT_MAX_DEPTH = 16;

  private final List<X509Certificate> anchors;
  private final List<X509Certificate> intermediates;
  private final ChainOptions options;
  private final ChainEngine engine;
  private final @Nullable AiaFetcher fetcher;
  private final @Nullable SSLContext fetchTls;

  private ChainResolver(Builder b) {
    this.anchors = List.copyOf(b.anchors);
    this.intermediates = List.copyOf(b.intermediates);
    this.options =
        new ChainOptions(
            b.maxCandidates,
            b.maxDepth,
            b.checkAnchorConstraints,
            b.strictProfile,
            b.acceptUnanchored,
            Set.copyOf(b.requiredEku),
            b.algorithmPolicy);
    this.engine = new ChainEngine(anchors, intermediates, options);
    FetchOptions f = b.fetch;
    this.fetchTls = b.fetchTls;
    this.fetcher = f == null ? null : new AiaFetcher(f, b.fetchTls);
  }

  /** A builder with no anchors, an empty pool and the default policy and budget. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this resolver's anchors, pool, policy and budget. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.anchors.addAll(anchors);
    b.intermediates.addAll(intermediates);
    b.maxCandidates = options.maxCandidates();
    b.maxDepth = options.maxDepth();
    b.checkAnchorConstraints = options.checkAnchorConstraints();
    b.strictProfile = options.strictProfile();
    b.algorithmPolicy = options.algorithmPolicy();
    b.acceptUnanchored = options.acceptUnanchored();
    b.requiredEku.addAll(options.requiredEku());
    AiaFetcher f = fetcher;
    b.fetch = f == null ? null : f.options();
    b.fetchTls = fetchTls;
    return b;
  }

  /**
   * Finds the preferred valid chain for {@code leaf} at time {@code at}, or says why there is none.
   *
   * @param leaf the certificate to build a chain for (usually an end-entity certificate)
   * @param at the validation time
   * @return a result with at most one chain, or a diagnosis
   */
  public ChainResult resolve(X509Certificate leaf, Instant at) {
    return run(requireNonNull(leaf, "leaf"), requireNonNull(at, "at"), false);
  }

  /**
   * Finds every valid chain for {@code leaf} at time {@code at} (within the budget), preferred
   * first, or says why there is none.
   *
   * @param leaf the certificate to build chains for
   * @param at the validation time
   * @return a result with every valid chain found, or a diagnosis
   */
  public ChainResult resolveAll(X509Certificate leaf, Instant at) {
    return run(requireNonNull(leaf, "leaf"), requireNonNull(at, "at"), true);
  }

  private ChainResult run(X509Certificate leaf, Instant at, boolean all) {
    AiaFetcher f = fetcher;
    if (f == null) {
      return engine.resolve(leaf, at, all);
    }
    ChainEngine.Tracked first = engine.resolveTracked(leaf, at, all, Set.of());
    if (first.result().isValid()) {
      return first.result();
    }
    IssuerFetching.Outcome o =
        IssuerFetching.resolve(first, anchors, intermediates, options, f, leaf, at, all);
    ChainResult r = o.result();
    ChainDiagnosis d = r.diagnosis().orElse(null);
    ChainDiagnosis amended = null;
    if (d != null) {
      String reason = d.reason();
      if (!o.attempts().isEmpty()) {
        List<String> parts = new ArrayList<>();
        for (FetchAttempt a : o.attempts()) {
          parts.add(a.toString());
        }
        reason = reason + "; issuer fetching: " + String.join("; ", parts);
      }
      Optional<X509Certificate> blamed = d.certificate();
      amended =
          blamed.isPresent()
              ? new ChainDiagnosis(d.status(), reason, blamed.get())
              : new ChainDiagnosis(d.status(), reason);
    }
    return r.withFetches(o.attempts(), o.fetched(), amended);
  }

  /** The issuer-fetching options, when this resolver fetches missing issuers. */
  public Optional<FetchOptions> fetchOptions() {
    AiaFetcher f = fetcher;
    return f == null ? Optional.empty() : Optional.of(f.options());
  }

  /**
   * The CA certificates to upload for these users: resolves every user's certificate at time {@code
   * at} and gathers the CA certificates of each preferred chain, deduplicated, in a stable order
   * (what Exchange Online's issuing-CA store, {@code Set-SmimeConfig -SMIMECertificateIssuingCA},
   * needs). Users without a valid chain are listed with their diagnosis in {@link
   * IssuingCaCertificates#failed()}.
   *
   * <pre>{@code
   * IssuingCaCertificates cas = resolver.issuingCaCertificates(userCertificates, Instant.now());
   * cas.failed().forEach(r -> System.err.println(r.diagnosis().orElseThrow().reason()));
   * upload(cas.caCertificates());
   * }</pre>
   *
   * @param users the users' certificates (end-entity certificates), in any order; duplicates are
   *     resolved once
   * @param at the validation time
   * @return the CA certificates and the per-user results, in input order
   */
  public IssuingCaCertificates issuingCaCertificates(
      Collection<? extends X509Certificate> users, Instant at) {
    requireNonNull(users, "users");
    requireNonNull(at, "at");
    List<ChainResult> results = new ArrayList<>(users.size());
    for (X509Certificate user : users) {
      results.add(resolve(requireNonNull(user, "users contains null"), at));
    }
    return IssuingCaCertificates.of(results);
  }

  /**
   * The algorithm policy: which signature algorithms and keys are accepted.
   *
   * @return the policy
   */
  public AlgorithmPolicy algorithmPolicy() {
    return options.algorithmPolicy();
  }

  /** The trust anchors, deduplicated, in the order they were added. */
  public List<X509Certificate> trustAnchors() {
    return anchors;
  }

  /** The pool of untrusted candidate certificates, deduplicated, in the order they were added. */
  public List<X509Certificate> intermediates() {
    return intermediates;
  }

  /** The work budget of one resolution: one unit per issuer candidate tried, more for slow keys. */
  public int maxCandidates() {
    return options.maxCandidates();
  }

  /** The maximum chain length, leaf and anchor included. */
  public int maxDepth() {
    return options.maxDepth();
  }

  /** Builds a {@link ChainResolver}. Not thread-safe; every setter checks its argument at once. */
  public static final class Builder {
    private final Set<X509Certificate> anchors = new LinkedHashSet<>();
    private final Set<X509Certificate> intermediates = new LinkedHashSet<>();
    private final Set<String> requiredEku = new LinkedHashSet<>();
    private int maxCandidates = DEFAULT_MAX_CANDIDATES;
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private boolean checkAnchorConstraints = true;
    private boolean strictProfile;
    private AlgorithmPolicy algorithmPolicy = AlgorithmPolicy.defaults();
    private boolean acceptUnanchored;
    private @Nullable FetchOptions fetch;
    private @Nullable SSLContext fetchTls;

    private Builder() {}

    /**
     * Adds trust anchors. Any certificate may be an anchor, self-signed or not; a chain ends at the
     * first anchor it reaches.
     *
     * @param certificates the anchors to add
     * @return this builder
     */
    public Builder trustAnchors(Collection<? extends X509Certificate> certificates) {
      for (X509Certificate c : requireNonNull(certificates, "certificates")) {
        anchors.add(requireNonNull(c, "certificates contains null"));
      }
      return this;
    }

    /**
     * Adds trust anchors.
     *
     * @param certificates the anchors to add
     * @return this builder
     */
    public Builder trustAnchors(X509Certificate... certificates) {
      return trustAnchors(Arrays.asList(requireNonNull(certificates, "certificates")));
    }

    /**
     * Adds untrusted candidate certificates (intermediates, cross-signs, other roots) to the pool.
     * Their order does not matter.
     *
     * @param certificates the certificates to add
     * @return this builder
     */
    public Builder intermediates(Collection<? extends X509Certificate> certificates) {
      for (X509Certificate c : requireNonNull(certificates, "certificates")) {
        intermediates.add(requireNonNull(c, "certificates contains null"));
      }
      return this;
    }

    /**
     * Adds untrusted candidate certificates to the pool.
     *
     * @param certificates the certificates to add
     * @return this builder
     */
    public Builder intermediates(X509Certificate... certificates) {
      return intermediates(Arrays.asList(requireNonNull(certificates, "certificates")));
    }

    /**
     * Adds every certificate of a loaded pool as an untrusted candidate.
     *
     * @param pool the pool
     * @return this builder
     */
    public Builder pool(CertificatePool pool) {
      return intermediates(requireNonNull(pool, "pool").certificates());
    }

    /**
     * Sets the work budget of one resolution.
     *
     * @param maxCandidates the work budget: one unit per issuer candidate tried (a signature check
     *     or a cached look-up), more for a signature checked with a key that is slow to verify
     *     with; at least 1; default {@value ChainResolver#DEFAULT_MAX_CANDIDATES}
     * @param maxDepth the longest chain, leaf and anchor included, at least 1; default {@value
     *     ChainResolver#DEFAULT_MAX_DEPTH}
     * @return this builder
     */
    public Builder budget(int maxCandidates, int maxDepth) {
      if (maxCandidates < 1) {
        throw new IllegalArgumentException("maxCandidates < 1: " + maxCandidates);
      }
      if (maxDepth < 1) {
        throw new IllegalArgumentException("maxDepth < 1: " + maxDepth);
      }
      this.maxCandidates = maxCandidates;
      this.maxDepth = maxDepth;
      return this;
    }

    /**
     * Whether trust anchor certificates are checked too: their validity, basicConstraints and
     * keyUsage when present, name constraints and critical extensions. Default true (OpenSSL and
     * Windows behaviour); false treats an anchor as a name and a key only (JDK PKIX behaviour).
     *
     * @param check whether to check anchors
     * @return this builder
     */
    public Builder checkAnchorConstraints(boolean check) {
      this.checkAnchorConstraints = check;
      return this;
    }

    /**
     * Whether to enforce certificate-profile rules of RFC 5280 section 4 that path validation does
     * not demand: CA basicConstraints must be critical, and an end-entity certificate asserting
     * keyCertSign must be a CA. Default false.
     *
     * @param strict whether to enforce the profile rules
     * @return this builder
     */
    public Builder strictProfile(boolean strict) {
      this.strictProfile = strict;
      return this;
    }

    /**
     * The algorithm policy: which signature algorithms are refused or warned about, and which RSA
     * keys are too costly to verify with. Pass the same value to {@link
     * SmimeFitness.Builder#algorithmPolicy(AlgorithmPolicy)} so both agree. Default {@link
     * AlgorithmPolicy#defaults()}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder algorithmPolicy(AlgorithmPolicy policy) {
      this.algorithmPolicy = requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Whether, with trust anchors configured, a chain ending in a self-signed pool certificate that
     * is not an anchor is returned (not {@link CertificateChain#anchored() anchored}, ranked after
     * every anchored chain) instead of being refused with {@link ChainStatus#UNTRUSTED_ROOT}.
     * Default false. Without anchors such chains are always returned.
     *
     * @param accept whether to accept unanchored chains
     * @return this builder
     */
    public Builder acceptUnanchored(boolean accept) {
      this.acceptUnanchored = accept;
      return this;
    }

    /**
     * Requires the leaf's extendedKeyUsage to allow one of these purposes (dotted OIDs, e.g. {@code
     * 1.3.6.1.5.5.7.3.4} for emailProtection). A leaf without extendedKeyUsage, or with
     * anyExtendedKeyUsage, allows every purpose. Default: nothing required. Replaces earlier calls.
     *
     * @param oids the acceptable purposes; none to require nothing
     * @return this builder
     */
    public Builder requiredExtendedKeyUsages(String... oids) {
      requireNonNull(oids, "oids");
      List<String> checked = new ArrayList<>();
      for (String oid : oids) {
        requireNonNull(oid, "oids contains null");
        if (!oid.matches("[0-2](\\.(0|[1-9][0-9]*))+")) {
          throw new IllegalArgumentException("not a dotted OID: " + oid);
        }
        checked.add(oid);
      }
      requiredEku.clear();
      requiredEku.addAll(checked);
      return this;
    }

    /**
     * Fetches missing issuers from caIssuers URLs (authority information access), bounded as the
     * options say. Default: no fetching, no network access.
     *
     * @param options the bounds, cache directory and mode
     * @return this builder
     */
    public Builder fetch(FetchOptions options) {
      this.fetch = requireNonNull(options, "options");
      return this;
    }

    /**
     * Test hook: the TLS context {@code https} caIssuers URLs are fetched with, so a test can trust
     * its loopback server's certificate (the server certificate is still verified, host name
     * included). Default: the JDK's default context.
     */
    Builder fetchTls(SSLContext tls) {
      this.fetchTls = requireNonNull(tls, "tls");
      return this;
    }

    /**
     * Turns issuer fetching off (the default).
     *
     * @return this builder
     */
    public Builder noFetch() {
      this.fetch = null;
      return this;
    }

    /**
     * Builds the resolver, indexing anchors and pool. A certificate given both as an anchor and in
     * the pool is an anchor.
     *
     * @return an immutable, thread-safe resolver
     */
    public ChainResolver build() {
      return new ChainResolver(this);
    }
  }
}
