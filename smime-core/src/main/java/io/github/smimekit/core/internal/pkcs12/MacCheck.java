package io.github.smimekit.core.internal.pkcs12;

import io.github.smimekit.core.Pkcs12Info;
import io.github.smimekit.core.SmimeFormatException;
import io.github.smimekit.core.WrongPasswordException;
import io.github.smimekit.core.internal.pkcs12.Jca.RawKey;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PBMAC1Params;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

/** The PKCS#12 MAC: RFC 7292 (PKCS#12 key derivation + HMAC) and RFC 9579 (PBMAC1). */
final class MacCheck {
  /** The shortest PBMAC1 key accepted, in bytes (a 160-bit HMAC key, SHA-1's output length). */
  static final int MIN_PBMAC1_KEY_LENGTH = 20;

  private MacCheck() {}

  /** A parsed MAC: what {@link #verify} needs, checked against the limits. */
  static final class Parsed {
    final Pkcs12Info.Mac info;
    final boolean pbmac1;
    final String hmac;
    final byte[] expected;
    final byte[] salt;
    final int iterations;
    // RFC 7292 MAC
    final String digest;
    final int blockSize;
    final int keyLength;
    // PBMAC1
    final String prf;

    Parsed(
        Pkcs12Info.Mac info,
        boolean pbmac1,
        String hmac,
        byte[] expected,
        byte[] salt,
        int iterations,
        String digest,
        int blockSize,
        int keyLength,
        String prf) {
      this.info = info;
      this.pbmac1 = pbmac1;
      this.hmac = hmac;
      this.expected = expected;
      this.salt = salt;
      this.iterations = iterations;
      this.digest = digest;
      this.blockSize = blockSize;
      this.keyLength = keyLength;
      this.prf = prf;
    }
  }

  static Parsed parse(MacData macData, int maxIterations) {
    String where = "PKCS#12 MAC";
    DigestInfo di = macData.getMac();
    AlgorithmIdentifier alg = di.getAlgorithmId();
    byte[] expected = di.getDigest();
    String oid = alg.getAlgorithm().getId();
    if (oid.equals(Algorithms.PBMAC1)) {
      if (alg.getParameters() == null) {
        throw new SmimeFormatException(where + ": pbmac1 parameters are missing");
      }
      PBMAC1Params p = PBMAC1Params.getInstance(alg.getParameters());
      Algorithms.Pbkdf2 kdf =
          Algorithms.pbkdf2(
              p.getKeyDerivationFunc().getAlgorithm(),
              p.getKeyDerivationFunc().getParameters(),
              "pbmac1",
              maxIterations,
              where);
      PBKDF2Params kp = kdf.params();
      int it = kdf.iterations();
      Algorithms.Hmac prf = kdf.prf();
      Algorithms.Hmac scheme = Algorithms.hmac(p.getMessageAuthScheme(), where);
      BigInteger kl = kp.getKeyLength();
      int keyLength;
      if (kl == null) {
        throw new SmimeFormatException(
            where + ": pbmac1 pbkdf2 parameters lack the key length (RFC 9579 requires it)");
      } else if (kl.compareTo(BigInteger.valueOf(MIN_PBMAC1_KEY_LENGTH)) < 0
          || kl.bitLength() > 10) {
        throw new SmimeFormatException(
            where
                + ": pbmac1 pbkdf2 key length "
                + kl
                + " is outside "
                + MIN_PBMAC1_KEY_LENGTH
                + " to 1023 bytes");
      } else {
        keyLength = kl.intValue();
      }
      boolean weak = it < Pbe.MIN_ITERATIONS;
      Pkcs12Info.Mac info =
          new Pkcs12Info.Mac(
              "PBMAC1 " + scheme.displayName() + " PBKDF2-" + prf.displayName(),
              it,
              kp.getSalt().length,
              weak);
      return new Parsed(
          info,
          true,
          scheme.jcaName(),
          expected,
          kp.getSalt(),
          it,
          "",
          0,
          keyLength,
          prf.jcaName());
    }
    Algorithms.Digest d = Algorithms.digest(alg, where);
    BigInteger count = macData.getIterationCount();
    int it = Algorithms.iterations(count == null ? BigInteger.ONE : count, maxIterations, where);
    byte[] salt = macData.getSalt();
    boolean weak =
        d.jcaName().equals("MD5")
            || (d.jcaName().equals("SHA-1") && it < 2048)
            || it < Pbe.MIN_ITERATIONS;
    Pkcs12Info.Mac info = new Pkcs12Info.Mac("HMAC-" + d.displayName(), it, salt.length, weak);
    int keyLength = Jca.digest(d.jcaName()).getDigestLength();
    return new Parsed(
        info, false, d.hmacName(), expected, salt, it, d.jcaName(), d.blockSize(), keyLength, "");
  }

  /**
   * Verifies the MAC over {@code content}, trying the password encodings in {@code secrets}' order
   * and remembering the one that works.
   *
   * @throws WrongPasswordException when no encoding gives the MAC
   */
  static void verify(Parsed m, byte[] content, Secrets secrets, Budget budget) {
    if (m.pbmac1) {
      budget.spend(m.iterations);
      byte[] key = Kdf.pbkdf2(m.prf, secrets.utf8(), m.salt, m.iterations, m.keyLength);
      if (!matches(m.hmac, key, content, m.expected)) {
        throw new WrongPasswordException("PKCS#12");
      }
      return;
    }
    for (int index : secrets.bmpOrder()) {
      budget.spend(m.iterations);
      byte[] key =
          Kdf.pkcs12(
              m.digest,
              m.blockSize,
              Kdf.ID_MAC,
              secrets.bmp(index),
              m.salt,
              m.iterations,
              m.keyLength);
      if (matches(m.hmac, key, content, m.expected)) {
        secrets.preferBmp(index);
        return;
      }
    }
    throw new WrongPasswordException("PKCS#12");
  }

  private static boolean matches(String hmac, byte[] key, byte[] content, byte[] expected) {
    try {
      return MessageDigest.isEqual(hmac(hmac, key, content), expected);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static byte[] hmac(String hmac, byte[] key, byte[] content) {
    Mac mac = Jca.mac(hmac);
    RawKey k = new RawKey(hmac, key);
    try {
      mac.init(k);
    } catch (InvalidKeyException e) {
      throw new ProviderException("hmac rejected its key", e);
    } finally {
      k.destroy();
    }
    return mac.doFinal(content);
  }

  /** The RFC 7292 MAC with {@code digestOid} over {@code content}. */
  static MacData compute(
      String digestOid,
      byte[] bmpPassword,
      byte[] content,
      int iterations,
      int saltLength,
      SecureRandom random) {
    AlgorithmIdentifier alg =
        new AlgorithmIdentifier(new ASN1ObjectIdentifier(digestOid), DERNull.INSTANCE);
    Algorithms.Digest d = Algorithms.digest(alg, "PKCS#12 MAC");
    byte[] salt = new byte[saltLength];
    random.nextBytes(salt);
    int keyLength = Jca.digest(d.jcaName()).getDigestLength();
    byte[] key =
        Kdf.pkcs12(
            d.jcaName(), d.blockSize(), Kdf.ID_MAC, bmpPassword, salt, iterations, keyLength);
    try {
      return new MacData(new DigestInfo(alg, hmac(d.hmacName(), key, content)), salt, iterations);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }
}
