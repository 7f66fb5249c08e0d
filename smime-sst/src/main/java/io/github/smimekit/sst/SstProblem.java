package io.github.smimekit.sst;

/**
 * What is wrong with a serialized store, as reported by {@link SstFormatException#problem()} and
 * {@link SstWarning#problem()} (spec section 8). The ones marked "lenient" become {@link
 * SstWarning}s when {@link SstReadOptions#lenient()} is set; every other one is always an error.
 */
public enum SstProblem {
  /** The input is empty (0 bytes). Lenient: an empty store with a warning. */
  EMPTY_INPUT(true),
  /** The input is shorter than the 8-byte file header. */
  TRUNCATED_FILE_HEADER(false),
  /** The input does not start with {@code 00000000 'CERT'}. */
  NOT_A_SERIALIZED_STORE(false),
  /** The header has the {@code CERT} magic but a version other than 0. */
  UNSUPPORTED_VERSION(false),
  /**
   * Fewer than 12 bytes are left where an element header should start. Lenient: a warning with the
   * offset; the entries before it are kept (a store cut short).
   */
  TRUNCATED_ELEMENT_HEADER(true),
  /**
   * An element's length is larger than the bytes that remain. Lenient: a warning with the offset;
   * the entries before it are kept, the cut entry and its properties are dropped.
   */
  ELEMENT_LENGTH_OUT_OF_RANGE(true),
  /** A context element (certificate, CRL, CTL) has length 0. */
  EMPTY_CONTEXT(false),
  /** An element's encoding field is not 1. Lenient: a warning; kept, written back with 1. */
  ENCODING_NOT_ONE(true),
  /** A property id is greater than 0xFFFF. */
  PROPERTY_ID_OUT_OF_RANGE(false),
  /** Properties follow the last context with no context after them. Lenient: dropped. */
  ORPHANED_PROPERTIES(true),
  /** The input ends without the 12-byte end marker. Lenient: a warning. */
  MISSING_END_MARKER(true),
  /** The end marker's encoding or length field is not zero. Lenient: a warning. */
  MALFORMED_END_MARKER(true),
  /** Bytes follow the end marker. Lenient: ignored with a warning. */
  TRAILING_BYTES(true),
  /** The input, an element or the element count is over a limit of {@link SstReadOptions}. */
  LIMIT_EXCEEDED(false),
  /** A certificate or CRL entry's DER is not accepted by the X.509 decoder. */
  UNDECODABLE_CONTEXT(false),
  /** A property value does not have the layout its id calls for (e.g. a FILETIME of 5 bytes). */
  MALFORMED_PROPERTY_VALUE(false),
  /** The content is not a certificate store, PKCS#7 bundle or certificate (content sniffing). */
  NOT_A_CERTIFICATE_STORE(false),
  /** A serialized element without the store header, when that form was not asked for. */
  HEADERLESS_ELEMENTS(false);

  private final boolean lenientWarning;

  SstProblem(boolean lenientWarning) {
    this.lenientWarning = lenientWarning;
  }

  /** Whether lenient reading reports this problem as a warning instead of an error. */
  public boolean isWarningWhenLenient() {
    return lenientWarning;
  }
}
