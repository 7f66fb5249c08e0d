package io.github.smimekit.core.internal.chain;

import io.github.smimekit.core.AlgorithmPolicy;
import io.github.smimekit.core.internal.Providers;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Verifies that an issuer candidate's key signed a certificate, and remembers the answer for the
 * life of a resolver: links between its anchors and pool certificates, and links from the leaves it
 * resolved (a leaf is recognised by its encoding, so resolving the same user again, or once per
 * call that gathers many users' CA certificates, verifies nothing twice). Both caches are bounded
 * and thread-safe; once full they stop growing and later links are verified afresh.
 *
 * <p>A key the {@link AlgorithmPolicy} refuses (an absurd RSA exponent or modulus) is never used:
 * the check looks at the key's lengths only, so its cost is bounded whatever the pool holds.
 */
final class SignatureLinks {
  /** The outcome of one check. */
  enum Sig {
    OK,
    BAD,
    UNSUPPORTED,
    /** The issuer's key is refused by the algorithm policy; nothing was verified. */
    REFUSED
  }

  private static final int SHARED_LIMIT = 262_144;
  private static final int LEAF_LIMIT = 65_536;

  /** A link between two certificates of the resolver; CertInfo compares by identity. */
  private record Link(CertInfo subject, CertInfo issuer) {}

  /** A link from a leaf (compared by encoding) to a certificate of the resolver. */
  private record LeafLink(X509Certificate subject, CertInfo issuer) {}

  private final AlgorithmPolicy policy;
  private final ConcurrentHashMap<Link, Sig> shared = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<LeafLink, Sig> leaves = new ConcurrentHashMap<>();

  SignatureLinks(AlgorithmPolicy policy) {
    this.policy = policy;
  }

  /** The remembered outcome of {@code issuer} signing {@code subject}, or null. */
  @Nullable Sig cached(CertInfo subject, CertInfo issuer) {
    if (!issuer.shared) {
      return null;
    }
    return subject.shared
        ? shared.get(new Link(subject, issuer))
        : leaves.get(new LeafLink(subject.cert, issuer));
  }

  /** Whether {@code issuer}'s key signed {@code subject}; cached when both can be remembered. */
  Sig verify(CertInfo subject, CertInfo issuer) {
    Sig cached = cached(subject, issuer);
    if (cached != null) {
      return cached;
    }
    if (issuer.keyVerdict(policy).problem() != null) {
      return Sig.REFUSED;
    }
    Sig result = doVerify(subject.cert, issuer.key());
    if (issuer.shared) {
      if (subject.shared) {
        if (shared.size() < SHARED_LIMIT) {
          shared.put(new Link(subject, issuer), result);
        }
      } else if (leaves.size() < LEAF_LIMIT) {
        leaves.put(new LeafLink(subject.cert, issuer), result);
      }
    }
    return result;
  }

  /**
   * Whether {@code key}, the key of {@code issuer} completed with inherited DSA domain parameters,
   * signed {@code subject}; cached like {@link #verify(CertInfo, CertInfo)} (the inherited
   * parameters of a resolver's certificate are always the same).
   */
  Sig verifyWith(CertInfo subject, CertInfo issuer, PublicKey key) {
    Sig cached = cached(subject, issuer);
    if (cached != null) {
      return cached;
    }
    Sig result = doVerify(subject.cert, key);
    if (issuer.shared) {
      if (subject.shared) {
        if (shared.size() < SHARED_LIMIT) {
          shared.put(new Link(subject, issuer), result);
        }
      } else if (leaves.size() < LEAF_LIMIT) {
        leaves.put(new LeafLink(subject.cert, issuer), result);
      }
    }
    return result;
  }

  static Sig doVerify(X509Certificate subject, @Nullable PublicKey key) {
    if (key == null) {
      return Sig.REFUSED;
    }
    try {
      subject.verify(key);
      return Sig.OK;
    } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
      try {
        subject.verify(key, Providers.bc());
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
}
