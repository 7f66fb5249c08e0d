package io.github.smimekit.testing;

import java.io.ByteArrayOutputStream;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A serialized certificate store (.sst) described element by element, in file order: each context's
 * properties, then the context element. {@link #encode()} writes the Windows layout: the header
 * {@code 00 00 00 00 43 45 52 54}, the elements, then the end marker of 12 zero bytes. Immutable.
 */
public final class GeneratedStore {
  private static final byte[] HEADER = {0, 0, 0, 0, 0x43, 0x45, 0x52, 0x54};

  private final List<GeneratedElement> elements;
  private final List<X509Certificate> certificates;
  private final List<X509CRL> crls;

  private GeneratedStore(
      List<GeneratedElement> elements, List<X509Certificate> certificates, List<X509CRL> crls) {
    this.elements = List.copyOf(elements);
    this.certificates = List.copyOf(certificates);
    this.crls = List.copyOf(crls);
  }

  /**
   * A store of exactly these elements, written as given (no checks: trailing properties or odd
   * encodings are possible). {@link #certificates()} and {@link #crls()} are then empty.
   */
  public static GeneratedStore of(List<GeneratedElement> elements) {
    Objects.requireNonNull(elements, "elements");
    return new GeneratedStore(elements, List.of(), List.of());
  }

  static GeneratedStore of(
      List<GeneratedElement> elements, List<X509Certificate> certificates, List<X509CRL> crls) {
    return new GeneratedStore(elements, certificates, crls);
  }

  /** All elements in file order (header and end marker excluded). */
  public List<GeneratedElement> elements() {
    return elements;
  }

  /** The context elements (ids 32/33/34) in file order. */
  public List<GeneratedElement> contexts() {
    List<GeneratedElement> out = new ArrayList<>();
    for (GeneratedElement e : elements) {
      if (e.isContext()) {
        out.add(e);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The properties of the context with index {@code contextIndex} (in {@link #contexts()}): the
   * property elements between the previous context and it, in file order.
   */
  public List<GeneratedElement> propertiesOf(int contextIndex) {
    int seen = 0;
    List<GeneratedElement> props = new ArrayList<>();
    for (GeneratedElement e : elements) {
      if (e.isContext()) {
        if (seen == contextIndex) {
          return List.copyOf(props);
        }
        seen++;
        props.clear();
      } else {
        props.add(e);
      }
    }
    throw new IndexOutOfBoundsException("context index " + contextIndex + " of " + seen);
  }

  /** The certificates of the certificate contexts, in file order (generated stores only). */
  public List<X509Certificate> certificates() {
    return certificates;
  }

  /** The CRLs of the CRL contexts, in file order (generated stores only). */
  public List<X509CRL> crls() {
    return crls;
  }

  /**
   * The .sst bytes: header, elements (little-endian u32 id, encoding, length; value), end marker.
   */
  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(HEADER);
    for (GeneratedElement e : elements) {
      u32(out, e.id());
      u32(out, e.encoding());
      u32(out, e.length());
      out.writeBytes(e.value());
    }
    out.writeBytes(new byte[12]);
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return "GeneratedStore[elements="
        + elements.size()
        + ", certificates="
        + certificates.size()
        + ", crls="
        + crls.size()
        + "]";
  }

  private static void u32(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }
}
