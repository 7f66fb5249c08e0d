package io.github.smimekit.core;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link Pkcs12#read(byte[], Password)}: whatever the bytes, only an identity or a {@link
 * SmimeException} may come out (no other exception, no hang, no out-of-memory). In {@code mvn test}
 * it runs once over the seeds in {@code Pkcs12FuzzTestInputs/read/}; {@code JAZZER_FUZZ=1 mvn test
 * -Dtest=Pkcs12FuzzTest} fuzzes.
 */
final class Pkcs12FuzzTest {
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
}
