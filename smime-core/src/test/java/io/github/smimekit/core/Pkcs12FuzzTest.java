package io.github.smimekit.core;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;

/**
 * Fuzzes PKCS#12 reading: whatever the bytes, only an identity or a {@link SmimeException} may come
 * out (no other exception, no hang, no out-of-memory). In {@code mvn test} each target runs once
 * over its seeds in {@code Pkcs12FuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1 mvn test
 * -Dtest=Pkcs12FuzzTest#read} fuzzes one.
 */
final class Pkcs12FuzzTest {
  private static final byte[] DATA_OID = {
    0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x07, 0x01
  };

  /** Whole files: mutations mostly stop at the MAC, which is what a MAC is for. */
  @FuzzTest(maxDuration = "60s")
  void read(byte[] data) {
    try {
      Pkcs12Identity id = Pkcs12.read(data, Password.of(new char[] {'x'}));
      if (id.privateKey() == null || id.certificate() == null) {
        throw new IllegalStateException("incomplete identity");
      }
    } catch (SmimeException expected) {
      // the only failure allowed on bad input
    }
  }

  /**
   * The authenticated safe of a file without a MAC: every mutation reaches the safes, the bags,
   * decryption with the known password {@code x} and certificate decoding.
   */
  @FuzzTest(maxDuration = "60s")
  void readWithoutMac(byte[] authenticatedSafe) {
    byte[] pfx =
        tlv(
            0x30,
            new byte[] {0x02, 0x01, 0x03},
            tlv(0x30, DATA_OID, tlv(0xa0, tlv(0x04, authenticatedSafe))));
    Password password = Password.of(new char[] {'x'});
    try {
      Pkcs12.Inspected read = Pkcs12.readAndInspect(pfx, password, Pkcs12ReadOptions.defaults());
      Certificates.summarize(read.identity().certificate());
    } catch (SmimeException expected) {
      // the only failure allowed on bad input
    }
    try {
      for (var c : Pkcs12.readCertificatesOnly(pfx, password)) {
        Certificates.summarize(c);
      }
    } catch (SmimeException expected) {
      // the only failure allowed on bad input
    }
  }

  private static byte[] tlv(int tag, byte[]... contents) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] c : contents) {
      body.writeBytes(c);
    }
    int n = body.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream(n + 6);
    out.write(tag);
    if (n < 0x80) {
      out.write(n);
    } else {
      out.write(0x84);
      out.write(n >>> 24);
      out.write(n >>> 16);
      out.write(n >>> 8);
      out.write(n);
    }
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }
}
