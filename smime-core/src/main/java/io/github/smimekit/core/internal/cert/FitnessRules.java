package io.github.smimekit.core.internal.cert;

import io.github.smimekit.core.AlgorithmPolicy;
import io.github.smimekit.core.Finding;
import io.github.smimekit.core.FindingCode;
import io.github.smimekit.core.Purpose;
import io.github.smimekit.core.SmimeFormatException;
import io.github.smimekit.core.internal.AlgorithmRules;
import io.github.smimekit.core.internal.Providers;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The S/MIME fitness rules (exchange-online.md 3.2 and 3.4). */
public final class FitnessRules {
  static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
  static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

  private static final int KU_DIGITAL_SIGNATURE = 0;
  private static final int KU_NON_REPUDIATION = 1;
  private static final int KU_KEY_ENCIPHERMENT = 2;
  private static final int KU_KEY_AGREEMENT = 4;

  private FitnessRules() {}

  /** Runs every rule with the default algorithm policy; findings in {@link FindingCode} order. */
  public static List<Finding> check(
      X509Certificate c,
      @Nullable String expectedEmail,
      Purpose purpose,
      Instant at,
      Duration expiringWithin,
      int minimumRsaBits) {
    return check(
        c, expectedEmail, purpose, at, expiringWithin, minimumRsaBits, AlgorithmPolicy.defaults());
  }

  /** Runs every rule; findings sorted by {@link FindingCode} order. */
  public static List<Finding> check(
      X509Certificate c,
      @Nullable String expectedEmail,
      Purpose purpose,
      Instant at,
      Duration expiringWithin,
      int minimumRsaBits,
      AlgorithmPolicy policy) {
    List<Finding> out = new ArrayList<>();
    validity(c, at, expiringWithin, out);
    boolean ca = c.getBasicConstraints() >= 0;
    if (ca) {
      int path = c.getBasicConstraints();
      add(
          out,
          FindingCode.CA_CERTIFICATE,
          "a CA certificate (basicConstraints cA=true"
              + (path == Integer.MAX_VALUE ? "" : ", pathLen " + path)
              + ") cannot be a user's certificate");
    } else if (isSelfSigned(c)) {
      add(
          out,
          FindingCode.SELF_SIGNED,
          "self-signed (issuer = subject '"
              + KeyDescriptions.displayName(c.getSubjectX500Principal())
              + "'): every recipient must trust this certificate itself");
    }
    email(c, expectedEmail, out);
    extendedKeyUsage(c, out);
    PublicKey key = publicKey(c, out);
    if (key != null) {
      keyAlgorithmAndUsage(c, key, purpose, minimumRsaBits, out);
    }
    signatureAlgorithm(c, policy, out);
    profile(c, out);
    out.sort(Comparator.comparing(Finding::code)); // stable: keeps rule order within one code
    return List.copyOf(out);
  }

  private static void add(List<Finding> out, FindingCode code, String message) {
    out.add(new Finding(code, code.severity(), message));
  }

  private static void validity(
      X509Certificate c, Instant at, Duration expiringWithin, List<Finding> out) {
    Instant notBefore = c.getNotBefore().toInstant();
    Instant notAfter = c.getNotAfter().toInstant();
    if (at.isBefore(notBefore)) {
      add(
          out,
          FindingCode.NOT_YET_VALID,
          "not valid before " + notBefore + " (checked at " + at + ")");
    }
    if (at.isAfter(notAfter)) {
      add(out, FindingCode.EXPIRED, "expired at " + notAfter + " (checked at " + at + ")");
    } else if (!expiringWithin.isZero() && !at.plus(expiringWithin).isBefore(notAfter)) {
      long days = Duration.between(at, notAfter).toDays();
      add(
          out,
          FindingCode.EXPIRING_SOON,
          "expires at "
              + notAfter
              + ", in "
              + days
              + (days == 1 ? " day" : " days")
              + " (warning period "
              + expiringWithin.toDays()
              + " days, checked at "
              + at
              + ")");
    }
  }

  private static boolean isSelfSigned(X509Certificate c) {
    if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
      return false;
    }
    PublicKey key = null;
    try {
      key = c.getPublicKey();
      c.verify(key);
      return true;
    } catch (NoSuchAlgorithmException e) {
      try {
        c.verify(key, Providers.bc());
        return true;
      } catch (GeneralSecurityException | RuntimeException e2) {
        return false;
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      return false; // self-issued (same name) but signed by another key
    }
  }

  private static void email(X509Certificate c, @Nullable String expected, List<Finding> out) {
    List<String> all = CertificateFields.emailAddresses(c);
    if (all.isEmpty()) {
      add(
          out,
          FindingCode.NO_EMAIL,
          "no e-mail address in the certificate (no subjectAltName rfc822Name, no subject E=)");
      return;
    }
    if (expected == null) {
      return;
    }
    String want = expected.toLowerCase(Locale.ROOT);
    if (all.get(0).toLowerCase(Locale.ROOT).equals(want)) {
      return;
    }
    for (int i = 1; i < all.size(); i++) {
      if (all.get(i).toLowerCase(Locale.ROOT).equals(want)) {
        add(
            out,
            FindingCode.EMAIL_NOT_PRIMARY,
            expected
                + " is address #"
                + (i + 1)
                + " of the certificate; outlook on the web matches only the first, "
                + all.get(0));
        return;
      }
    }
    add(
        out,
        FindingCode.EMAIL_MISMATCH,
        "certificate address"
            + (all.size() == 1 ? " " : "es ")
            + all
            + " do not include "
            + expected);
  }

  private static void extendedKeyUsage(X509Certificate c, List<Finding> out) {
    List<String> eku;
    try {
      eku = c.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      throw new SmimeFormatException(
          "certificate '"
              + KeyDescriptions.displayName(c.getSubjectX500Principal())
              + "': malformed extendedKeyUsage extension",
          e);
    }
    if (eku == null) {
      add(
          out,
          FindingCode.NO_EXTENDED_KEY_USAGE,
          "no extendedKeyUsage extension: outlook selects certificates with emailProtection ("
              + EMAIL_PROTECTION
              + ")");
      return;
    }
    if (!eku.contains(EMAIL_PROTECTION)) {
      add(
          out,
          FindingCode.NO_EMAIL_PROTECTION,
          "extendedKeyUsage "
              + eku
              + " lacks emailProtection ("
              + EMAIL_PROTECTION
              + ")"
              + (eku.contains(ANY_EXTENDED_KEY_USAGE)
                  ? "; anyExtendedKeyUsage (" + ANY_EXTENDED_KEY_USAGE + ") is not enough"
                  : ""));
    }
  }

  private enum KeyKind {
    RSA(true, true),
    RSA_PSS(true, false),
    EC(true, true),
    XDH(false, true),
    SIGN_ONLY(true, false), // DSA, EdDSA
    UNKNOWN(false, false);

    final boolean signs;
    final boolean encrypts;

    KeyKind(boolean signs, boolean encrypts) {
      this.signs = signs;
      this.encrypts = encrypts;
    }

    static KeyKind of(String algorithm) {
      return switch (algorithm.toUpperCase(Locale.ROOT)) {
        case "RSA", "1.2.840.113549.1.1.1" -> RSA;
        case "RSASSA-PSS", "1.2.840.113549.1.1.10" -> RSA_PSS;
        case "EC", "ECDSA", "ECDH", "1.2.840.10045.2.1" -> EC;
        case "XDH", "X25519", "X448", "1.3.101.110", "1.3.101.111" -> XDH;
        case "DSA", "ED25519", "ED448", "EDDSA", "1.3.101.112", "1.3.101.113" -> SIGN_ONLY;
        default -> UNKNOWN;
      };
    }
  }

  /**
   * The key, or null (with an {@link FindingCode#INVALID_PUBLIC_KEY} finding) if it is unusable.
   */
  private static @Nullable PublicKey publicKey(X509Certificate c, List<Finding> out) {
    PublicKey key;
    try {
      key = c.getPublicKey();
    } catch (RuntimeException e) {
      key = null; // a certificate object not from Certificates.read, whose key cannot be decoded
    }
    if (key == null) {
      add(out, FindingCode.INVALID_PUBLIC_KEY, "the public key cannot be decoded");
      return null;
    }
    var problem = PublicKeyCheck.problem(c, key);
    if (problem.isPresent()) {
      add(out, FindingCode.INVALID_PUBLIC_KEY, problem.get() + ": nobody can use this key");
    }
    return key;
  }

  /**
   * A certificate that only Bouncy Castle's parser accepts breaks a rule of RFC 5280 the JDK
   * enforces (e.g. an empty issuer name): Java clients refuse it.
   */
  private static void profile(X509Certificate c, List<Finding> out) {
    if (c.getClass().getName().startsWith("sun.security.x509.")) {
      return; // parsed by the JDK: no profile rule broken that it checks
    }
    byte[] der;
    try {
      der = c.getEncoded();
    } catch (CertificateEncodingException | RuntimeException e) {
      return;
    }
    try {
      CertificateDecoder.create().jdk(der);
      return;
    } catch (CertificateException | RuntimeException e) {
      // refused: say why below
    }
    String why;
    if (explicitCurveParameters(c)) {
      why = "its EC key has explicit curve parameters (RFC 5480 2.1.1 allows only named curves)";
    } else if (isEmptyName(c.getIssuerX500Principal())) {
      why = "its issuer name is empty (RFC 5280 4.1.2.4 requires a non-empty one)";
    } else if (isEmptyName(c.getSubjectX500Principal()) && emptySubjectWithoutCriticalSan(c)) {
      why =
          "its subject name is empty but its subjectAltName is missing or not critical (RFC 5280"
              + " 4.2.1.6)";
    } else {
      why = "it breaks a rule of RFC 5280 that the JDK's X.509 parser enforces";
    }
    add(out, FindingCode.PROFILE_VIOLATION, why + ": Java-based clients refuse this certificate");
  }

  private static boolean explicitCurveParameters(X509Certificate c) {
    try {
      var params =
          org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(c.getPublicKey().getEncoded())
              .getAlgorithm()
              .getParameters();
      return params instanceof org.bouncycastle.asn1.ASN1Sequence;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean isEmptyName(javax.security.auth.x500.X500Principal name) {
    byte[] enc = name.getEncoded();
    return enc.length == 2 && enc[0] == 0x30 && enc[1] == 0;
  }

  private static boolean emptySubjectWithoutCriticalSan(X509Certificate c) {
    Set<String> critical = c.getCriticalExtensionOIDs();
    return critical == null || !critical.contains("2.5.29.17");
  }

  private static void keyAlgorithmAndUsage(
      X509Certificate c, PublicKey key, Purpose purpose, int minimumRsaBits, List<Finding> out) {
    String alg = key.getAlgorithm();
    KeyKind kind = KeyKind.of(alg);
    String name = keyName(key).toLowerCase(Locale.ROOT);
    boolean canSign = kind.signs;
    boolean canEncrypt = kind.encrypts;
    if (purpose.signs() && !canSign) {
      add(out, FindingCode.KEY_ALGORITHM_CANNOT_SIGN, name + " key cannot sign");
    }
    if (purpose.encrypts() && !canEncrypt) {
      add(
          out,
          FindingCode.KEY_ALGORITHM_CANNOT_ENCRYPT,
          name + " key cannot encrypt: s/mime encryption needs an RSA or EC key");
    }
    boolean[] ku = c.getKeyUsage();
    if (ku == null) {
      add(out, FindingCode.NO_KEY_USAGE, "no keyUsage extension: accepted for every use");
    } else {
      String have = keyUsageNames(ku);
      if (purpose.signs()
          && canSign
          && !bit(ku, KU_DIGITAL_SIGNATURE)
          && !bit(ku, KU_NON_REPUDIATION)) {
        add(
            out,
            FindingCode.KEY_USAGE_CANNOT_SIGN,
            "keyUsage "
                + have
                + " has neither digitalSignature nor nonRepudiation, needed to sign");
      }
      if (purpose.encrypts() && canEncrypt) {
        if (kind == KeyKind.RSA && !bit(ku, KU_KEY_ENCIPHERMENT)) {
          add(
              out,
              FindingCode.KEY_USAGE_CANNOT_ENCRYPT,
              "keyUsage " + have + " lacks keyEncipherment, needed to encrypt to an rsa key");
        } else if (kind != KeyKind.RSA && !bit(ku, KU_KEY_AGREEMENT)) {
          add(
              out,
              FindingCode.KEY_USAGE_CANNOT_ENCRYPT,
              "keyUsage " + have + " lacks keyAgreement, needed to encrypt to an " + name + " key");
        }
      }
    }
    if (key instanceof RSAKey rsa) {
      int bits = rsa.getModulus().bitLength();
      if (bits < minimumRsaBits) {
        add(
            out,
            FindingCode.RSA_KEY_TOO_SHORT,
            "rsa key of " + bits + " bits is shorter than the minimum of " + minimumRsaBits);
      }
    }
  }

  private static String keyName(PublicKey key) {
    return KeyDescriptions.keyAlgorithm(key);
  }

  private static boolean bit(boolean[] ku, int i) {
    return i < ku.length && ku[i];
  }

  private static String keyUsageNames(boolean[] ku) {
    return KeyDescriptions.keyUsageNames(ku).toString();
  }

  private static void signatureAlgorithm(
      X509Certificate c, AlgorithmPolicy policy, List<Finding> out) {
    AlgorithmRules.Signature s = AlgorithmRules.signature(c, policy);
    switch (s.verdict()) {
      case BROKEN ->
          add(
              out,
              FindingCode.BROKEN_SIGNATURE_ALGORITHM,
              "signed with " + s.algorithm() + ", which is broken");
      case DISALLOWED ->
          add(
              out,
              FindingCode.DISALLOWED_SIGNATURE_ALGORITHM,
              "signed with " + s.algorithm() + ": " + s.reason());
      case WEAK ->
          add(
              out,
              FindingCode.SHA1_SIGNATURE,
              "signed with " + s.algorithm() + ": sha-1 is deprecated");
      case ACCEPTED -> {
        // nothing to report
      }
    }
  }
}
