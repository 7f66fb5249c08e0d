package io.github.smimekit.core.internal.cert;

import org.jspecify.annotations.Nullable;

/**
 * One certificate {@link CertificateSniffer} found: either its DER ({@code length} bytes of {@code
 * buffer} at {@code offset}), or (when {@link #pemText()}) a whole validated PEM {@code
 * CERTIFICATE} block, BEGIN line to END line, whose base64 body is {@code buffer[bodyStart,
 * bodyEnd)}. {@code where} says where it came from, for messages; {@code inputOffset} is its offset
 * in the input (or of the text block it was decoded from).
 */
public final class DerSlice {
  private final byte[] buffer;
  private final int offset;
  private final int length;
  private final @Nullable String where; // built on demand for PEM blocks (hot path)
  private final long inputOffset;
  private final boolean pemText;
  private final int bodyStart;
  private final int bodyEnd;
  private final int block;
  private final String label;
  private final boolean joinsPrevious;

  DerSlice(byte[] buffer, int offset, int length, String where, long inputOffset) {
    this(buffer, offset, length, where, inputOffset, false, 0, 0, 0, "", false);
  }

  private DerSlice(
      byte[] buffer,
      int offset,
      int length,
      @Nullable String where,
      long inputOffset,
      boolean pemText,
      int bodyStart,
      int bodyEnd,
      int block,
      String label,
      boolean joinsPrevious) {
    this.buffer = buffer;
    this.offset = offset;
    this.length = length;
    this.where = where;
    this.inputOffset = inputOffset;
    this.pemText = pemText;
    this.bodyStart = bodyStart;
    this.bodyEnd = bodyEnd;
    this.block = block;
    this.label = label;
    this.joinsPrevious = joinsPrevious;
  }

  /** A validated PEM CERTIFICATE block, left as text for the JDK's factory. */
  static DerSlice pem(
      byte[] text,
      int begin,
      int end,
      long inputOffset,
      int bodyStart,
      int bodyEnd,
      int block,
      String label,
      boolean joinsPrevious) {
    return new DerSlice(
        text,
        begin,
        end - begin,
        null,
        inputOffset,
        true,
        bodyStart,
        bodyEnd,
        block,
        label,
        joinsPrevious);
  }

  /**
   * Whether this PEM block directly follows the previous slice, also a PEM block, with only
   * whitespace between them, in the same buffer: a run of such blocks can go to the JDK factory at
   * once.
   */
  public boolean joinsPrevious() {
    return joinsPrevious;
  }

  /** The array holding the DER or PEM text (shared, not copied). */
  public byte[] buffer() {
    return buffer;
  }

  /** Where the DER or PEM block starts in {@link #buffer()}. */
  public int offset() {
    return offset;
  }

  /** The length of the DER or PEM block. */
  public int length() {
    return length;
  }

  /** Where it came from, for messages, e.g. {@code "pem block #2 (CERTIFICATE) at offset 80"}. */
  public String where() {
    return where != null ? where : PemArmour.where(block, label, inputOffset);
  }

  /** Its offset in the input (or of the text block it was decoded from). */
  public long inputOffset() {
    return inputOffset;
  }

  /** Whether this is a PEM CERTIFICATE block (text) rather than DER. */
  public boolean pemText() {
    return pemText;
  }

  /** Start of the base64 body of a PEM block in {@link #buffer()}. */
  int bodyStart() {
    return bodyStart;
  }

  /** End of the base64 body of a PEM block in {@link #buffer()}. */
  int bodyEnd() {
    return bodyEnd;
  }
}
