/** Typed Exchange Online S/MIME operations, as PowerShell 7 scripts or Admin API calls. */
module io.github.smimekit.exchange {
  requires transitive io.github.smimekit.core;
  requires transitive io.github.smimekit.sst;
  requires static transitive org.jspecify;
  requires java.net.http;
  requires com.fasterxml.jackson.databind;

  exports io.github.smimekit.exchange;
}
