package io.github.smimekit.sst;

import java.util.Optional;

/**
 * The kind of object an entry of a serialized store holds: the id of its context element (spec
 * section 2: 32 certificate, 33 CRL, 34 CTL).
 */
public enum ContextType {
  /** An X.509 certificate (element id 32, {@code CERT_CERT_PROP_ID}). */
  CERTIFICATE(32),
  /** An X.509 CRL (element id 33). */
  CRL(33),
  /** A certificate trust list, a PKCS#7 SignedData whose content is a CTL (element id 34). */
  CTL(34);

  private static final ContextType[] VALUES = values();

  private final int code;

  ContextType(int code) {
    this.code = code;
  }

  /** The element id written in the file. */
  public int code() {
    return code;
  }

  /** The context type with element id {@code code}, if it is one. */
  public static Optional<ContextType> fromCode(long code) {
    // VALUES: values() would copy the array on every call, once per element read
    for (ContextType t : VALUES) {
      if (t.code == code) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** Lower-case name used in listings: {@code certificate}, {@code crl} or {@code ctl}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
