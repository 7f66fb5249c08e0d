/**
 * The S/MIME test message: an RFC 8551 signed and encrypted message built and opened the way
 * Outlook on the web does.
 *
 * <p>Bouncy Castle (CMS) and Jakarta Mail (MIME) are implementation details: required, never
 * transitively, and no public signature mentions them.
 */
module io.github.smimekit.mail {
  requires transitive io.github.smimekit.core;
  requires transitive io.github.smimekit.sst;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  requires jakarta.mail;
  requires static transitive org.jspecify;

  exports io.github.smimekit.mail;
}
