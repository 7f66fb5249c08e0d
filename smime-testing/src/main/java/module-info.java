/**
 * Test fixtures for S/MIME code: a test PKI and seeded random generators. Depends only on the JDK
 * and Bouncy Castle, so smimekit's own modules can use it in their tests.
 */
module io.github.smimekit.testing {
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  requires static transitive org.jspecify;

  exports io.github.smimekit.testing;
}
