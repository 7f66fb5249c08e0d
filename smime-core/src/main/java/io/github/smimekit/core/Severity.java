package io.github.smimekit.core;

/** How much a {@link Finding} matters. */
public enum Severity {
  /** The certificate will not work for the purpose (Outlook or OWA will not use it). */
  ERROR,
  /** The certificate works but has a weakness or will soon stop working. */
  WARNING,
  /** Worth knowing; no action needed. */
  INFO
}
