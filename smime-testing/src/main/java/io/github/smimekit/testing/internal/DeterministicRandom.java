package io.github.smimekit.testing.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import org.bouncycastle.crypto.digests.SHAKEDigest;

/**
 * A {@link SecureRandom} whose output is a SHAKE256 stream over (seed, label): the same seed and
 * label always give the same bytes. For test keys only; {@link #setSeed} is ignored.
 */
public final class DeterministicRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;

  /** Creates the stream for {@code seed} and {@code label}. */
  public DeterministicRandom(long seed, String label) {
    super(new Spi(material(seed, label)), null);
  }

  private static byte[] material(long seed, String label) {
    byte[] l = label.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[8 + 16 + l.length];
    byte[] domain = "smimekit-testpki".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(domain, 0, out, 0, 16);
    for (int i = 0; i < 8; i++) {
      out[16 + i] = (byte) (seed >>> (56 - 8 * i));
    }
    System.arraycopy(l, 0, out, 24, l.length);
    return out;
  }

  @Override
  public String getAlgorithm() {
    return "SHAKE256-test";
  }

  private static final class Spi extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;
    private final transient SHAKEDigest shake = new SHAKEDigest(256);

    Spi(byte[] material) {
      shake.update(material, 0, material.length);
    }

    @Override
    protected void engineSetSeed(byte[] seed) {
      // deterministic by design: extra seed material is ignored
    }

    @Override
    protected synchronized void engineNextBytes(byte[] bytes) {
      if (bytes.length > 0) {
        shake.doOutput(bytes, 0, bytes.length);
      }
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
      byte[] b = new byte[numBytes];
      engineNextBytes(b);
      return b;
    }
  }
}
