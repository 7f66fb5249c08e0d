package io.github.smimekit.testing;

import java.util.Arrays;
import java.util.Objects;

/**
 * One element of a serialized certificate store (.sst): {@code u32 id, u32 encoding, u32 length,
 * value}. Ids 32, 33 and 34 are context elements (certificate, CRL, CTL DER); other ids are
 * properties of the next context. Immutable.
 */
public final class GeneratedElement {
  /** Context id of a certificate element. */
  public static final int CERTIFICATE = 32;

  /** Context id of a CRL element. */
  public static final int CRL = 33;

  /** Context id of a CTL element. */
  public static final int CTL = 34;

  private final int id;
  private final int encoding;
  private final byte[] value;

  private GeneratedElement(int id, int encoding, byte[] value) {
    this.id = id;
    this.encoding = encoding;
    this.value = value.clone();
  }

  /** An element with encoding 1 (X509_ASN_ENCODING). */
  public static GeneratedElement of(int id, byte[] value) {
    return of(id, 1, value);
  }

  /** An element with any id and encoding (for malformed test inputs too). */
  public static GeneratedElement of(int id, int encoding, byte[] value) {
    return new GeneratedElement(id, encoding, Objects.requireNonNull(value, "value"));
  }

  /** The element id (property id, or 32/33/34 for a context). */
  public int id() {
    return id;
  }

  /** The encoding field; 1 for every generated element. */
  public int encoding() {
    return encoding;
  }

  /** A copy of the value bytes. */
  public byte[] value() {
    return value.clone();
  }

  /** The value length. */
  public int length() {
    return value.length;
  }

  /** True for ids 32, 33 and 34. */
  public boolean isContext() {
    return id == CERTIFICATE || id == CRL || id == CTL;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GeneratedElement e
        && e.id == id
        && e.encoding == encoding
        && Arrays.equals(e.value, value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, encoding, Arrays.hashCode(value));
  }

  @Override
  public String toString() {
    return "GeneratedElement[id="
        + id
        + ", encoding="
        + encoding
        + ", length="
        + value.length
        + "]";
  }
}
