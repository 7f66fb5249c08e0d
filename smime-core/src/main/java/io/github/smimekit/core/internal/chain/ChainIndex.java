package io.github.smimekit.core.internal.chain;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * The anchors and pool of a resolver, indexed by subject name (RFC 5280 name comparison: {@link
 * X500Principal} equality) and, for crowded names, by subject key identifier; and the order in
 * which a certificate's issuer candidates are offered. Immutable after construction apart from the
 * lazily built key-identifier groups, which are thread-safe.
 */
final class ChainIndex {
  /** Newest notBefore first, then the smaller thumbprint, so the order never depends on input. */
  static final Comparator<CertInfo> NEWEST_FIRST =
      Comparator.comparing((CertInfo c) -> c.notBefore, Comparator.reverseOrder())
          .thenComparing(c -> c.sha1());

  /**
   * Above this many certificates of one subject, key-identifier matches are looked up, not scanned.
   */
  private static final int SCAN_LIMIT = 16;

  private final Map<X509Certificate, CertInfo> shared = new HashMap<>();
  private final Map<X500Principal, List<CertInfo>> anchorsBySubject = new HashMap<>();
  private final Map<X500Principal, List<CertInfo>> poolBySubject = new HashMap<>();

  /** Pool certificates of one crowded subject grouped by subject key identifier, built lazily. */
  private final ConcurrentHashMap<X500Principal, Map<String, List<CertInfo>>> bySubjectAndKeyId =
      new ConcurrentHashMap<>();

  private final int anchorCount;
  private final int poolCount;

  /**
   * Indexes anchors and pool; a certificate given as both is an anchor.
   *
   * @param anchors trust anchors
   * @param pool untrusted candidates
   */
  ChainIndex(List<X509Certificate> anchors, List<X509Certificate> pool) {
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

  int anchorCount() {
    return anchorCount;
  }

  int poolCount() {
    return poolCount;
  }

  /** The resolver's own record of {@code cert}, or a fresh one for one resolution. */
  CertInfo info(X509Certificate cert) {
    CertInfo known = shared.get(cert);
    return known != null ? known : CertInfo.of(cert);
  }

  /** Whether any anchor or pool certificate has the subject {@code name}. */
  boolean hasSubject(X500Principal name) {
    return anchorsBySubject.containsKey(name) || poolBySubject.containsKey(name);
  }

  /**
   * Offers the issuer candidates of {@code top} in order: anchors (authority key identifier matches
   * first, then newest), pool certificates whose subject key identifier matches, then the rest of
   * the pool, newest first. Nothing is materialised beyond the index lists.
   *
   * @param top the certificate whose issuer is looked for
   * @param visit called for each candidate; returns false to stop
   * @return false when {@code visit} stopped the iteration
   */
  boolean forEachCandidate(CertInfo top, Predicate<CertInfo> visit) {
    List<CertInfo> anchorCands = anchorsBySubject.getOrDefault(top.issuer, List.of());
    List<CertInfo> poolCands = poolBySubject.getOrDefault(top.issuer, List.of());
    String aki = top.aki();
    if (anchorCands.size() > 1) {
      anchorCands = new ArrayList<>(anchorCands);
      anchorCands.sort(
          Comparator.comparing((CertInfo c) -> aki == null || !aki.equals(c.ski()))
              .thenComparing(NEWEST_FIRST));
    }
    for (CertInfo c : anchorCands) {
      if (!visit.test(c)) {
        return false;
      }
    }
    if (aki != null) {
      for (CertInfo c : keyIdMatches(top.issuer, poolCands, aki)) {
        if (!visit.test(c)) {
          return false;
        }
      }
    }
    for (CertInfo c : poolCands) {
      if (aki != null && aki.equals(c.ski())) {
        continue; // offered above
      }
      if (!visit.test(c)) {
        return false;
      }
    }
    return true;
  }

  private List<CertInfo> keyIdMatches(X500Principal subject, List<CertInfo> cands, String aki) {
    if (cands.size() <= SCAN_LIMIT) {
      List<CertInfo> out = new ArrayList<>(2);
      for (CertInfo c : cands) {
        if (aki.equals(c.ski())) {
          out.add(c);
        }
      }
      return out;
    }
    return bySubjectAndKeyId
        .computeIfAbsent(subject, k -> groupByKeyId(cands))
        .getOrDefault(aki, List.of());
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

  /** The newest anchor or pool certificate with subject key identifier {@code keyId}, if any. */
  @Nullable CertInfo withKeyIdentifier(String keyId) {
    return shared.values().stream()
        .filter(c -> keyId.equals(c.ski()))
        .min(NEWEST_FIRST)
        .orElse(null);
  }
}
