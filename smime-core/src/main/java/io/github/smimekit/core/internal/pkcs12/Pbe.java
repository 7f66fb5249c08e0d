package io.github.smimekit.core.internal.pkcs12;

import io.github.smimekit.core.SmimeFormatException;
import io.github.smimekit.core.UnsupportedAlgorithmException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.RC2ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.misc.ScryptParams;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBEParameter;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.generators.SCrypt;
import org.jspecify.annotations.Nullable;

/**
 * One password-based encryption as found in a PKCS#12 file (PKCS#12 PBE of RFC 7292 appendix C,
 * PBES1 or PBES2 of RFC 8018): its parsed parameters, a display name, a weakness verdict, and
 * decryption/encryption with a given password encoding.
 */
final class Pbe {
  enum Family {
    /** RFC 7292 appendix C: PKCS#12 KDF with SHA-1 over the BMPString password. */
    PKCS12,
    /** PBES1: PBKDF1 over the raw (UTF-8) password. */
    PBES1,
    /** PBES2: PBKDF2 over the raw (UTF-8) password. */
    PBES2,
    /** PBES2 with scrypt (RFC 7914) over the raw (UTF-8) password. */
    SCRYPT
  }

  /** A block or stream cipher as the schemes use it. */
  private record CipherSpec(
      String name,
      String transformation,
      String keyAlgorithm,
      int keyLength,
      int ivLength,
      int rc2Bits,
      boolean weak) {}

  private static final CipherSpec RC4_128 =
      new CipherSpec("RC4-128", "ARCFOUR", "ARCFOUR", 16, 0, 0, true);
  private static final CipherSpec RC4_40 =
      new CipherSpec("RC4-40", "ARCFOUR", "ARCFOUR", 5, 0, 0, true);
  private static final CipherSpec DES_EDE3 =
      new CipherSpec("DES-EDE3-CBC", "DESede/CBC/PKCS5Padding", "DESede", 24, 8, 0, false);
  private static final CipherSpec DES_EDE2 =
      new CipherSpec("DES-EDE-CBC", "DESede/CBC/PKCS5Padding", "DESede", 16, 8, 0, true);
  private static final CipherSpec RC2_128 =
      new CipherSpec("RC2-128-CBC", "RC2/CBC/PKCS5Padding", "RC2", 16, 8, 128, false);
  private static final CipherSpec RC2_40 =
      new CipherSpec("RC2-40-CBC", "RC2/CBC/PKCS5Padding", "RC2", 5, 8, 40, true);
  private static final CipherSpec RC2_64 =
      new CipherSpec("RC2-64-CBC", "RC2/CBC/PKCS5Padding", "RC2", 8, 8, 64, true);
  private static final CipherSpec DES =
      new CipherSpec("DES-CBC", "DES/CBC/PKCS5Padding", "DES", 8, 8, 0, true);
  private static final CipherSpec AES_256 =
      new CipherSpec("AES-256-CBC", "AES/CBC/PKCS5Padding", "AES", 32, 16, 0, false);

  /** RFC 7292 appendix C: OID suffix to name and cipher. */
  private static final Map<String, Map.Entry<String, CipherSpec>> PKCS12_SCHEMES =
      Map.of(
          "1", Map.entry("pbeWithSHAAnd128BitRC4", RC4_128),
          "2", Map.entry("pbeWithSHAAnd40BitRC4", RC4_40),
          "3", Map.entry("pbeWithSHAAnd3-KeyTripleDES-CBC", DES_EDE3),
          "4", Map.entry("pbeWithSHAAnd2-KeyTripleDES-CBC", DES_EDE2),
          "5", Map.entry("pbeWithSHAAnd128BitRC2-CBC", RC2_128),
          "6", Map.entry("pbeWithSHAAnd40BitRC2-CBC", RC2_40));

  /** PBES1 (RFC 8018 appendix A.3): OID to name, digest and cipher. */
  private record Pbes1(String name, String digest, CipherSpec cipher) {}

  private static final Map<String, Pbes1> PBES1_SCHEMES =
      Map.of(
          "1.2.840.113549.1.5.3", new Pbes1("pbeWithMD5AndDES-CBC", "MD5", DES),
          "1.2.840.113549.1.5.10", new Pbes1("pbeWithSHA1AndDES-CBC", "SHA-1", DES),
          "1.2.840.113549.1.5.6", new Pbes1("pbeWithMD5AndRC2-CBC", "MD5", RC2_64),
          "1.2.840.113549.1.5.11", new Pbes1("pbeWithSHA1AndRC2-CBC", "SHA-1", RC2_64));

  /** PBES2 encryption schemes. */
  private static final Map<String, CipherSpec> PBES2_CIPHERS =
      Map.of(
          "2.16.840.1.101.3.4.1.2",
          new CipherSpec("AES-128-CBC", "AES/CBC/PKCS5Padding", "AES", 16, 16, 0, false),
          "2.16.840.1.101.3.4.1.22",
          new CipherSpec("AES-192-CBC", "AES/CBC/PKCS5Padding", "AES", 24, 16, 0, false),
          Algorithms.AES256_CBC,
          AES_256,
          "1.2.840.113549.3.7",
          DES_EDE3,
          "1.3.14.3.2.7",
          DES);

  /** Minimum iteration count below which any scheme is reported weak. */
  static final int MIN_ITERATIONS = 1000;

  private final Family family;
  private final String oid;
  private final String name;
  private final int iterations;
  private final byte[] salt;
  private final CipherSpec cipher;
  private final byte @Nullable [] iv;
  private final String kdfAlgorithm; // digest (PKCS12, PBES1) or HMAC (PBES2)
  private final boolean weakScheme;
  private int scryptR;
  private int scryptP;

  private Pbe(
      Family family,
      String oid,
      String name,
      int iterations,
      byte[] salt,
      CipherSpec cipher,
      byte @Nullable [] iv,
      String kdfAlgorithm,
      boolean weakScheme) {
    this.family = family;
    this.oid = oid;
    this.name = name;
    this.iterations = iterations;
    this.salt = salt;
    this.cipher = cipher;
    this.iv = iv;
    this.kdfAlgorithm = kdfAlgorithm;
    this.weakScheme = weakScheme;
  }

  Family family() {
    return family;
  }

  String oid() {
    return oid;
  }

  String name() {
    return name;
  }

  /** The iteration count; for scrypt its cost parameter N. */
  int iterations() {
    return iterations;
  }

  /**
   * The work this derivation costs, in the units of the iteration budget: the iteration count, or
   * for scrypt N &middot; r &middot; p (each unit one 128-byte block mix).
   */
  long work() {
    return family == Family.SCRYPT ? (long) iterations * scryptR * scryptP : iterations;
  }

  /**
   * Weak: RC2 or RC4 with 40 bits, RC4 at all, single DES, two-key 3DES, any PBES1 scheme, or fewer
   * than {@value #MIN_ITERATIONS} iterations.
   */
  boolean weak() {
    return weakScheme || cipher.weak() || iterations < MIN_ITERATIONS;
  }

  /**
   * Parses {@code alg}.
   *
   * @throws UnsupportedAlgorithmException naming the OID of an unknown scheme, KDF or cipher
   * @throws SmimeFormatException on malformed parameters or too many iterations
   */
  static Pbe parse(AlgorithmIdentifier alg, int maxIterations, String where) {
    return parse(alg, maxIterations, Long.MAX_VALUE, where);
  }

  /**
   * Parses {@code alg}; a scrypt derivation costing more than {@code maxScryptMemory} bytes (128
   * &middot; N &middot; r &middot; p) is refused before any work.
   */
  static Pbe parse(AlgorithmIdentifier alg, int maxIterations, long maxScryptMemory, String where) {
    String oid = alg.getAlgorithm().getId();
    try {
      if (oid.startsWith(Algorithms.PKCS12_PBE_PREFIX)) {
        var scheme = PKCS12_SCHEMES.get(oid.substring(Algorithms.PKCS12_PBE_PREFIX.length()));
        if (scheme == null) {
          throw new UnsupportedAlgorithmException(
              where + ": unsupported PKCS#12 encryption algorithm " + oid, oid);
        }
        PKCS12PBEParams p =
            PKCS12PBEParams.getInstance(requireParams(alg.getParameters(), oid, where));
        int it = Algorithms.iterations(p.getIterations(), maxIterations, where);
        return new Pbe(
            Family.PKCS12,
            oid,
            scheme.getKey(),
            it,
            p.getIV(),
            scheme.getValue(),
            null,
            "SHA-1",
            false);
      }
      if (oid.equals(Algorithms.PBES2)) {
        return pbes2(alg.getParameters(), maxIterations, maxScryptMemory, where);
      }
      Pbes1 pbes1 = PBES1_SCHEMES.get(oid);
      if (pbes1 != null) {
        PBEParameter p = PBEParameter.getInstance(requireParams(alg.getParameters(), oid, where));
        int it = Algorithms.iterations(p.getIterationCount(), maxIterations, where);
        return new Pbe(
            Family.PBES1,
            oid,
            pbes1.name(),
            it,
            p.getSalt(),
            pbes1.cipher(),
            null,
            pbes1.digest(),
            true);
      }
    } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
      throw new SmimeFormatException(where + ": malformed parameters of " + oid, e);
    }
    throw new UnsupportedAlgorithmException(
        where + ": unsupported encryption algorithm " + oid, oid);
  }

  private static Pbe pbes2(
      @Nullable ASN1Encodable params, int maxIterations, long maxScryptMemory, String where) {
    PBES2Parameters p = PBES2Parameters.getInstance(requireParams(params, Algorithms.PBES2, where));
    KeyDerivationFunc kdf = p.getKeyDerivationFunc();
    if (kdf.getAlgorithm().getId().equals(Algorithms.SCRYPT)) {
      return scrypt(kdf, p.getEncryptionScheme(), maxScryptMemory, where);
    }
    Algorithms.Pbkdf2 checked =
        Algorithms.pbkdf2(kdf.getAlgorithm(), kdf.getParameters(), "pbes2", maxIterations, where);
    PBKDF2Params kp = checked.params();
    int it = checked.iterations();
    Algorithms.Hmac prf = checked.prf();
    EncryptionScheme es = p.getEncryptionScheme();
    String cipherOid = es.getAlgorithm().getId();
    CipherSpec cipher = PBES2_CIPHERS.get(cipherOid);
    if (cipher == null) {
      throw new UnsupportedAlgorithmException(
          where + ": unsupported pbes2 encryption scheme " + cipherOid, cipherOid);
    }
    BigInteger declared = kp.getKeyLength();
    if (declared != null && !declared.equals(BigInteger.valueOf(cipher.keyLength()))) {
      throw new SmimeFormatException(
          where
              + ": pbkdf2 key length "
              + declared
              + " does not match "
              + cipher.name()
              + " ("
              + cipher.keyLength()
              + ")");
    }
    if (!(es.getParameters() instanceof ASN1OctetString ivParam)) {
      throw new SmimeFormatException(where + ": " + cipher.name() + " parameters are not an iv");
    }
    byte[] iv = ivParam.getOctets();
    if (iv.length != cipher.ivLength()) {
      throw new SmimeFormatException(
          where
              + ": "
              + cipher.name()
              + " iv has "
              + iv.length
              + " bytes, expected "
              + cipher.ivLength());
    }
    String name = "PBES2 " + cipher.name() + " PBKDF2-" + prf.displayName();
    return new Pbe(
        Family.PBES2, Algorithms.PBES2, name, it, kp.getSalt(), cipher, iv, prf.jcaName(), false);
  }

  /** PBES2 with scrypt (RFC 7914 section 7): parameters checked, cost bounded, before any work. */
  private static Pbe scrypt(
      KeyDerivationFunc kdf, EncryptionScheme es, long maxScryptMemory, String where) {
    ASN1Encodable raw = requireParams(kdf.getParameters(), Algorithms.SCRYPT, where);
    ScryptParams sp = ScryptParams.getInstance(raw);
    BigInteger n = sp.getCostParameter();
    BigInteger r = sp.getBlockSize();
    BigInteger par = sp.getParallelizationParameter();
    if (n.compareTo(BigInteger.ONE) <= 0 || n.bitCount() != 1 || n.bitLength() > 32) {
      throw new SmimeFormatException(
          where + ": scrypt cost parameter N must be a power of 2 greater than 1: " + n);
    }
    if (r.signum() <= 0 || r.bitLength() > 31 || par.signum() <= 0 || par.bitLength() > 31) {
      throw new SmimeFormatException(
          where
              + ": scrypt block size r and parallelization p must be positive: r="
              + r
              + " p="
              + par);
    }
    BigInteger memory = BigInteger.valueOf(128).multiply(n).multiply(r).multiply(par);
    if (memory.compareTo(BigInteger.valueOf(maxScryptMemory)) > 0) {
      throw new SmimeFormatException(
          where
              + ": scrypt cost 128 * N * r * p = "
              + memory
              + " bytes (N="
              + n
              + ", r="
              + r
              + ", p="
              + par
              + ") exceeds the limit of "
              + maxScryptMemory
              + " bytes");
    }
    String cipherOid = es.getAlgorithm().getId();
    CipherSpec cipher = PBES2_CIPHERS.get(cipherOid);
    if (cipher == null) {
      throw new UnsupportedAlgorithmException(
          where + ": unsupported pbes2 encryption scheme " + cipherOid, cipherOid);
    }
    BigInteger declared = sp.getKeyLength();
    if (declared != null && !declared.equals(BigInteger.valueOf(cipher.keyLength()))) {
      throw new SmimeFormatException(
          where
              + ": scrypt key length "
              + declared
              + " does not match "
              + cipher.name()
              + " ("
              + cipher.keyLength()
              + ")");
    }
    if (!(es.getParameters() instanceof ASN1OctetString ivParam)
        || ivParam.getOctets().length != cipher.ivLength()) {
      throw new SmimeFormatException(
          where + ": " + cipher.name() + " parameters are not a " + cipher.ivLength() + "-byte iv");
    }
    Pbe pbe =
        new Pbe(
            Family.SCRYPT,
            Algorithms.PBES2,
            "PBES2 " + cipher.name() + " scrypt",
            n.intValueExact(),
            sp.getSalt(),
            cipher,
            ivParam.getOctets(),
            "",
            false);
    pbe.scryptR = r.intValueExact();
    pbe.scryptP = par.intValueExact();
    return pbe;
  }

  private static ASN1Encodable requireParams(
      @Nullable ASN1Encodable params, String oid, String where) {
    if (params == null || params instanceof DERNull) {
      throw new SmimeFormatException(where + ": parameters of " + oid + " are missing");
    }
    return params;
  }

  /**
   * Decrypts with {@code password} (BMPString encoding for {@link Family#PKCS12}, UTF-8 bytes
   * otherwise).
   *
   * @throws GeneralSecurityException when the padding is wrong, i.e. most likely the password
   */
  byte[] decrypt(byte[] password, byte[] data) throws GeneralSecurityException {
    return crypt(Cipher.DECRYPT_MODE, password, data);
  }

  private byte[] crypt(int mode, byte[] password, byte[] data) throws GeneralSecurityException {
    byte[] key;
    byte[] ivBytes = iv;
    switch (family) {
      case PKCS12 -> {
        key =
            Kdf.pkcs12(
                kdfAlgorithm, 64, Kdf.ID_KEY, password, salt, iterations, cipher.keyLength());
        if (cipher.ivLength() > 0) {
          ivBytes =
              Kdf.pkcs12(
                  kdfAlgorithm, 64, Kdf.ID_IV, password, salt, iterations, cipher.ivLength());
        }
      }
      case PBES1 -> {
        byte[] dk = Kdf.pbkdf1(kdfAlgorithm, password, salt, iterations);
        key = Arrays.copyOf(dk, 8);
        ivBytes = Arrays.copyOfRange(dk, 8, 16);
        Arrays.fill(dk, (byte) 0);
      }
      case SCRYPT ->
          key = SCrypt.generate(password, salt, iterations, scryptR, scryptP, cipher.keyLength());
      default -> key = Kdf.pbkdf2(kdfAlgorithm, password, salt, iterations, cipher.keyLength());
    }
    if (cipher.keyAlgorithm().equals("DESede") && key.length == 16) {
      byte[] k3 = Arrays.copyOf(key, 24);
      System.arraycopy(key, 0, k3, 16, 8);
      Arrays.fill(key, (byte) 0);
      key = k3;
    }
    try {
      Cipher c = Jca.cipher(cipher.transformation());
      SecretKeySpec spec = new SecretKeySpec(key, cipher.keyAlgorithm());
      AlgorithmParameterSpec ps = null;
      if (cipher.rc2Bits() > 0 && ivBytes != null) {
        ps = new RC2ParameterSpec(cipher.rc2Bits(), ivBytes);
      } else if (ivBytes != null) {
        ps = new IvParameterSpec(ivBytes);
      }
      if (ps == null) {
        c.init(mode, spec);
      } else {
        c.init(mode, spec, ps);
      }
      return c.doFinal(data);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** PBES2 AES-256-CBC with PBKDF2-HMAC-SHA256: the modern scheme (as OpenSSL 3 writes). */
  static Encrypted encryptModern(
      byte[] utf8Password, byte[] data, int iterations, SecureRandom random)
      throws GeneralSecurityException {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    byte[] iv = new byte[16];
    random.nextBytes(iv);
    Pbe pbe =
        new Pbe(
            Family.PBES2, Algorithms.PBES2, "", iterations, salt, AES_256, iv, "HmacSHA256", false);
    byte[] ct = pbe.crypt(Cipher.ENCRYPT_MODE, utf8Password, data);
    AlgorithmIdentifier prf =
        new AlgorithmIdentifier(new ASN1ObjectIdentifier(Algorithms.HMAC_SHA256), DERNull.INSTANCE);
    KeyDerivationFunc kdf =
        new KeyDerivationFunc(
            new ASN1ObjectIdentifier(Algorithms.PBKDF2), new PBKDF2Params(salt, iterations, prf));
    EncryptionScheme es =
        new EncryptionScheme(
            new ASN1ObjectIdentifier(Algorithms.AES256_CBC), new DEROctetString(iv));
    return new Encrypted(
        new AlgorithmIdentifier(
            new ASN1ObjectIdentifier(Algorithms.PBES2), new PBES2Parameters(kdf, es)),
        ct);
  }

  /** pbeWithSHAAnd3-KeyTripleDES-CBC: the scheme every Windows version imports. */
  static Encrypted encryptLegacy(
      byte[] bmpPassword, byte[] data, int iterations, SecureRandom random)
      throws GeneralSecurityException {
    byte[] salt = new byte[8];
    random.nextBytes(salt);
    Pbe pbe =
        new Pbe(
            Family.PKCS12,
            Algorithms.PBE_SHA_3DES,
            "",
            iterations,
            salt,
            DES_EDE3,
            null,
            "SHA-1",
            false);
    byte[] ct = pbe.crypt(Cipher.ENCRYPT_MODE, bmpPassword, data);
    return new Encrypted(
        new AlgorithmIdentifier(
            new ASN1ObjectIdentifier(Algorithms.PBE_SHA_3DES),
            new PKCS12PBEParams(salt, iterations)),
        ct);
  }

  /** An encryption's algorithm identifier and ciphertext. */
  static final class Encrypted {
    final AlgorithmIdentifier algorithm;
    final byte[] ciphertext;

    Encrypted(AlgorithmIdentifier algorithm, byte[] ciphertext) {
      this.algorithm = algorithm;
      this.ciphertext = ciphertext;
    }
  }

  @Override
  public String toString() {
    return name + " (" + iterations + " iterations)";
  }
}
