package io.github.smimekit.core.internal.chain;

import io.github.smimekit.core.ChainResult;
import io.github.smimekit.core.FetchAttempt;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * Chain building with missing issuers fetched: resolve; when no chain is found, fetch the caIssuers
 * URLs of every certificate on a route from the leaf (by name) whose issuer name nobody on offer
 * has, add what they hold to the pool, and resolve again; repeated level by level until a chain is
 * found, nothing new arrives, or a fetch bound is reached. Fetched certificates are untrusted pool
 * candidates, so every check applies to them.
 */
public final class IssuerFetching {
  /** The most certificates looked at when walking names upwards from the leaf. */
  private static final int WALK_LIMIT = 10_000;

  /**
   * The outcome of a fetching resolution.
   *
   * @param result the chain result of the last resolution
   * @param attempts every URL tried, in order
   * @param fetched the certificates fetched, deduplicated, in order
   */
  public record Outcome(
      ChainResult result, List<FetchAttempt> attempts, List<X509Certificate> fetched) {
    /** Copies the lists. */
    public Outcome {
      attempts = List.copyOf(attempts);
      fetched = List.copyOf(fetched);
    }
  }

  private IssuerFetching() {}

  /**
   * Resolves {@code leaf}, fetching missing issuers when the first attempt finds no chain.
   *
   * @param first the result of {@code engine} for {@code leaf}, not valid
   * @param anchors the resolver's anchors
   * @param pool the resolver's pool
   * @param options the resolver's policy
   * @param fetcher the fetcher
   * @param leaf the certificate
   * @param at the validation time
   * @param all whether every chain is wanted
   * @return the result and what was fetched
   */
  public static Outcome resolve(
      ChainResult first,
      List<X509Certificate> anchors,
      List<X509Certificate> pool,
      ChainOptions options,
      AiaFetcher fetcher,
      X509Certificate leaf,
      Instant at,
      boolean all) {
    AiaFetcher.Session session = fetcher.session();
    Set<X509Certificate> known = new HashSet<>(anchors);
    known.addAll(pool);
    LinkedHashSet<X509Certificate> fetched = new LinkedHashSet<>();
    ChainResult result = first;
    while (!result.isValid()) {
      List<String> urls = missingIssuerUrls(leaf, anchors, pool, fetched, session);
      if (urls.isEmpty()) {
        break;
      }
      boolean added = false;
      for (String url : urls) {
        for (X509Certificate c : session.fetch(url)) {
          if (!known.contains(c) && !c.equals(leaf) && fetched.add(c)) {
            added = true;
          }
        }
      }
      if (!added) {
        break;
      }
      List<X509Certificate> extended = new ArrayList<>(pool);
      extended.addAll(fetched);
      result = new ChainEngine(anchors, extended, options).resolve(leaf, at, all);
    }
    return new Outcome(result, session.attempts(), new ArrayList<>(fetched));
  }

  /**
   * The caIssuers URLs not yet tried of every certificate reachable from {@code leaf} by names
   * (leaf, then pool and fetched certificates named as issuers) whose issuer name nobody has.
   */
  static List<String> missingIssuerUrls(
      X509Certificate leaf,
      List<X509Certificate> anchors,
      List<X509Certificate> pool,
      Set<X509Certificate> fetched,
      AiaFetcher.Session session) {
    Set<X500Principal> anchorNames = new HashSet<>();
    for (X509Certificate a : anchors) {
      anchorNames.add(a.getSubjectX500Principal());
    }
    Map<X500Principal, List<X509Certificate>> bySubject = new HashMap<>();
    for (X509Certificate c : pool) {
      bySubject.computeIfAbsent(c.getSubjectX500Principal(), k -> new ArrayList<>()).add(c);
    }
    for (X509Certificate c : fetched) {
      bySubject.computeIfAbsent(c.getSubjectX500Principal(), k -> new ArrayList<>()).add(c);
    }
    Set<String> urls = new LinkedHashSet<>();
    Deque<X509Certificate> todo = new ArrayDeque<>();
    Set<X509Certificate> seen = new HashSet<>();
    todo.add(leaf);
    seen.add(leaf);
    int walked = 0;
    while (!todo.isEmpty() && walked++ < WALK_LIMIT) {
      X509Certificate c = todo.poll();
      X500Principal issuer = c.getIssuerX500Principal();
      if (issuer.equals(c.getSubjectX500Principal()) || anchorNames.contains(issuer)) {
        continue;
      }
      List<X509Certificate> issuers = bySubject.get(issuer);
      if (issuers == null) {
        for (String url : CertInfo.of(c).caIssuerUrls()) {
          if (!session.tried(url)) {
            urls.add(url);
          }
        }
        continue;
      }
      for (X509Certificate i : issuers) {
        if (seen.add(i)) {
          todo.add(i);
        }
      }
    }
    return new ArrayList<>(urls);
  }
}
