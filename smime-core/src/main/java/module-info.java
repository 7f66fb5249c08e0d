/**
 * smimekit core: certificates in every common encoding, PKCS#12 identities, thumbprints, e-mail
 * addresses of a certificate, S/MIME fitness checks and chain building.
 *
 * <p>Bouncy Castle is an implementation detail: it is required, never transitively, and no public
 * signature mentions it.
 */
module io.github.smimekit.core {
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  requires org.apache.commons.codec;
  requires java.net.http;
  requires static transitive org.jspecify;

  exports io.github.smimekit.core;
}
