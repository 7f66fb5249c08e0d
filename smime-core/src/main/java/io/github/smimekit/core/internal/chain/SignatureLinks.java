package io.github.smimekit.core.internal.chain;

import io.github.smimekit.core.AlgorithmPolicy;
import io.github.smimekit.core.internal.Providers;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
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
 *
 * <p>ECDSA signatures are verified with Bouncy Castle, whose verification is several times faster
 * than the JDK 17 one, with each anchor's or pool certificate's key translated once per resolver
 * (so the precomputation on its point is reused from leaf to leaf); other algorithms, and EC when
 * Bouncy Castle lacks the algorithm, use the JDK.
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
  private static final int EC_KEY_LIMIT = 4_096;

  /** A link between two certificates of the resolver; CertInfo compares by identity. */
  private record Link(CertInfo subject, CertInfo issuer) {}

  /** A link from a leaf (compared by encoding) to a certificate of the resolver. */
  private record LeafLink(X509Certificate subject, CertInfo issuer) {}

  private final AlgorithmPolicy policy;
  private final ConcurrentHashMap<Link, Sig> shared = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<LeafLink, Sig> leaves = new ConcurrentHashMap<>();

  /**
   * EC keys of the resolver's certificates as Bouncy Castle keys; CertInfo compares by identity.
   */
  private final ConcurrentHashMap<CertInfo, PublicKey> ecKeys = new ConcurrentHashMap<>();

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
    Sig result = doVerify(subject.cert, verifier(issuer));
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

  /** {@code issuer}'s key, as a Bouncy Castle key (translated once) when it is a shared EC key. */
  private @Nullable PublicKey verifier(CertInfo issuer) {
    PublicKey key = issuer.key();
    if (!(key instanceof ECPublicKey) || !issuer.shared) {
      return key;
    }
    PublicKey translated = ecKeys.get(issuer);
    if (translated == null) {
      translated = translate(key);
      if (ecKeys.size() < EC_KEY_LIMIT) {
        ecKeys.putIfAbsent(issuer, translated);
      }
    }
    return translated;
  }

  /** {@code key} as a Bouncy Castle EC key, or {@code key} itself when it does not translate. */
  private static PublicKey translate(PublicKey key) {
    try {
      return (PublicKey) KeyFactory.getInstance("EC", Providers.bc()).translateKey(key);
    } catch (GeneralSecurityException | RuntimeException e) {
      return key;
    }
  }

  static Sig doVerify(X509Certificate subject, @Nullable PublicKey key) {
    if (key == null) {
      return Sig.REFUSED;
    }
    if (key instanceof ECPublicKey) {
      try {
        subject.verify(key, Providers.bc());
        return Sig.OK;
      } catch (NoSuchAlgorithmException e) {
        // Bouncy Castle lacks this signature algorithm: the JDK below decides.
      } catch (GeneralSecurityException | RuntimeException e) {
        return Sig.BAD;
      }
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
