/** Typed Exchange Online S/MIME operations, as PowerShell 7 scripts or Admin API calls. */
module io.github.smimekit.exchange {
  requires transitive io.github.smimekit.core;
  requires transitive io.github.smimekit.sst;
  requires static transitive org.jspecify;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  requires org.bouncycastle.provider;
  requires transitive java.net.http;
  requires com.fasterxml.jackson.databind;

  exports io.github.smimekit.exchange;
}
