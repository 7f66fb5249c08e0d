package io.github.smimekit.core.internal.chain;

import io.github.smimekit.core.ChainResult;
import io.github.smimekit.core.FetchAttempt;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chain building with missing issuers fetched: resolve; when no chain is found, fetch the caIssuers
 * URLs of every certificate on a route from the leaf that found no working issuer (none with the
 * issuer's name on offer, or only some that fail: expired, another key, not a CA...), add what they
 * hold to the pool, and resolve again; repeated level by level until a chain is found, nothing new
 * arrives, or a fetch bound is reached. Fetched certificates are untrusted pool candidates, so
 * every check applies to them; a working one wins over a failing same-named pool certificate
 * because only valid chains are returned, and when both fail the diagnosis names both.
 */
public final class IssuerFetching {
  /**
   * The outcome of a fetching resolution.
   *
   * @param result the chain result of the last resolution
   * @param attempts every URL tried, in order
   * @param fetched the certificates fetched, deduplicated, in order, each with the URL whose answer
   *     first held it
   */
  public record Outcome(
      ChainResult result, List<FetchAttempt> attempts, Map<X509Certificate, String> fetched) {
    /** Copies the list and the map (keeping its order). */
    public Outcome {
      attempts = List.copyOf(attempts);
      fetched = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fetched));
    }
  }

  private IssuerFetching() {}

  /**
   * Resolves {@code leaf}, fetching issuers when the first attempt finds no chain.
   *
   * @param first the tracked result of the resolver's engine for {@code leaf}, not valid
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
      ChainEngine.Tracked first,
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
    LinkedHashMap<X509Certificate, String> fetched = new LinkedHashMap<>();
    ChainEngine.Tracked tracked = first;
    while (!tracked.result().isValid()) {
      List<String> urls = urlsToFetch(tracked.stuck(), session);
      if (urls.isEmpty()) {
        break;
      }
      boolean added = false;
      for (String url : urls) {
        for (X509Certificate c : session.fetch(url)) {
          if (!known.contains(c) && !c.equals(leaf) && !fetched.containsKey(c)) {
            fetched.put(c, url);
            added = true;
          }
        }
      }
      if (!added) {
        break;
      }
      List<X509Certificate> extended = new ArrayList<>(pool);
      extended.addAll(fetched.keySet());
      tracked =
          new ChainEngine(anchors, extended, options)
              .resolveTracked(leaf, at, all, new HashSet<>(fetched.keySet()));
    }
    return new Outcome(tracked.result(), session.attempts(), fetched);
  }

  /** The caIssuers URLs, not yet tried, of the certificates that found no working issuer. */
  static List<String> urlsToFetch(List<X509Certificate> stuck, AiaFetcher.Session session) {
    Set<String> urls = new LinkedHashSet<>();
    for (X509Certificate c : stuck) {
      for (String url : CertInfo.of(c).caIssuerUrls()) {
        if (!session.tried(url)) {
          urls.add(url);
        }
      }
    }
    return new ArrayList<>(urls);
  }
}
