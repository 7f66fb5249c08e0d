package io.github.smimekit.core.internal;

import io.github.smimekit.core.AlgorithmPolicy;
import io.github.smimekit.core.internal.cert.CertificateFields;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link AlgorithmPolicy} says about a certificate's signature algorithm and about a public
 * key used to verify signatures. The one table of weak algorithms, used by the fitness rules and by
 * chain building alike.
 */
public final class AlgorithmRules {
  /** Signature algorithms with a broken digest, by OID, with their names. */
  private static final Map<String, String> BROKEN =
      Map.of(
          "1.2.840.113549.1.1.2", "MD2withRSA",
          "1.2.840.113549.1.1.3", "MD4withRSA",
          "1.2.840.113549.1.1.4", "MD5withRSA",
          "1.3.14.3.2.3", "MD5withRSA",
          "1.3.14.3.2.25", "MD2withRSA");

  private static final Set<String> SHA1 =
      Set.of(
          "1.2.840.113549.1.1.5", // sha1WithRSAEncryption
          "1.3.14.3.2.29", // sha1WithRSASignature (OIW)
          "1.2.840.10045.4.1", // ecdsa-with-SHA1
          "1.2.840.10040.4.3", // dsa-with-sha1
          "1.3.14.3.2.27"); // dsaWithSHA1 (OIW)

  private static final Set<String> DSA =
      Set.of(
          "1.2.840.10040.4.3",
          "1.3.14.3.2.27",
          "2.16.840.1.101.3.4.3.1",
          "2.16.840.1.101.3.4.3.2",
          "2.16.840.1.101.3.4.3.3",
          "2.16.840.1.101.3.4.3.4");

  private static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
  private static final String SHA1_DIGEST = "1.3.14.3.2.26";
  private static final Map<String, String> BROKEN_DIGESTS =
      Map.of("1.2.840.113549.2.5", "md5", "1.2.840.113549.2.2", "md2", "1.2.840.113549.2.4", "md4");

  private AlgorithmRules() {}

  /** How a policy treats one signature. */
  public enum Verdict {
    /** Accepted without remark. */
    ACCEPTED,
    /** Accepted, with a warning: SHA-1. */
    WEAK,
    /** Refused whatever the policy: a broken digest. */
    BROKEN,
    /** Refused by this policy (SHA-1 or DSA switched off). */
    DISALLOWED
  }

  /**
   * The policy's verdict on a certificate's signature.
   *
   * @param verdict what the policy says
   * @param algorithm the algorithm for messages, e.g. {@code "MD5withRSA (1.2.840.113549.1.1.4)"}
   *     or {@code "RSASSA-PSS using sha-1 (1.2.840.113549.1.1.10)"}
   * @param reason why it is weak or refused, a lower-case fragment; empty when accepted
   */
  public record Signature(Verdict verdict, String algorithm, String reason) {}

  /**
   * Classifies the algorithm {@code c} is signed with.
   *
   * @param c the certificate
   * @param policy the policy
   * @return the verdict
   */
  public static Signature signature(X509Certificate c, AlgorithmPolicy policy) {
    String oid = c.getSigAlgOID();
    String broken = BROKEN.get(oid);
    if (broken != null) {
      return new Signature(
          Verdict.BROKEN, broken + " (" + oid + ")", "a broken digest, never accepted");
    }
    boolean sha1 = SHA1.contains(oid);
    String name = c.getSigAlgName() + " (" + oid + ")";
    if (RSASSA_PSS.equals(oid)) {
      String hash = CertificateFields.pssHashOid(c);
      String brokenHash = hash == null ? null : BROKEN_DIGESTS.get(hash);
      if (brokenHash != null) {
        return new Signature(
            Verdict.BROKEN,
            "RSASSA-PSS using " + brokenHash + " (" + oid + ")",
            "a broken digest, never accepted");
      }
      if (SHA1_DIGEST.equals(hash)) {
        sha1 = true;
        name = "RSASSA-PSS using sha-1 (" + oid + ")";
      }
    }
    if (sha1 && !policy.allowSha1()) {
      return new Signature(
          Verdict.DISALLOWED, name, "SHA-1 signatures are refused by the algorithm policy");
    }
    if (DSA.contains(oid) && !policy.allowDsa()) {
      return new Signature(
          Verdict.DISALLOWED, name, "DSA signatures are refused by the algorithm policy");
    }
    if (sha1) {
      return new Signature(
          Verdict.WEAK, name, "SHA-1 is deprecated and refused by more and more clients");
    }
    return new Signature(Verdict.ACCEPTED, name, "");
  }

  /**
   * Why the policy refuses to verify signatures with {@code key}, or null when it accepts the key.
   * Only the lengths are looked at, so this is cheap whatever the key.
   *
   * @param key a public key that would verify a signature
   * @param policy the policy
   * @return a lower-case fragment such as {@code "an RSA public exponent of 3071 bits, more than
   *     the algorithm policy's limit of 256"}, or null
   */
  public static @Nullable String keyProblem(PublicKey key, AlgorithmPolicy policy) {
    if (key instanceof RSAKey rsa) {
      int modulusBits = rsa.getModulus().bitLength();
      if (modulusBits > policy.maxRsaModulusBits()) {
        return "an RSA modulus of "
            + modulusBits
            + " bits, more than the algorithm policy's limit of "
            + policy.maxRsaModulusBits();
      }
      if (key instanceof RSAPublicKey pub) {
        int exponentBits = pub.getPublicExponent().bitLength();
        if (exponentBits > policy.maxRsaPublicExponentBits()) {
          return "an RSA public exponent of "
              + exponentBits
              + " bits, more than the algorithm policy's limit of "
              + policy.maxRsaPublicExponentBits();
        }
      }
    }
    return null;
  }

  /**
   * The cost of verifying one signature with {@code key}, in units of one verification with a
   * 4096-bit RSA key and exponent 65537 (at least 1): RSA verification time grows with the
   * exponent's length and about the square of the modulus' length. Keys other than RSA cost 1.
   *
   * @param key a public key the policy accepts
   * @return the cost, at least 1
   */
  public static int verificationCost(PublicKey key) {
    if (key instanceof RSAPublicKey pub) {
      long m = pub.getModulus().bitLength();
      long e = Math.max(17, pub.getPublicExponent().bitLength());
      long cost = (m * m * e + (4096L * 4096 * 17 - 1)) / (4096L * 4096 * 17);
      return (int) Math.max(1, Math.min(Integer.MAX_VALUE, cost));
    }
    return 1;
  }
}
