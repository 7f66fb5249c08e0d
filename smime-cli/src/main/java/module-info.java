/** The smime command line. */
module io.github.smimekit.cli {
  requires io.github.smimekit.core;
  requires io.github.smimekit.sst;
  requires io.github.smimekit.exchange;
  requires io.github.smimekit.exchange.msal;
  requires io.github.smimekit.mail;
  requires io.github.smimekit.testing;
  requires info.picocli;
  requires com.fasterxml.jackson.databind;
  requires static org.jspecify;

  exports io.github.smimekit.cli;

  opens io.github.smimekit.cli to
      info.picocli;
}
