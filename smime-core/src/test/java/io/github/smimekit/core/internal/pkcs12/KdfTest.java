package io.github.smimekit.core.internal.pkcs12;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS12ParametersGenerator;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Kdf}: RFC 6070 PBKDF2 vectors, and the RFC 7292 appendix B.2 derivation compared with
 * Bouncy Castle's independent implementation over seeded random inputs.
 */
final class KdfTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void pbkdf2_rfc6070Vectors_match() {
    byte[] p = "password".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] s = "salt".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    assertThat(HEX.formatHex(Kdf.pbkdf2("HmacSHA1", p, s, 1, 20)))
        .isEqualTo("0c60c80f961f0e71f3a9b524af6012062fe037a6");
    assertThat(HEX.formatHex(Kdf.pbkdf2("HmacSHA1", p, s, 4096, 20)))
        .isEqualTo("4b007901b765489abead49d926f721d065a429c1");
  }

  @ParameterizedTest
  @ValueSource(longs = {1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L})
  void pkcs12AndPbkdf2_randomInputs_matchBouncyCastle(long seed) {
    Random r = new Random(seed);
    byte[] password = new byte[r.nextInt(40) == 0 ? 0 : 2 + 2 * r.nextInt(40)];
    r.nextBytes(password);
    byte[] salt = new byte[r.nextInt(33)];
    r.nextBytes(salt);
    int iterations = 1 + r.nextInt(50);
    int n = 1 + r.nextInt(70);
    int id = 1 + r.nextInt(3);
    String[][] digests = {{"SHA-1", "64"}, {"SHA-256", "64"}, {"SHA-512", "128"}};
    Digest[] bc = {new SHA1Digest(), new SHA256Digest(), new SHA512Digest()};
    int d = r.nextInt(3);

    PKCS12ParametersGenerator gen = new PKCS12ParametersGenerator(bc[d]);
    gen.init(password, salt, iterations);
    byte[] expected;
    if (id == Kdf.ID_MAC) {
      expected = ((KeyParameter) gen.generateDerivedMacParameters(n * 8)).getKey();
    } else if (id == Kdf.ID_KEY) {
      expected = ((KeyParameter) gen.generateDerivedParameters(n * 8)).getKey();
    } else {
      expected =
          ((org.bouncycastle.crypto.params.ParametersWithIV)
                  gen.generateDerivedParameters(8, n * 8))
              .getIV();
    }
    byte[] actual =
        Kdf.pkcs12(
            digests[d][0], Integer.parseInt(digests[d][1]), id, password, salt, iterations, n);
    assertThat(actual).as("seed %d", seed).isEqualTo(expected);

    PKCS5S2ParametersGenerator p5 = new PKCS5S2ParametersGenerator(new SHA256Digest());
    p5.init(password, salt, iterations);
    assertThat(Kdf.pbkdf2("HmacSHA256", password, salt, iterations, n))
        .as("seed %d", seed)
        .isEqualTo(((KeyParameter) p5.generateDerivedParameters(n * 8)).getKey());
  }
}
