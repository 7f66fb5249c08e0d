/**
 * Test fixtures for S/MIME code: a test PKI, seeded random generators, and a loopback fake of the
 * Exchange Online Admin API. Depends only on the JDK, Bouncy Castle and Jackson (for the fake's
 * JSON), so smimekit's own modules can use it in their tests.
 */
module io.github.smimekit.testing {
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  requires static transitive org.jspecify;
  requires transitive jdk.httpserver;
  requires com.fasterxml.jackson.databind;

  exports io.github.smimekit.testing;
  exports io.github.smimekit.testing.exchange;
}
