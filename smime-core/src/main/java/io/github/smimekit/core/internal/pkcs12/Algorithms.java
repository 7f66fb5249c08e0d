package io.github.smimekit.core.internal.pkcs12;

import io.github.smimekit.core.SmimeFormatException;
import io.github.smimekit.core.UnsupportedAlgorithmException;
import java.math.BigInteger;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.jspecify.annotations.Nullable;

/** Object identifiers and names of the algorithms PKCS#12 files use. */
final class Algorithms {
  private Algorithms() {}

  /** A digest as the PKCS#12 MAC uses it: JCA digest and HMAC names, block size, display name. */
  record Digest(String jcaName, String hmacName, int blockSize, String displayName) {}

  /** An HMAC used as PBKDF2 PRF or PBMAC1 message authentication scheme. */
  record Hmac(String jcaName, String displayName) {}

  static final String SHA1 = "1.3.14.3.2.26";
  static final String SHA256 = "2.16.840.1.101.3.4.2.1";
  static final String HMAC_SHA256 = "1.2.840.113549.2.9";
  static final String HMAC_SHA1 = "1.2.840.113549.2.7";
  static final String AES256_CBC = "2.16.840.1.101.3.4.1.42";
  static final String PBES2 = "1.2.840.113549.1.5.13";
  static final String PBKDF2 = "1.2.840.113549.1.5.12";
  static final String PBMAC1 = "1.2.840.113549.1.5.14";
  static final String SCRYPT = "1.3.6.1.4.1.11591.4.11";
  static final String PKCS12_PBE_PREFIX = "1.2.840.113549.1.12.1.";
  static final String PBE_SHA_3DES = "1.2.840.113549.1.12.1.3";

  private static final Map<String, Digest> DIGESTS =
      Map.of(
          SHA1,
          new Digest("SHA-1", "HmacSHA1", 64, "SHA-1"),
          "2.16.840.1.101.3.4.2.4",
          new Digest("SHA-224", "HmacSHA224", 64, "SHA-224"),
          SHA256,
          new Digest("SHA-256", "HmacSHA256", 64, "SHA-256"),
          "2.16.840.1.101.3.4.2.2",
          new Digest("SHA-384", "HmacSHA384", 128, "SHA-384"),
          "2.16.840.1.101.3.4.2.3",
          new Digest("SHA-512", "HmacSHA512", 128, "SHA-512"),
          "2.16.840.1.101.3.4.2.5",
          new Digest("SHA-512/224", "HmacSHA512/224", 128, "SHA-512/224"),
          "2.16.840.1.101.3.4.2.6",
          new Digest("SHA-512/256", "HmacSHA512/256", 128, "SHA-512/256"),
          "1.2.840.113549.2.5",
          new Digest("MD5", "HmacMD5", 64, "MD5"));

  private static final Map<String, Hmac> HMACS =
      Map.ofEntries(
          Map.entry(HMAC_SHA1, new Hmac("HmacSHA1", "HMAC-SHA1")),
          Map.entry("1.2.840.113549.2.8", new Hmac("HmacSHA224", "HMAC-SHA224")),
          Map.entry(HMAC_SHA256, new Hmac("HmacSHA256", "HMAC-SHA256")),
          Map.entry("1.2.840.113549.2.10", new Hmac("HmacSHA384", "HMAC-SHA384")),
          Map.entry("1.2.840.113549.2.11", new Hmac("HmacSHA512", "HMAC-SHA512")),
          Map.entry("1.2.840.113549.2.12", new Hmac("HmacSHA512/224", "HMAC-SHA512/224")),
          Map.entry("1.2.840.113549.2.13", new Hmac("HmacSHA512/256", "HMAC-SHA512/256")),
          Map.entry("2.16.840.1.101.3.4.2.13", new Hmac("HmacSHA3-224", "HMAC-SHA3-224")),
          Map.entry("2.16.840.1.101.3.4.2.14", new Hmac("HmacSHA3-256", "HMAC-SHA3-256")),
          Map.entry("2.16.840.1.101.3.4.2.15", new Hmac("HmacSHA3-384", "HMAC-SHA3-384")),
          Map.entry("2.16.840.1.101.3.4.2.16", new Hmac("HmacSHA3-512", "HMAC-SHA3-512")));

  static Digest digest(AlgorithmIdentifier alg, String where) {
    String oid = alg.getAlgorithm().getId();
    Digest d = DIGESTS.get(oid);
    if (d == null) {
      throw new UnsupportedAlgorithmException(where + ": unsupported digest algorithm " + oid, oid);
    }
    return d;
  }

  static Hmac hmac(AlgorithmIdentifier alg, String where) {
    String oid = alg.getAlgorithm().getId();
    Hmac h = HMACS.get(oid);
    if (h == null) {
      throw new UnsupportedAlgorithmException(where + ": unsupported hmac algorithm " + oid, oid);
    }
    return h;
  }

  /** An iteration count as an int, checked against the limit before any work is done. */
  static int iterations(BigInteger count, int max, String where) {
    if (count.signum() <= 0) {
      throw new SmimeFormatException(where + ": iteration count must be positive: " + count);
    }
    if (count.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new SmimeFormatException(
          where + ": iteration count " + count + " exceeds the limit of " + max);
    }
    return count.intValueExact();
  }

  /** Checked PBKDF2 parameters: the raw parameters, the iteration count and the PRF. */
  record Pbkdf2(PBKDF2Params params, int iterations, Hmac prf) {}

  /**
   * The PBKDF2 parameters of a PBES2 or PBMAC1 key derivation function: the function must be
   * PBKDF2, with a salt, an iteration count within {@code maxIterations} and a known PRF.
   *
   * @param scheme "pbes2" or "pbmac1", for messages
   */
  static Pbkdf2 pbkdf2(
      ASN1ObjectIdentifier kdfOid,
      @Nullable ASN1Encodable kdfParams,
      String scheme,
      int maxIterations,
      String where) {
    String oid = kdfOid.getId();
    if (!oid.equals(PBKDF2)) {
      throw new UnsupportedAlgorithmException(
          where + ": unsupported " + scheme + " key derivation function " + oid, oid);
    }
    if (kdfParams == null || kdfParams instanceof DERNull) {
      throw new SmimeFormatException(where + ": pbkdf2 parameters are missing");
    }
    PBKDF2Params kp = PBKDF2Params.getInstance(kdfParams);
    if (kp.getSalt() == null) {
      throw new SmimeFormatException(where + ": pbkdf2 salt is not an octet string");
    }
    int it = iterations(kp.getIterationCount(), maxIterations, where);
    Hmac prf =
        hmac(
            kp.isDefaultPrf()
                ? new AlgorithmIdentifier(new ASN1ObjectIdentifier(HMAC_SHA1))
                : kp.getPrf(),
            where);
    return new Pbkdf2(kp, it, prf);
  }
}
